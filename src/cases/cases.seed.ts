import type { EntityManager } from '@mikro-orm/postgresql';
import { v7 as uuidv7 } from 'uuid';
import { User } from '../auth/user.entity';
import type { DemoSeedStep, DemoTerritory } from '../db/seed/demo.seed';
import { SeededRandom } from '../db/seed/random';
import { toGlobalId } from '../graphql/global-id';
import { Organization, OrganizationKind, Resident } from '../people';
import { Department, StaffAssignment, StaffMember, StaffRole } from '../staff';
import { Building, type Grid } from '../territory';
import { CaseCategory } from './case-category.entity';
import { Case } from './case.entity';
import {
  CaseAction,
  CaseLevel,
  CaseScale,
  CaseSource,
  CaseState,
  FeedbackChannel,
  JointMeetingStatus,
  ResponsibleKind,
} from './case.enums';
import { CaseEvent } from './case-event.entity';
import { applyTransition, type ActionInput } from './case-lifecycle';
import { addHours, endOfLocalDay, overallDeadline, RATING_TIMEOUT_DAYS } from './case-sla';
import { transitionFor } from './case-state-machine';
import { JointMeeting, JointMeetingItem } from './joint-meeting.entity';

/*
 * About 300 demo cases over the last year in every grid, through every path of the state machine.
 * Histories are played through the same transition table and `applyTransition` the API uses, with
 * the clock moved by hand, so a seeded case ends in the state its last timeline step names. A path
 * that would run past "now" stops there, which leaves the recent cases open in various states.
 */

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

interface Actor {
  id: string | null;
  name: string;
}

interface GridPeople {
  grid: Grid;
  index: number;
  worker: Actor;
  workerStaffIds: string[];
  residents: Resident[];
  buildings: Map<string, Building>;
  property: Organization | null;
  owners: Organization | null;
  box: [number, number, number, number];
}

interface Texts {
  titles: string[];
  resolutions: string[];
}

const TEXTS: Record<string, Texts> = {
  ENVIRONMENT: {
    titles: [
      '垃圾分类点垃圾满溢',
      '绿化带内堆积建筑垃圾',
      '楼道内杂物堆放',
      '小区下水道井盖处污水外溢',
      '宠物粪便无人清理',
    ],
    resolutions: [
      '已协调保洁公司当日清运，并增加清运频次。',
      '已联系物业清理杂物，张贴告示提醒住户。',
      '已疏通管道并消杀，回访无异味。',
    ],
  },
  SAFETY_HAZARD: {
    titles: [
      '楼道内电动车充电',
      '消防通道被车辆占用',
      '楼顶护栏松动',
      '单元门口燃气管道锈蚀',
      '广告牌松动有坠落风险',
    ],
    resolutions: [
      '已劝离电动车并告知集中充电点位置。',
      '已联系车主挪车，物业设置禁停标识。',
      '已设置警示隔离，专业人员完成加固。',
    ],
  },
  PROPERTY_SERVICE: {
    titles: [
      '电梯频繁故障停运',
      '小区门禁系统损坏',
      '物业保洁不到位',
      '地下车库照明不足',
      '二次供水水压不足',
    ],
    resolutions: [
      '物业已联系维保单位更换故障部件，电梯恢复运行。',
      '物业已更换门禁主板，门禁恢复正常。',
      '物业已调整保洁排班并公示保洁标准。',
    ],
  },
  NEIGHBOUR_DISPUTE: {
    titles: ['楼上漏水引发邻里纠纷', '楼道堆物邻里争执', '宠物扰邻引发矛盾', '共用墙体开裂责任争议'],
    resolutions: [
      '经网格员现场调解，楼上住户同意维修防水层，双方达成协议。',
      '经调解双方各自清理堆物，和好如初。',
      '经人民调解员调解，双方签订调解协议书。',
    ],
  },
  FACILITY: {
    titles: ['路灯不亮', '顶楼屋面漏水', '健身器材损坏', '单元门闭门器损坏', '小区道路破损积水'],
    resolutions: [
      '已报修，路灯更换灯具后恢复照明。',
      '已完成屋面防水修补，雨后回访无渗漏。',
      '已更换损坏部件，器材恢复使用。',
    ],
  },
  NOISE: {
    titles: ['夜间装修噪音扰民', '广场舞音响音量过大', '商铺外放音乐扰民', '空调外机噪音过大'],
    resolutions: [
      '已劝导装修队遵守施工时间，夜间不再施工。',
      '已与舞蹈队协商降低音量并调整时间。',
      '已约谈商铺负责人，停止外放。',
    ],
  },
  ILLEGAL_CONSTRUCTION: {
    titles: ['楼顶违规加盖彩钢房', '一楼住户私搭院墙', '绿地内违建车棚', '阳台违规外扩'],
    resolutions: [
      '经联席会议研究，城管执法中队依法拆除违建。',
      '当事人已自行拆除违建，恢复原状。',
      '已下达整改通知，违建已拆除。',
    ],
  },
  LIVELIHOOD: {
    titles: ['独居老人助餐需求', '困难家庭申请临时救助', '残疾人辅具申请咨询', '老旧小区加装电梯意向'],
    resolutions: [
      '已为老人登记助餐服务，每日送餐上门。',
      '已协助提交临时救助申请，救助金已发放。',
      '已联系残联完成辅具适配。',
    ],
  },
  OTHER: {
    titles: ['快递驿站占道经营', '小区流浪猫过多', '共享单车乱停放', '居民咨询户籍办理'],
    resolutions: [
      '已协调驿站规范摆放，不再占道。',
      '已联系志愿者开展救助绝育。',
      '已联系运营企业清运车辆并设置停放区。',
    ],
  },
};

