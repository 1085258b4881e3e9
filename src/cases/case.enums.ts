import { registerEnumType } from 'type-graphql';
import type { Message } from '../graphql/errors';
import { Department } from '../staff';

/** Names of the departments, for the words a case shows about its current step. */
export const DEPARTMENT_LABELS: Record<Department, Message> = {
  PUBLIC_SECURITY: { zh: '公安', en: 'public security' },
  CIVIL_AFFAIRS: { zh: '民政', en: 'civil affairs' },
  JUSTICE: { zh: '司法', en: 'justice' },
  HOUSING: { zh: '住建', en: 'housing' },
  HEALTH: { zh: '卫健', en: 'health' },
  MARKET_SUPERVISION: { zh: '市场监督', en: 'market supervision' },
  URBAN_MANAGEMENT: { zh: '城管', en: 'urban management' },
  PARTY_SERVICE_CENTER: { zh: '党群服务中心', en: 'party service centre' },
};

/** Where a case came from. */
export enum CaseSource {
  PATROL = 'PATROL',
  VISIT = 'VISIT',
  WECHAT_GROUP = 'WECHAT_GROUP',
  HOTLINE = 'HOTLINE',
  RESIDENT = 'RESIDENT',
  INTEGRATION = 'INTEGRATION',
}
registerEnumType(CaseSource, {
  name: 'CaseSource',
  description: 'Where a case came from.',
  valuesConfig: {
    PATROL: { description: '巡查 found on patrol' },
    VISIT: { description: '走访 heard on a household visit' },
    WECHAT_GROUP: { description: '微信/QQ群 raised in a WeChat or QQ group' },
    HOTLINE: { description: '12345 the city hotline' },
    RESIDENT: { description: '居民自报 reported by a resident' },
    INTEGRATION: { description: '系统对接 sent by a district system' },
  },
});

/** 小事 / 大事. */
export enum CaseScale {
  SMALL = 'SMALL',
  MAJOR = 'MAJOR',
}
registerEnumType(CaseScale, {
  name: 'CaseScale',
  description: 'How big a case is: small matters stay in the grid, major ones go to a joint meeting.',
  valuesConfig: {
    SMALL: { description: '小事/私事 the grid resolves it ("今日事今日毕")' },
    MAJOR: { description: '大事 goes to a joint meeting (联席会议) of departments' },
  },
});

/** The lifecycle of a case; the transitions are in case-state-machine.ts. */
export enum CaseState {
  REPORTED = 'REPORTED',
  ACCEPTED = 'ACCEPTED',
  ASSIGNED = 'ASSIGNED',
  IN_PROGRESS = 'IN_PROGRESS',
  EXTENSION_REQUESTED = 'EXTENSION_REQUESTED',
  RETURN_REQUESTED = 'RETURN_REQUESTED',
  ESCALATED = 'ESCALATED',
  JOINT_MEETING = 'JOINT_MEETING',
  RESOLVED = 'RESOLVED',
  FEEDBACK_GIVEN = 'FEEDBACK_GIVEN',
  CLOSED = 'CLOSED',
  REOPENED = 'REOPENED',
  REJECTED = 'REJECTED',
}

export const CASE_STATE_LABELS: Record<CaseState, Message> = {
  REPORTED: { zh: '已上报', en: 'reported' },
  ACCEPTED: { zh: '已受理', en: 'accepted' },
  ASSIGNED: { zh: '已分派', en: 'assigned' },
  IN_PROGRESS: { zh: '办理中', en: 'in progress' },
  EXTENSION_REQUESTED: { zh: '申请延时', en: 'extension requested' },
  RETURN_REQUESTED: { zh: '申请退办', en: 'return requested' },
  ESCALATED: { zh: '已上报上级', en: 'escalated' },
  JOINT_MEETING: { zh: '提交联席会议', en: 'at a joint meeting' },
  RESOLVED: { zh: '已办结', en: 'resolved' },
  FEEDBACK_GIVEN: { zh: '已反馈居民', en: 'feedback given' },
  CLOSED: { zh: '已结案', en: 'closed' },
  REOPENED: { zh: '已重办', en: 'reopened' },
  REJECTED: { zh: '不予受理', en: 'rejected' },
};

