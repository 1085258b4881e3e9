import { Case, CaseCategory, FeedbackChannel } from '../../src/cases';
import { Organization, OrganizationKind, Resident } from '../../src/people';
import { StaffAssignment, StaffRole } from '../../src/staff';
import { MicroGrid } from '../../src/territory';
import {
  daysAgo,
  demoGrid,
  linkedCaseOutcome,
  localDateOf,
  seedActivity,
  seedCaseLink,
  seedEnable,
  type ModuleSeed,
} from '../../src/modules';
import {
  SafetyDispute,
  SafetyDisputeStatus,
  SafetyDisputeType,
  SafetyHazard,
  SafetyHazardStatus,
  SafetyHazardType,
  SafetyResponsibleParty,
} from './safety.entities';
import { safety } from './safety.module';

const HOUR = 3600_000;
const ROUTES = [
  '1号楼→2号楼→3号楼→地下车库',
  '南门→中心花园→垃圾分类站→北门',
  '4号楼→5号楼→6号楼→非机动车棚',
  '消防通道→配电房→水泵房',
];
const FINDINGS = ['无异常', '无异常', '无异常', '楼道有杂物堆放，已提醒住户清理', '非机动车棚有飞线充电'];
const HAZARD_TYPES: Partial<Record<string, SafetyHazardType>> = {
  SAFETY_HAZARD: SafetyHazardType.FIRE,
  FACILITY: SafetyHazardType.STRUCTURAL,
  ILLEGAL_CONSTRUCTION: SafetyHazardType.STRUCTURAL,
  ENVIRONMENT: SafetyHazardType.OTHER,
};
const DISPUTES: [SafetyDisputeType, SafetyResponsibleParty, string, string][] = [
  [
    SafetyDisputeType.NEIGHBOUR,
    SafetyResponsibleParty.COMMUNITY_GRID,
    '楼上渗水至楼下，双方就维修费用争执',
    '网格员上门协调，楼上住户承担维修',
  ],
  [
    SafetyDisputeType.PROPERTY_SERVICE,
    SafetyResponsibleParty.PROPERTY_COMPANY,
    '电梯频繁停运，业主与物业争执',
    '物业更换电梯控制板并公示维保记录',
  ],
  [
    SafetyDisputeType.PARKING,
    SafetyResponsibleParty.OWNERS_COMMITTEE,
    '固定车位被他人长期占用',
    '业委会制定车位管理办法并张贴公示',
  ],
  [
    SafetyDisputeType.NOISE,
    SafetyResponsibleParty.COMMUNITY_GRID,
    '夜间装修噪音扰民',
    '约定施工时间，违规即停工',
  ],
  [
    SafetyDisputeType.NEIGHBOUR,
    SafetyResponsibleParty.RESIDENTIAL_BRANCH,
    '公共走道堆放杂物引发口角',
    '党员楼栋长入户劝导，杂物已清理',
  ],
  [
    SafetyDisputeType.PROPERTY_SERVICE,
    SafetyResponsibleParty.PROPERTY_COMPANY,
    '物业费上涨未经业主大会',
    '物业暂缓调价，提交业主大会表决',
  ],
  [
    SafetyDisputeType.FAMILY,
    SafetyResponsibleParty.RESIDENTIAL_BRANCH,
    '老人赡养问题兄弟争执',
    '支部书记组织家庭会议达成赡养协议',
  ],
  [
    SafetyDisputeType.OTHER,
    SafetyResponsibleParty.OWNERS_COMMITTEE,
    '公共收益使用不透明',
    '业委会公开近两年公共收益账目',
  ],
];

/**
 * The safety grid: weekly patrols of each micro-grid by its chief, hazards found on some of them
 * (the grid's own cases, following their state) and a year of disputes routed and told back.
 */