const DEPARTMENT_FOR: Record<string, Department> = {
  ENVIRONMENT: Department.URBAN_MANAGEMENT,
  SAFETY_HAZARD: Department.PUBLIC_SECURITY,
  PROPERTY_SERVICE: Department.HOUSING,
  NEIGHBOUR_DISPUTE: Department.JUSTICE,
  FACILITY: Department.HOUSING,
  NOISE: Department.PUBLIC_SECURITY,
  ILLEGAL_CONSTRUCTION: Department.URBAN_MANAGEMENT,
  LIVELIHOOD: Department.CIVIL_AFFAIRS,
  OTHER: Department.PARTY_SERVICE_CENTER,
};

const CHANNELS = [
  FeedbackChannel.PHONE,
  FeedbackChannel.PHONE,
  FeedbackChannel.VISIT,
  FeedbackChannel.WECHAT,
  FeedbackChannel.SMS,
];

/** Plays one case's history step by step, never past `limit`. */
class CaseSim {
  readonly events: {
    action: CaseAction;
    fromState: CaseState | null;
    toState: CaseState;
    level: CaseLevel;
    at: Date;
    actor: Actor | null;
    note: string | null;
    data: Record<string, unknown>;
  }[] = [];

  constructor(
    readonly c: Case,
    private readonly category: CaseCategory,
    public at: Date,
    private readonly limit: Date,
  ) {}

  /** Moves the clock on by `hours` and takes the step; false (nothing done) past the limit or the stop state. */
  step(
    action: CaseAction,
    hours: number,
    actor: Actor | null,
    input: (at: Date) => ActionInput = () => ({}),
    note: string | null = null,
  ): boolean {
    const at = new Date(this.at.getTime() + Math.round(hours * HOUR));
    if (at.getTime() > this.limit.getTime() || this.stopped) return false;
    this.at = at;
    const rule = transitionFor(this.c, action);
    const data = applyTransition(this.c, rule, input(at), at, this.category);
    this.events.push({
      action,
      fromState: rule.from,
      toState: this.c.state,
      level: this.c.level,
      at,
      actor,
      note,
      data,
    });
    if (this.stopAt && this.c.state === this.stopAt) this.stopped = true;
    return true;
  }

  private stopAt?: CaseState;
  private stopped = false;

  /** Ends the history as soon as the case reaches `state` (at once, if it is there already). */
  stopAtState(state: CaseState | undefined): void {
    this.stopAt = state;
    this.stopped = !!state && this.c.state === state;
  }
}

export const seedCases: DemoSeedStep = async (em, t) => new CaseSeeder(em, t).run();

class CaseSeeder {
  private readonly r = new SeededRandom(3_000_003);
  private readonly now = new Date();
  private categories = new Map<string, CaseCategory>();
  private grids: GridPeople[] = [];
  private community!: Actor;
  private street!: Actor;
  private caseCount = 0;

  constructor(
    private readonly em: EntityManager,
    private readonly t: DemoTerritory,
  ) {}

  async run(): Promise<void> {
    const cats = await this.em.find(CaseCategory, { streetId: null }, { orderBy: { id: 'asc' } });
    this.categories = new Map(cats.map((c) => [c.code, c]));
    if (!this.categories.size) return;
    const users = await this.em.find(User, {
      username: { $in: ['community_admin', 'street_admin', 'grid_worker', 'grid_worker2'] },
    });
    const user = (name: string): Actor | null => {
      const u = users.find((x) => x.username === name);
      return u ? { id: u.id, name: u.displayName } : null;
    };
    this.community = user('community_admin') ?? { id: null, name: '社区管理员' };
    this.street = user('street_admin') ?? { id: null, name: '街道管理员' };
    for (const [index, grid] of this.t.grids.entries()) {
      this.grids.push(
        await this.gridPeople(
          grid,
          index,
          index === 0 ? user('grid_worker') : index === 1 ? user('grid_worker2') : null,
        ),
      );
    }

    const meetings = this.meetings();
    this.history();
    this.jointCases(meetings);
    this.showcase(meetings.upcoming);
    this.triageCase();
    await this.em.flush();
    // The ORM writes a new row at version 1 whatever it is given; a seeded case is at the version
    // its timeline reached.
    await this.em.getConnection().execute(
      `update case_record c set version = v.n
       from (select case_id, count(*)::int as n from case_event group by case_id) v
       where v.case_id = c.id and c.version <> v.n`,
    );
  }