registerEnumType(CaseState, {
  name: 'CaseState',
  description: 'Where a case is in the closed loop (问题处理闭环).',
  valuesConfig: {
    REPORTED: { description: '已上报 reported, waiting to be accepted (or triaged by the community)' },
    ACCEPTED: { description: '已受理 accepted, waiting to be assigned' },
    ASSIGNED: { description: '已分派 assigned to a responsible party' },
    IN_PROGRESS: { description: '办理中 being handled' },
    EXTENSION_REQUESTED: { description: '申请延时 the handler asked for more time' },
    RETURN_REQUESTED: { description: '申请退办 the handler asked to hand the case back' },
    ESCALATED: { description: '已上报上级 escalated to the community or street' },
    JOINT_MEETING: { description: '提交联席会议 waiting for a joint meeting’s decision' },
    RESOLVED: { description: '已办结 resolved, the resident is to be told' },
    FEEDBACK_GIVEN: { description: '已反馈 the resident was told the result; waiting for a rating' },
    CLOSED: { description: '已结案 closed after the rating or the rating timeout' },
    REOPENED: { description: '已重办 reopened: the resident was not satisfied' },
    REJECTED: { description: '不予受理 rejected as invalid, with a reason' },
  },
});

/** States in which the SLA clocks run (the case waits on someone). */
export const OPEN_STATES: readonly CaseState[] = [
  CaseState.REPORTED,
  CaseState.ACCEPTED,
  CaseState.ASSIGNED,
  CaseState.IN_PROGRESS,
  CaseState.EXTENSION_REQUESTED,
  CaseState.RETURN_REQUESTED,
  CaseState.ESCALATED,
  CaseState.JOINT_MEETING,
  CaseState.REOPENED,
];

/** One per mutation that moves a case. */
export enum CaseAction {
  REPORT = 'REPORT',
  ACCEPT = 'ACCEPT',
  ASSIGN = 'ASSIGN',
  START = 'START',
  RESOLVE = 'RESOLVE',
  GIVE_FEEDBACK = 'GIVE_FEEDBACK',
  RATE = 'RATE',
  CLOSE = 'CLOSE',
  REOPEN = 'REOPEN',
  REJECT = 'REJECT',
  ESCALATE = 'ESCALATE',
  SEND_TO_JOINT_MEETING = 'SEND_TO_JOINT_MEETING',
  DECIDE = 'DECIDE',
  REQUEST_EXTENSION = 'REQUEST_EXTENSION',
  APPROVE_EXTENSION = 'APPROVE_EXTENSION',
  DENY_EXTENSION = 'DENY_EXTENSION',
  REQUEST_RETURN = 'REQUEST_RETURN',
  APPROVE_RETURN = 'APPROVE_RETURN',
  DENY_RETURN = 'DENY_RETURN',
  SUPERVISE = 'SUPERVISE',
}

export const CASE_ACTION_LABELS: Record<CaseAction, Message> = {
  REPORT: { zh: '上报', en: 'report' },
  ACCEPT: { zh: '受理', en: 'accept' },
  ASSIGN: { zh: '分派', en: 'assign' },
  START: { zh: '开始办理', en: 'start' },
  RESOLVE: { zh: '办结', en: 'resolve' },
  GIVE_FEEDBACK: { zh: '反馈居民', en: 'give feedback' },
  RATE: { zh: '满意度评价', en: 'rate' },
  CLOSE: { zh: '结案', en: 'close' },
  REOPEN: { zh: '重办', en: 'reopen' },
  REJECT: { zh: '不予受理', en: 'reject' },
  ESCALATE: { zh: '上报上级', en: 'escalate' },
  SEND_TO_JOINT_MEETING: { zh: '提交联席会议', en: 'send to a joint meeting' },
  DECIDE: { zh: '联席会议决定', en: 'joint meeting decision' },
  REQUEST_EXTENSION: { zh: '申请延时', en: 'request an extension' },
  APPROVE_EXTENSION: { zh: '批准延时', en: 'approve the extension' },
  DENY_EXTENSION: { zh: '驳回延时', en: 'deny the extension' },
  REQUEST_RETURN: { zh: '申请退办', en: 'request a return' },
  APPROVE_RETURN: { zh: '批准退办', en: 'approve the return' },
  DENY_RETURN: { zh: '驳回退办', en: 'deny the return' },
  SUPERVISE: { zh: '督办', en: 'supervise' },
};