export const seedSafety: ModuleSeed = async (em, t) => {
  const r = t.random;
  const grid = demoGrid(t, safety.id);
  const place = { streetId: grid.streetId, communityId: grid.communityId, gridId: grid.id };
  seedEnable(em, safety, grid, daysAgo(400));
  const micros = await em.find(MicroGrid, { gridId: grid.id }, { orderBy: { code: 'asc' } });
  if (!micros.length) return;
  const chiefs = await em.find(StaffAssignment, {
    microGridId: { $in: micros.map((m) => m.id) },
    role: StaffRole.MICRO_GRID_CHIEF,
  });
  const chiefOf = (microId: string) => chiefs.find((c) => c.microGridId === microId)?.staffMemberId;
  const patrol = (micro: MicroGrid, at: Date, findings?: string) =>
    seedActivity(em, safety, 'patrol', grid, {
      occurredAt: at,
      title: `${micro.name}巡查`,
      details: {
        microGridId: micro.id,
        ...(chiefOf(micro.id) ? { chiefId: chiefOf(micro.id)! } : {}),
        route: r.pick(ROUTES),
        durationMinutes: r.int(30, 90),
        findings: findings ?? r.pick(FINDINGS),
      },
    });

  for (const [mi, micro] of micros.entries()) {
    for (let week = 0; week < 50; week++) patrol(micro, daysAgo(3 + mi + week * 7, 1 + r.int(0, 3)));
  }

  // Cases the grid had about safety and facilities: found on patrol, reported as hazards.
  const categories = await em.find(CaseCategory, { code: { $in: Object.keys(HAZARD_TYPES) } });
  const codeOf = new Map(categories.map((c) => [c.id, c.code]));
  const cases = await em.find(
    Case,
    { gridId: grid.id, categoryId: { $in: categories.map((c) => c.id) } },
    { orderBy: { id: 'asc' }, limit: 10 },
  );
  for (const c of cases) {
    const micro = micros.find((m) => m.id === c.microGridId) ?? r.pick(micros);
    const at = new Date(c.reportedAt.getTime() - 2 * HOUR);
    const found = patrol(micro, at, `发现隐患：${c.title}`);
    const outcome = linkedCaseOutcome(c.state);
    const hazard = em.create(SafetyHazard, {
      ...place,
      patrolId: found.id,
      microGridId: micro.id,
      buildingId: c.buildingId ?? null,
      hazardType: HAZARD_TYPES[codeOf.get(c.categoryId) ?? ''] ?? SafetyHazardType.OTHER,
      title: c.title,
      description: c.description ?? null,
      location: c.address ?? null,
      foundAt: at,
      status:
        outcome === 'RESOLVED'
          ? SafetyHazardStatus.RESOLVED
          : outcome === 'REJECTED'
            ? SafetyHazardStatus.DISMISSED
            : SafetyHazardStatus.OPEN,
      resolution:
        outcome === 'RESOLVED'
          ? (c.resolution ?? null)
          : outcome === 'REJECTED'
            ? (c.rejectReason ?? null)
            : null,
      resolvedAt: outcome === 'RESOLVED' ? (c.resolvedAt ?? null) : null,
    });
    seedCaseLink(em, safety, hazard, c.id);
  }

  const residents = await em.find(Resident, { gridId: grid.id }, { orderBy: { id: 'asc' } });
  if (!residents.length) return;
  const orgs = await em.find(Organization, {
    communityId: grid.communityId,
    kind: { $in: [OrganizationKind.PROPERTY_COMPANY, OrganizationKind.OWNERS_COMMITTEE] },
    $or: [{ gridId: null }, { gridId: grid.id }],
  });
  for (let i = 0; i < 24; i++) {
    const [disputeType, routedTo, summary, outcome] = DISPUTES[i % DISPUTES.length]!;
    const ago = i < 3 ? r.int(0, 12) : r.int(14, 350);
    const received = daysAgo(ago, 2);
    // The three most recent are still with the responsible party; a few settled ones await feedback.
    const resolved = i >= 3;
    const told = resolved && i % 7 !== 0;
    const resolvedAt = new Date(received.getTime() + r.int(1, 6) * 24 * HOUR);
    const orgKind =
      routedTo === SafetyResponsibleParty.PROPERTY_COMPANY
        ? OrganizationKind.PROPERTY_COMPANY
        : routedTo === SafetyResponsibleParty.OWNERS_COMMITTEE
          ? OrganizationKind.OWNERS_COMMITTEE
          : null;
    em.create(SafetyDispute, {
      ...place,
      residentId: r.pick(residents).id,
      disputeType,
      summary,
      receivedOn: localDateOf(received),
      routedTo,
      organizationId: orgKind ? (orgs.find((o) => o.kind === orgKind)?.id ?? null) : null,
      status: told
        ? SafetyDisputeStatus.FEEDBACK_GIVEN
        : resolved
          ? SafetyDisputeStatus.RESOLVED
          : SafetyDisputeStatus.ROUTED,
      outcome: resolved ? outcome : null,
      resolvedAt: resolved ? resolvedAt : null,
      feedbackChannel: told
        ? r.pick([FeedbackChannel.PHONE, FeedbackChannel.VISIT, FeedbackChannel.WECHAT])
        : null,
      feedbackAt: told ? new Date(resolvedAt.getTime() + r.int(2, 30) * HOUR) : null,
      feedbackNote: told ? '居民表示满意' : null,
    });
  }
};