  private async gridPeople(grid: Grid, index: number, account: Actor | null): Promise<GridPeople> {
    const posts = await this.em.find(
      StaffAssignment,
      { gridId: grid.id, role: StaffRole.GRID_WORKER, endDate: null },
      { orderBy: { id: 'asc' } },
    );
    const staff = posts.length
      ? await this.em.find(
          StaffMember,
          { id: { $in: posts.map((p) => p.staffMemberId) } },
          { orderBy: { id: 'asc' } },
        )
      : [];
    const residents = await this.em.find(
      Resident,
      { gridId: grid.id, householdId: { $ne: null } },
      { orderBy: { id: 'asc' }, limit: 60 },
    );
    const buildings = await this.em.find(Building, { gridId: grid.id });
    const orgs = await this.em.find(
      Organization,
      {
        communityId: grid.communityId,
        kind: { $in: [OrganizationKind.PROPERTY_COMPANY, OrganizationKind.OWNERS_COMMITTEE] },
      },
      { orderBy: { id: 'asc' } },
    );
    const pick = (kind: OrganizationKind) =>
      orgs.find((o) => o.kind === kind && o.gridId === grid.id) ?? orgs.find((o) => o.kind === kind) ?? null;
    const worker: Actor = account ?? {
      id: null,
      name: staff[0]?.name ?? `${grid.name.slice(0, 4)}网格员`,
    };
    return {
      grid,
      index,
      worker,
      workerStaffIds: staff.map((s) => s.id),
      residents,
      buildings: new Map(buildings.map((b) => [b.id, b])),
      property: pick(OrganizationKind.PROPERTY_COMPANY),
      owners: pick(OrganizationKind.OWNERS_COMMITTEE),
      box: boundingBox(grid.boundary),
    };
  }

  // ---------- cases ----------

  private newCase(
    g: GridPeople | null,
    reportedAt: Date,
    code: string,
    opts: { scale?: CaseScale; source?: CaseSource; point?: [number, number] } = {},
  ): { c: Case; category: CaseCategory; texts: Texts } {
    const r = this.r;
    const category = this.categories.get(code) ?? this.categories.get('OTHER')!;
    const texts = TEXTS[category.code] ?? TEXTS.OTHER!;
    const source =
      opts.source ??
      r.pick([
        CaseSource.PATROL,
        CaseSource.PATROL,
        CaseSource.VISIT,
        CaseSource.WECHAT_GROUP,
        CaseSource.HOTLINE,
        CaseSource.RESIDENT,
      ]);
    const scale = opts.scale ?? category.defaultScale;
    const reporter =
      g && g.residents.length && source !== CaseSource.PATROL && r.chance(0.6) ? r.pick(g.residents) : null;
    const building = reporter?.buildingId ? (g?.buildings.get(reporter.buildingId) ?? null) : null;
    const point =
      opts.point ??
      (g && r.chance(0.7)
        ? ([
            round6(g.box[0] + (g.box[2] - g.box[0]) * (0.1 + 0.8 * r.next())),
            round6(g.box[1] + (g.box[3] - g.box[1]) * (0.1 + 0.8 * r.next())),
          ] as [number, number])
        : null);
    const overallDueAt = overallDeadline(reportedAt, scale, category);
    const c = this.em.create(Case, {
      id: uuidv7({ msecs: reportedAt.getTime() }),
      createdAt: reportedAt,
      updatedAt: reportedAt,
      streetId: this.t.street.id,
      communityId: this.t.community.id,
      gridId: g?.grid.id ?? null,
      microGridId: building?.microGridId ?? null,
      buildingId: building?.id ?? null,
      householdId: reporter?.householdId ?? null,
      reporterResidentId: reporter?.id ?? null,
      categoryId: category.id,
      source,
      scale,
      title: r.pick(texts.titles),
      description: reporter ? `居民反映：${r.pick(texts.titles)}，希望尽快处理。` : null,
      state: CaseState.REPORTED,
      level: g ? CaseLevel.GRID : CaseLevel.COMMUNITY,
      reportedAt,
      stepStartedAt: reportedAt,
      dueAt: overallDueAt,
      overallDueAt,
      lng: point?.[0] ?? null,
      lat: point?.[1] ?? null,
      address: building ? `${building.name}附近` : null,
      version: 1,
    });
    this.caseCount++;
    return { c, category, texts };
  }

  private sim(c: Case, category: CaseCategory, limit = this.now): CaseSim {
    return new CaseSim(c, category, c.reportedAt, limit);
  }