registerEnumType(CaseAction, {
  name: 'CaseAction',
  description: 'A step of the closed loop; each has its own mutation.',
  valuesConfig: Object.fromEntries(
    Object.entries(CASE_ACTION_LABELS).map(([k, m]) => [k, { description: `${m.zh} ${m.en}` }]),
  ) as Record<CaseAction, { description: string }>,
});

/** The territory level that currently holds a case. */
export enum CaseLevel {
  GRID = 'GRID',
  COMMUNITY = 'COMMUNITY',
  STREET = 'STREET',
}
registerEnumType(CaseLevel, {
  name: 'CaseLevel',
  description: 'The level that currently holds a case (escalation moves it up).',
  valuesConfig: {
    GRID: { description: '网格 the grid' },
    COMMUNITY: { description: '社区 the community' },
    STREET: { description: '街道 the street' },
  },
});

export const CASE_LEVEL_RANK: Record<CaseLevel, number> = { GRID: 0, COMMUNITY: 1, STREET: 2 };

/** 责任主体. */
export enum ResponsibleKind {
  GRID = 'GRID',
  COMMUNITY = 'COMMUNITY',
  RESIDENTIAL_BRANCH = 'RESIDENTIAL_BRANCH',
  OWNERS_COMMITTEE = 'OWNERS_COMMITTEE',
  PROPERTY_COMPANY = 'PROPERTY_COMPANY',
  DEPARTMENT = 'DEPARTMENT',
  JOINT_MEETING = 'JOINT_MEETING',
}

export const RESPONSIBLE_LABELS: Record<ResponsibleKind, Message> = {
  GRID: { zh: '网格', en: 'grid' },
  COMMUNITY: { zh: '社区', en: 'community' },
  RESIDENTIAL_BRANCH: { zh: '小区党支部', en: 'residential party branch' },
  OWNERS_COMMITTEE: { zh: '业委会', en: 'owners’ committee' },
  PROPERTY_COMPANY: { zh: '物业公司', en: 'property company' },
  DEPARTMENT: { zh: '职能部门', en: 'department' },
  JOINT_MEETING: { zh: '联席会议', en: 'joint meeting' },
};

registerEnumType(ResponsibleKind, {
  name: 'ResponsibleKind',
  description: 'Who is responsible for handling a case (责任主体).',
  valuesConfig: Object.fromEntries(
    Object.entries(RESPONSIBLE_LABELS).map(([k, m]) => [k, { description: `${m.zh} ${m.en}` }]),
  ) as Record<ResponsibleKind, { description: string }>,
});

/** How the resident was told the result. */
export enum FeedbackChannel {
  PHONE = 'PHONE',
  VISIT = 'VISIT',
  WECHAT = 'WECHAT',
  SMS = 'SMS',
  HOTLINE = 'HOTLINE',
  OTHER = 'OTHER',
}
registerEnumType(FeedbackChannel, {
  name: 'FeedbackChannel',
  description: 'How the resident was told the result of a case.',
  valuesConfig: {
    PHONE: { description: '电话 by phone' },
    VISIT: { description: '上门 in person' },
    WECHAT: { description: '微信 by WeChat' },
    SMS: { description: '短信 by text message' },
    HOTLINE: { description: '12345 回访 through the hotline' },
    OTHER: { description: '其他 other' },
  },
});

/** Which SLA clock ran out. */
export enum OverdueClock {
  STEP = 'STEP',
  OVERALL = 'OVERALL',
}
registerEnumType(OverdueClock, {
  name: 'OverdueClock',
  description: 'The SLA clock that ran out.',
  valuesConfig: {
    STEP: { description: '环节时限 the deadline of the current step' },
    OVERALL: { description: '总时限 the overall deadline of the case' },
  },
});

export enum JointMeetingStatus {
  SCHEDULED = 'SCHEDULED',
  HELD = 'HELD',
}
registerEnumType(JointMeetingStatus, {
  name: 'JointMeetingStatus',
  description: 'Whether a joint meeting took place.',
  valuesConfig: {
    SCHEDULED: { description: '待召开 scheduled' },
    HELD: { description: '已召开 held: at least one decision is recorded' },
  },
});