  /** Writes the timeline (report first) and sets the version it implies. */
  private finish(sim: CaseSim, reporter: Actor): void {
    const c = sim.c;
    this.em.create(CaseEvent, {
      caseId: c.id,
      version: 1,
      action: CaseAction.REPORT,
      fromState: null,
      toState: CaseState.REPORTED,
      level: c.gridId ? CaseLevel.GRID : CaseLevel.COMMUNITY,
      at: c.reportedAt,
      actorId: reporter.id,
      actorName: reporter.name,
      note: null,
      data: {
        routed: c.gridId ? 'GIVEN' : 'TRIAGE',
        categoryId: toGlobalId('CaseCategory', c.categoryId),
        scale: c.scale,
        source: c.source,
        stepNo: 1,
        overallDueAt: c.overallDueAt.toISOString(),
      },
    });
    sim.events.forEach((e, i) =>
      this.em.create(CaseEvent, {
        caseId: c.id,
        version: i + 2,
        action: e.action,
        fromState: e.fromState,
        toState: e.toState,
        level: e.level,
        at: e.at,
        actorId: e.actor?.id ?? null,
        actorName: e.actor?.name ?? null,
        note: e.note,
        data: e.data,
      }),
    );
    c.version = sim.events.length + 1;
    c.updatedAt = sim.events.length ? sim.events[sim.events.length - 1]!.at : c.reportedAt;
  }

  // ---------- step helpers ----------

  private gridAssign(g: GridPeople, c: Case): (at: Date) => ActionInput {
    const staffId = g.workerStaffIds.length ? this.r.pick(g.workerStaffIds) : null;
    return (at) => ({
      responsible: staffId
        ? { kind: ResponsibleKind.GRID, assigneeId: staffId }
        : { kind: ResponsibleKind.COMMUNITY, name: '社区两委' },
      dueAt: smallDue(c, at),
    });
  }

  private propertyAssign(g: GridPeople, kind: ResponsibleKind, hours: number): (at: Date) => ActionInput {
    const org = kind === ResponsibleKind.OWNERS_COMMITTEE ? g.owners : g.property;
    return (at) => ({
      responsible: {
        kind,
        organizationId: org?.id ?? null,
        name: org ? null : kind === ResponsibleKind.OWNERS_COMMITTEE ? '业主委员会' : '物业服务中心',
      },
      dueAt: addHours(at, hours),
    });
  }

  private deptAssign(code: string, hours: number): (at: Date) => ActionInput {
    return (at) => ({
      responsible: {
        kind: ResponsibleKind.DEPARTMENT,
        department: DEPARTMENT_FOR[code] ?? Department.URBAN_MANAGEMENT,
      },
      dueAt: addHours(at, hours),
    });
  }

  private resolution(texts: Texts): (at: Date) => ActionInput {
    const resolution = this.r.pick(texts.resolutions);
    return () => ({ resolution });
  }

  private feedback(): (at: Date) => ActionInput {
    const channel = this.r.pick(CHANNELS);
    return (at) => ({ feedback: { channel, at, note: '已告知居民办理结果。' } });
  }

  private rating(low = false): (at: Date) => ActionInput {
    const r = this.r;
    const rating = low ? r.int(1, 2) : r.chance(0.82) ? r.int(4, 5) : r.chance(0.6) ? 3 : 2;
    return () => ({
      rating: {
        rating,
        comment: rating >= 4 ? '处理及时，很满意。' : rating === 3 ? '基本满意。' : '问题没有彻底解决。',
      },
    });
  }

  /** Resolution time: small matters within hours (a few run late), others within days. */
  private resolveHours(c: Case): number {
    const r = this.r;
    if (c.scale === CaseScale.SMALL) return r.chance(0.85) ? 0.5 + r.next() * 6 : 12 + r.next() * 60;
    return 24 + r.next() * 200;
  }

  /** The tail every resolved case shares: resolve, tell the resident, rating (or the timeout). */
  private close(
    sim: CaseSim,
    g: GridPeople,
    texts: Texts,
    handler: Actor,
    mode: 'rate' | 'timeout' | 'low' = 'rate',
  ): boolean {
    const r = this.r;
    if (!sim.step(CaseAction.RESOLVE, this.resolveHours(sim.c), handler, this.resolution(texts), null))
      return false;
    if (
      !sim.step(
        CaseAction.GIVE_FEEDBACK,
        0.5 + r.next() * 20,
        g.worker,
        this.feedback(),
        '已电话告知居民办理结果。',
      )
    )
      return false;
    if (mode === 'timeout') {
      const closed = sim.step(
        CaseAction.CLOSE,
        RATING_TIMEOUT_DAYS * 24 + r.next() * 2,
        null,
        () => ({}),
        `${RATING_TIMEOUT_DAYS}日内未评价，自动结案`,
      );
      if (closed) sim.events[sim.events.length - 1]!.data.automatic = true;
      return closed;
    }
    return sim.step(CaseAction.RATE, 0.5 + r.next() * 40, g.worker, this.rating(mode === 'low'), null);
  }

  // ---------- the year of history ----------

  private history(): void {
    const r = this.r;
    const PATHS = [
      ['quick', 34],
      ['property', 14],
      ['escalate', 8],
      ['street', 2],
      ['extension', 6],
      ['return', 4],
      ['supervise', 5],
      ['reopen', 5],
      ['timeout', 5],
      ['reject', 5],
      ['owners', 3],
    ] as const;
    const total = PATHS.reduce((s, [, w]) => s + w, 0);
    const count = 270;
    for (let i = 0; i < count; i++) {
      // Older cases thin out: more activity in recent months, as adoption grows.
      const ageDays = 365 * Math.pow(r.next(), 1.25);
      const reportedAt = new Date(this.now.getTime() - ageDays * DAY - r.int(0, 23) * HOUR);
      if (reportedAt.getTime() > this.now.getTime() - HOUR) continue;
      let roll = r.next() * total;
      const path = PATHS.find(([, w]) => (roll -= w) < 0)?.[0] ?? 'quick';
      const g = this.grids[r.int(0, this.grids.length - 1)]!;
      this.play(path, g, reportedAt);
    }
  }

  private play(path: string, g: GridPeople, reportedAt: Date, stopAt?: CaseState, limit = this.now): Case {
    const r = this.r;
    const codes: Record<string, string[]> = {
      quick: [
        'ENVIRONMENT',
        'NOISE',
        'SAFETY_HAZARD',
        'FACILITY',
        'NEIGHBOUR_DISPUTE',
        'LIVELIHOOD',
        'OTHER',
      ],
      property: ['PROPERTY_SERVICE', 'PROPERTY_SERVICE', 'FACILITY'],
      owners: ['PROPERTY_SERVICE', 'NEIGHBOUR_DISPUTE'],
      escalate: ['SAFETY_HAZARD', 'NOISE', 'LIVELIHOOD', 'FACILITY', 'ENVIRONMENT'],
      street: ['SAFETY_HAZARD', 'ILLEGAL_CONSTRUCTION'],
      extension: ['FACILITY', 'PROPERTY_SERVICE', 'LIVELIHOOD'],
      return: ['PROPERTY_SERVICE', 'FACILITY'],
      supervise: ['ENVIRONMENT', 'FACILITY', 'PROPERTY_SERVICE'],
      reopen: ['FACILITY', 'NOISE', 'PROPERTY_SERVICE'],
      timeout: ['ENVIRONMENT', 'OTHER', 'FACILITY'],
      reject: ['OTHER', 'NEIGHBOUR_DISPUTE', 'LIVELIHOOD'],
    };
    const code = r.pick(codes[path] ?? codes.quick!);
    const { c, category, texts } = this.newCase(g, reportedAt, code);
    const sim = new CaseSim(c, category, reportedAt, limit);
    sim.stopAtState(stopAt);
    const G = g.worker;
    const C = this.community;
    const S = this.street;
    const accept = () => sim.step(CaseAction.ACCEPT, 0.1 + r.next() * 1.5, G);
    const start = (who: Actor) => sim.step(CaseAction.START, 0.2 + r.next() * 3, who);
    (() => {
      switch (path) {
        case 'reject':
          if (r.chance(0.5) && !accept()) return;
          sim.step(
            CaseAction.REJECT,
            0.3 + r.next() * 5,
            G,
            () => ({ reason: '重复上报' }),
            r.pick([
              '与已受理案件重复，已合并处理。',
              '不属于社区管辖事项，已告知居民拨打12345热线。',
              '经核实情况不属实。',
            ]),
          );
          return;
        case 'property':
        case 'owners': {
          const kind =
            path === 'owners' ? ResponsibleKind.OWNERS_COMMITTEE : ResponsibleKind.PROPERTY_COMPANY;
          if (!accept() || !sim.step(CaseAction.ASSIGN, 0.1 + r.next(), G, this.propertyAssign(g, kind, 48)))
            return;
          if (!start(G)) return;
          this.close(sim, g, texts, G);
          return;
        }
        case 'escalate':
          if (
            !accept() ||
            !sim.step(CaseAction.ESCALATE, 0.5 + r.next() * 4, G, () => ({}), '超出网格处置能力，上报社区。')
          )
            return;
          if (!sim.step(CaseAction.ACCEPT, 0.5 + r.next() * 3, C)) return;
          if (!sim.step(CaseAction.ASSIGN, 0.2 + r.next() * 2, C, this.deptAssign(code, 72))) return;
          if (!start(C)) return;
          this.close(sim, g, texts, C);
          return;
        case 'street':
          if (
            !accept() ||
            !sim.step(CaseAction.ESCALATE, 1 + r.next() * 4, G, () => ({}), '涉及多部门，上报社区。')
          )
            return;
          if (
            !sim.step(CaseAction.ESCALATE, 2 + r.next() * 10, C, () => ({}), '社区无法协调解决，上报街道。')
          )
            return;
          if (!sim.step(CaseAction.ACCEPT, 1 + r.next() * 6, S)) return;
          if (!sim.step(CaseAction.ASSIGN, 0.5 + r.next() * 3, S, this.deptAssign(code, 120))) return;
          if (!start(S)) return;
          this.close(sim, g, texts, S);
          return;
        case 'extension': {
          if (
            !accept() ||
            !sim.step(
              CaseAction.ASSIGN,
              0.2 + r.next(),
              G,
              this.propertyAssign(g, ResponsibleKind.PROPERTY_COMPANY, 48),
            )
          )
            return;
          if (!start(G)) return;
          if (
            !sim.step(
              CaseAction.REQUEST_EXTENSION,
              6 + r.next() * 30,
              G,
              () => ({ dueAt: addHours(c.dueAt, 72) }),
              '需采购配件，申请延时三天。',
            )
          )
            return;
          const approve = r.chance(0.8);
          if (
            !sim.step(
              approve ? CaseAction.APPROVE_EXTENSION : CaseAction.DENY_EXTENSION,
              0.5 + r.next() * 5,
              C,
              () => ({}),
              approve ? '同意延时。' : '请按原时限办结。',
            )
          )
            return;
          this.close(sim, g, texts, G);
          return;
        }
        case 'return': {
          if (
            !accept() ||
            !sim.step(
              CaseAction.ASSIGN,
              0.2 + r.next(),
              G,
              this.propertyAssign(g, ResponsibleKind.PROPERTY_COMPANY, 48),
            )
          )
            return;
          if (
            !sim.step(
              CaseAction.REQUEST_RETURN,
              1 + r.next() * 10,
              G,
              () => ({ reason: '不属物业管理范围' }),
              '该问题不属于物业管理范围，申请退办。',
            )
          )
            return;
          if (r.chance(0.3)) {
            if (
              !sim.step(
                CaseAction.DENY_RETURN,
                0.5 + r.next() * 4,
                C,
                () => ({}),
                '属于物业服务合同约定范围，请继续办理。',
              )
            )
              return;
            this.close(sim, g, texts, G);
            return;
          }
          if (!sim.step(CaseAction.APPROVE_RETURN, 0.5 + r.next() * 4, C, () => ({}), '同意退办，重新分派。'))
            return;
          if (!sim.step(CaseAction.ASSIGN, 0.2 + r.next() * 2, C, this.deptAssign(code, 72))) return;
          if (!start(C)) return;
          this.close(sim, g, texts, C);
          return;
        }
        case 'supervise': {
          if (!accept() || !sim.step(CaseAction.ASSIGN, 0.2 + r.next(), G, this.gridAssign(g, c))) return;
          if (!start(G)) return;
          if (r.chance(0.5)) {
            if (
              !sim.step(
                CaseAction.SUPERVISE,
                20 + r.next() * 20,
                C,
                () => ({ reason: '超期' }),
                '已超时限仍未办结，请加快办理。',
              )
            )
              return;
            this.close(sim, g, texts, G);
            return;
          }
          if (!sim.step(CaseAction.RESOLVE, this.resolveHours(c), G, this.resolution(texts))) return;
          if (
            !sim.step(
              CaseAction.SUPERVISE,
              1 + r.next() * 10,
              C,
              () => ({ reason: '办结不实' }),
              '现场核查问题仍存在，办结不实，退回重办。',
            )
          )
            return;
          this.close(sim, g, texts, G);
          return;
        }
        case 'reopen': {
          if (!accept() || !sim.step(CaseAction.ASSIGN, 0.2 + r.next(), G, this.gridAssign(g, c))) return;
          if (!start(G)) return;
          const atFeedback = r.chance(0.5);
          if (atFeedback) {
            if (!sim.step(CaseAction.RESOLVE, this.resolveHours(c), G, this.resolution(texts))) return;
            if (!sim.step(CaseAction.GIVE_FEEDBACK, 1 + r.next() * 10, G, this.feedback())) return;
          } else if (!this.close(sim, g, texts, G, 'low')) return;
          if (
            !sim.step(
              CaseAction.REOPEN,
              2 + r.next() * 40,
              G,
              () => ({ reason: '居民不满意' }),
              '居民反映问题仍未解决，要求重办。',
            )
          )
            return;
          if (!start(G)) return;
          this.close(sim, g, texts, G);
          return;
        }
        case 'timeout':
          if (!accept() || !sim.step(CaseAction.ASSIGN, 0.2 + r.next(), G, this.gridAssign(g, c))) return;
          if (!start(G)) return;
          this.close(sim, g, texts, G, 'timeout');
          return;
        default:
          if (!accept() || !sim.step(CaseAction.ASSIGN, 0.1 + r.next() * 0.5, G, this.gridAssign(g, c)))
            return;
          if (r.chance(0.7) && !start(G)) return;
          this.close(sim, g, texts, G);
      }
    })();
    this.finish(sim, G);
    return c;
  }

  // ---------- joint meetings ----------

  private meetings(): Meetings {
    const place = { streetId: this.t.street.id, communityId: this.t.community.id };
    const make = (daysAgo: number, title: string, departments: Department[], street = false): JointMeeting =>
      this.em.create(JointMeeting, {
        streetId: place.streetId,
        communityId: street ? null : place.communityId,
        level: street ? CaseLevel.STREET : CaseLevel.COMMUNITY,
        title,
        scheduledAt: atLocalHour(new Date(this.now.getTime() - daysAgo * DAY), 14),
        location: street ? '东湖街道办事处三楼会议室' : '幸福社区党群服务中心会议室',
        departments,
        attendees: street ? ['社区两委', '物业公司'] : ['物业公司', '业主委员会', '小区党支部'],
        createdById: this.community.id,
        createdAt: new Date(this.now.getTime() - (daysAgo + 7) * DAY),
      });
    return {
      held: [
        make(320, '幸福社区第一季度联席会议', [
          Department.URBAN_MANAGEMENT,
          Department.HOUSING,
          Department.PUBLIC_SECURITY,
        ]),
        make(230, '幸福社区第二季度联席会议', [Department.URBAN_MANAGEMENT, Department.HOUSING]),
        make(140, '幸福社区第三季度联席会议', [
          Department.URBAN_MANAGEMENT,
          Department.PUBLIC_SECURITY,
          Department.MARKET_SUPERVISION,
        ]),
        make(50, '幸福社区第四季度联席会议', [
          Department.URBAN_MANAGEMENT,
          Department.HOUSING,
          Department.JUSTICE,
        ]),
      ],
      street: make(
        180,
        '东湖街道违建整治专题联席会议',
        [Department.URBAN_MANAGEMENT, Department.HOUSING, Department.PUBLIC_SECURITY],
        true,
      ),
      upcoming: make(-3, '幸福社区本月联席会议', [
        Department.URBAN_MANAGEMENT,
        Department.HOUSING,
        Department.PUBLIC_SECURITY,
      ]),
    };
  }

  /** Major cases escalated to the meetings that were held, each decided there. */
  private jointCases(m: Meetings): void {
    const r = this.r;
    const agenda: [JointMeeting, number][] = [
      ...m.held.map((meeting): [JointMeeting, number] => [meeting, 2]),
      [m.street, 1],
    ];
    for (const [meeting, n] of agenda) {
      for (let k = 0; k < n; k++) {
        const g = this.grids[r.int(0, this.grids.length - 1)]!;
        const reportedAt = new Date(
          meeting.scheduledAt.getTime() - (4 + r.int(0, 8)) * DAY - r.int(1, 8) * HOUR,
        );
        this.jointCase(g, reportedAt, meeting);
      }
    }
  }

  private jointCase(g: GridPeople, reportedAt: Date, meeting: JointMeeting, stopAt?: CaseState): Case {
    const r = this.r;
    const code = r.pick(['ILLEGAL_CONSTRUCTION', 'ILLEGAL_CONSTRUCTION', 'SAFETY_HAZARD']);
    const { c, category, texts } = this.newCase(g, reportedAt, code, {
      scale: CaseScale.MAJOR,
      source: CaseSource.PATROL,
    });
    const sim = new CaseSim(c, category, reportedAt, this.now);
    sim.stopAtState(stopAt);
    const G = g.worker;
    const C = meeting.level === CaseLevel.STREET ? this.street : this.community;
    const meetingDue = endOfLocalDay(meeting.scheduledAt);
    (() => {
      if (!sim.step(CaseAction.ACCEPT, 0.5 + r.next(), G)) return;
      if (
        !sim.step(
          CaseAction.ESCALATE,
          1 + r.next() * 6,
          G,
          () => ({}),
          '涉及违法建设，需多部门联合处置，上报社区。',
        )
      )
        return;
      if (
        meeting.level === CaseLevel.STREET &&
        !sim.step(
          CaseAction.ESCALATE,
          4 + r.next() * 10,
          this.community,
          () => ({}),
          '提请街道联席会议研究。',
        )
      )
        return;
      // Put on the agenda a day or two before the meeting (or just now, for a meeting still to come).
      const sendAt = Math.min(
        meeting.scheduledAt.getTime() - (24 + r.next() * 24) * HOUR,
        this.now.getTime() - HOUR / 2,
      );
      const sendHours = Math.max(0.5, (sendAt - sim.at.getTime()) / HOUR);
      if (
        !sim.step(
          CaseAction.SEND_TO_JOINT_MEETING,
          sendHours,
          C,
          () => ({ meeting: { id: meeting.id, level: meeting.level, dueAt: meetingDue } }),
          '提交联席会议研究。',
        )
      )
        return;
      const item = this.em.create(JointMeetingItem, {
        streetId: c.streetId,
        communityId: c.communityId,
        gridId: c.gridId,
        meetingId: meeting.id,
        caseId: c.id,
        addedAt: sim.at,
      });
      const decideHours = Math.max(
        0.5,
        (meeting.scheduledAt.getTime() - sim.at.getTime()) / HOUR + 1 + r.next(),
      );
      const department = meeting.departments[0] ?? Department.URBAN_MANAGEMENT;
      const decision = `由${department === Department.URBAN_MANAGEMENT ? '城管执法中队' : '住建部门'}牵头，十日内依法处置，社区配合做好群众工作。`;
      let dueAt: Date | null = null;
      if (
        !sim.step(
          CaseAction.DECIDE,
          decideHours,
          C,
          (at) => {
            dueAt = addHours(at, 240);
            return { responsible: { kind: ResponsibleKind.DEPARTMENT, department }, dueAt };
          },
          decision,
        )
      )
        return;
      item.decidedAt = sim.at;
      item.decision = decision;
      item.responsibleKind = ResponsibleKind.DEPARTMENT;
      item.department = department;
      item.dueAt = dueAt;
      if (!meeting.heldAt || meeting.heldAt > sim.at) {
        meeting.heldAt = sim.at;
        meeting.status = JointMeetingStatus.HELD;
      }
      if (!sim.step(CaseAction.START, 2 + r.next() * 24, C)) return;
      this.close(sim, g, texts, C);
    })();
    this.finish(sim, G);
    return c;
  }

  // ---------- the recent showcase ----------

  /**
   * The two demo grid accounts' grids get a recent case in every open state, so the app shows each
   * one; a few are past their deadline.
   */
  private showcase(upcoming: JointMeeting): void {
    const targets: [string, CaseState, number][] = [
      ['quick', CaseState.REPORTED, 2],
      ['quick', CaseState.ACCEPTED, 5],
      ['quick', CaseState.ASSIGNED, 8],
      ['property', CaseState.IN_PROGRESS, 30],
      ['extension', CaseState.EXTENSION_REQUESTED, 60],
      ['return', CaseState.RETURN_REQUESTED, 20],
      ['escalate', CaseState.ESCALATED, 10],
      ['reopen', CaseState.REOPENED, 200],
      ['quick', CaseState.RESOLVED, 90],
      ['quick', CaseState.FEEDBACK_GIVEN, 110],
    ];
    for (const g of this.grids.slice(0, 2)) {
      for (const [path, state, hoursAgo] of targets) {
        const reportedAt = new Date(this.now.getTime() - hoursAgo * HOUR);
        this.play(path, g, reportedAt, state);
      }
      this.jointCase(g, new Date(this.now.getTime() - 2 * DAY), upcoming, CaseState.JOINT_MEETING);
    }
  }

  /** A hotline case whose point lies outside every grid: it waits for the community's triage. */
  private triageCase(): void {
    const reportedAt = new Date(this.now.getTime() - 3 * HOUR);
    const xs = this.grids.map((g) => g.box[2]);
    const east = xs.length ? Math.max(...xs) : 114.32;
    const { c, category } = this.newCase(null, reportedAt, 'ENVIRONMENT', {
      source: CaseSource.HOTLINE,
      point: [round6(east + 0.004), round6(this.grids[0]?.box[1] ?? 30.55) + 0.002],
    });
    c.title = '东湖路与幸福路交叉口垃圾堆积';
    c.address = '东湖路与幸福路交叉口（网格外公共区域）';
    this.finish(this.sim(c, category), { id: null, name: '12345热线' });
  }
}

interface Meetings {
  held: JointMeeting[];
  street: JointMeeting;
  upcoming: JointMeeting;
}

/** SMALL cases are due the same day; a step that starts late in the evening gets a few hours. */
function smallDue(c: Case, at: Date): Date {
  const due = c.scale === CaseScale.SMALL ? c.overallDueAt : addHours(at, 72);
  return due.getTime() > at.getTime() + HOUR ? due : addHours(at, 4);
}

function atLocalHour(day: Date, hour: number): Date {
  const end = endOfLocalDay(day);
  return new Date(end.getTime() + 1000 - DAY + hour * HOUR);
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function boundingBox(boundary: Record<string, unknown> | null | undefined): [number, number, number, number] {
  const coords = (boundary as { coordinates?: unknown } | null)?.coordinates;
  const points: [number, number][] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'number') {
      points.push([v[0], v[1]]);
    } else if (Array.isArray(v)) v.forEach(walk);
  };
  walk(coords);
  if (!points.length) return [114.3, 30.55, 114.305, 30.555];
  return [
    Math.min(...points.map((p) => p[0])),
    Math.min(...points.map((p) => p[1])),
    Math.max(...points.map((p) => p[0])),
    Math.max(...points.map((p) => p[1])),
  ];
}
