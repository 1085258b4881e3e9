import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from '../auth/user.entity';
import type { DemoSeedStep, DemoTerritory } from '../db/seed/demo.seed';
import { chineseName, type SeededRandom } from '../db/seed/random';
import { Household } from '../people/household.entity';
import { Organization, OrganizationKind } from '../people/organization.entity';
import { Gender } from '../people/resident.entity';
import { Building } from '../territory/building.entity';
import type { Grid } from '../territory/grid.entity';
import { MicroGrid } from '../territory/micro-grid.entity';
import { LogBook, SentimentLog } from './sentiment-log.entity';
import { StaffAssignment } from './staff-assignment.entity';
import { StaffMember } from './staff-member.entity';
import { Department, SentimentCategory, StaffRole } from './staff.enums';
import { addDays, localDay } from './staff.scope';
import { Training, TrainingAttendance } from './training.entity';

type Place = { streetId: string; communityId: string; gridId: string | null };

interface Post {
  member: StaffMember;
  assignment: StaffAssignment;
}

const TRAININGS = [
  { days: 330, title: '网格员业务能力提升培训', hours: 3, grid: null },
  { days: 265, title: '矛盾纠纷排查化解专题培训', hours: 2.5, grid: 0 },
  { days: 200, title: '安全隐患排查与消防知识培训', hours: 2, grid: null },
  { days: 130, title: '民情日志规范填写与走访技巧培训', hours: 2, grid: null },
  { days: 75, title: '个人信息保护与数据安全培训', hours: 1.5, grid: 2 },
  { days: 25, title: '防汛防台应急处置培训', hours: 3, grid: null },
] as const;

const LOG_TEXTS: Record<SentimentCategory, { content: string[]; followUp: string[] }> = {
  LIVELIHOOD: {
    content: [
      '住户反映楼道声控灯损坏，夜间上下楼不便。',
      '老人反映就医预约不会操作手机，希望有人帮忙。',
      '住户询问居家养老助餐点的开放时间和收费。',
    ],
    followUp: [
      '已报物业维修，次日回访确认灯已修好。',
      '已联系志愿者上门协助预约挂号。',
      '已告知助餐点地址、时间和收费标准。',
    ],
  },
  DISPUTE: {
    content: [
      '上下楼住户因卫生间漏水引发争执。',
      '两户邻居因楼道堆放杂物发生口角。',
      '住户与装修队因施工噪音时间产生矛盾。',
    ],
    followUp: [
      '已约双方与物业现场查看，协商由楼上住户维修。',
      '已劝导清理杂物，双方达成谅解。',
      '已告知装修施工时间规定，装修队承诺遵守。',
    ],
  },
  SAFETY_HAZARD: {
    content: [
      '发现楼道内有电动车充电，存在火灾隐患。',
      '单元门口消防通道被车辆占用。',
      '屋顶护栏松动，有坠落风险。',
    ],
    followUp: [
      '已劝离并告知集中充电桩位置。',
      '已联系车主挪车，并报物业加强巡查。',
      '已上报社区，物业设置警示并安排维修。',
    ],
  },
  ENVIRONMENT: {
    content: [
      '垃圾分类点周边有散落垃圾，气味较大。',
      '小区绿化带内有积水，蚊虫较多。',
      '楼顶有住户私自种菜，泥土堵塞排水口。',
    ],
    followUp: ['已通知保洁加强清运频次。', '已报物业疏通排水并喷洒消杀。', '已上门劝导清理，排水口已疏通。'],
  },
  POLICY_INQUIRY: {
    content: [
      '住户咨询高龄津贴申领条件和所需材料。',
      '居民询问医保缴费时间和线上缴费方式。',
      '住户咨询老旧小区加装电梯补贴政策。',
    ],
    followUp: [
      '已讲解申领条件，协助准备材料。',
      '已现场演示线上缴费流程。',
      '已将政策文件转发给住户，并登记意向。',
    ],
  },
  SUGGESTION: {
    content: [
      '居民建议在小区增设休闲座椅。',
      '住户建议延长党群服务中心周末开放时间。',
      '居民建议在快递柜旁增加照明。',
    ],
    followUp: ['已汇总意见报社区研究。', '已向社区反映，待议事会讨论。', '已转物业评估可行性。'],
  },
  CARE: {
    content: [
      '走访独居老人，身体状况良好，需要定期上门。',
      '探望残疾人家庭，了解到轮椅需要更换。',
      '走访困难家庭，孩子开学需要学习用品。',
    ],
    followUp: ['已纳入每周敲门走访名单。', '已联系残联申请辅具适配。', '已协调爱心企业捐赠学习用品。'],
  },
  OTHER: {
    content: ['住户反映小区门禁卡无法使用。', '居民询问社区活动报名方式。', '住户反映快递经常被错放。'],
    followUp: [
      '已告知物业服务中心补办流程。',
      '已告知报名方式并加入活动群。',
      '已与快递站点沟通，约定送货上门。',
    ],
  },
};

const DEPARTMENTS = Object.values(Department);
const CATEGORIES = Object.values(SentimentCategory);

/**
 * Staff in every role of the ladder for the demo community, with an age spread across the default
 * bands and some people who have left; six trainings over the last year with attendance, sentiment
 * logs of the grid workers over the last three months, a log book per grid worker. The demo grid
 * workers' accounts are linked to their staff records so they can write their own logs.
 */
export const seedStaff: DemoSeedStep = async (em, t) => {
  const r = t.random;
  const now = new Date();
  const today = localDay(now);
  const seed = new StaffSeed(em, r, today);
  const communityPlace: Place = { streetId: t.street.id, communityId: t.community.id, gridId: null };

  const supervisor = seed.person(communityPlace, 52, 58, true);
  seed.assign(supervisor, StaffRole.SUPERVISOR, {}, communityPlace, seed.yearsAgo(3, 5));

  const orgs = await organizationsFor(em, t);
  const gridWorkers: { grid: Grid; post: Post }[] = [];
  const gridStaff = new Map<string, Post[]>();

  for (const [gi, grid] of t.grids.entries()) {
    const place: Place = { streetId: grid.streetId, communityId: grid.communityId, gridId: grid.id };
    const posts: Post[] = [];
    const onGrid = (
      role: StaffRole,
      minAge: number,
      maxAge: number,
      extra: Partial<StaffAssignment> = {},
    ) => {
      const member = seed.person(place, minAge, maxAge, role === StaffRole.GRID_CHIEF || r.chance(0.35));
      const assignment = seed.assign(member, role, extra, place, seed.yearsAgo(1, 5));
      const post = { member, assignment };
      posts.push(post);
      return post;
    };

    onGrid(StaffRole.GRID_CHIEF, 40, 55);
    const gridOrgs = orgs.filter((o) => o.gridId === grid.id);
    const pool = gridOrgs.length ? gridOrgs : orgs;
    const unit = pool[gi % pool.length]!;
    const assistant = onGrid(StaffRole.GRID_CHIEF_ASSISTANT, 36, 50, { organizationId: unit.id });
    assistant.member.partyMember = true;
    const departments = shuffled(r, DEPARTMENTS).slice(0, r.int(2, 3));
    for (const department of departments) onGrid(StaffRole.CO_MANAGER, 30, 52, { department });

    const workerCount = gi < 2 ? 2 : r.int(1, 2);
    for (let w = 0; w < workerCount; w++) {
      const post = onGrid(StaffRole.GRID_WORKER, 24, 42);
      gridWorkers.push({ grid, post });
    }
    if (gi % 2 === 0) {
      // A grid worker who moved on: counted in past rosters, not in today's.
      const former = seed.person(place, 26, 38, false);
      const start = seed.yearsAgo(2, 4);
      const end = addDays(today, -r.int(120, 300));
      seed.assign(former, StaffRole.GRID_WORKER, {}, place, start, end);
    }
    const liaisonOrg = pool[(gi + 1) % pool.length]!;
    onGrid(StaffRole.LIAISON, 30, 55, { organizationId: liaisonOrg.id });

    const micros = await em.find(MicroGrid, { gridId: grid.id }, { orderBy: { code: 'asc' } });
    for (const micro of micros) {
      const member = seed.person(place, 45, 64, r.chance(0.6));
      posts.push({
        member,
        assignment: seed.assign(
          member,
          StaffRole.MICRO_GRID_CHIEF,
          { microGridId: micro.id },
          place,
          seed.yearsAgo(1, 4),
        ),
      });
    }
    const buildings = await em.find(Building, { gridId: grid.id }, { orderBy: { name: 'asc' } });
    for (const [bi, building] of buildings.entries()) {
      const post = { microGridId: building.microGridId ?? null, buildingId: building.id };
      if (bi === 0 && gi % 3 === 1) {
        // The building's previous head stepped down; the current one took over that day.
        const previous = seed.person(place, 62, 75, true);
        const handover = addDays(today, -r.int(200, 500));
        seed.assign(
          previous,
          StaffRole.BUILDING_HEAD,
          post,
          place,
          seed.yearsAgo(5, 8),
          addDays(handover, -1),
        );
        const member = seed.person(place, 50, 68, r.chance(0.5));
        posts.push({
          member,
          assignment: seed.assign(member, StaffRole.BUILDING_HEAD, post, place, handover),
        });
        continue;
      }
      const member = seed.person(place, 48, 72, r.chance(0.5));
      posts.push({
        member,
        assignment: seed.assign(member, StaffRole.BUILDING_HEAD, post, place, seed.yearsAgo(1, 6)),
      });
    }
    gridStaff.set(grid.id, posts);
  }

  // Trainings: community-wide sessions for everyone, two grids' own sessions for their staff.
  const location = `${t.community.name}党群服务中心三楼会议室`;
  for (const def of TRAININGS) {
    const date = addDays(today, -def.days);
    const grid = def.grid == null ? null : t.grids[def.grid]!;
    const training = em.create(Training, {
      streetId: t.street.id,
      communityId: t.community.id,
      gridId: grid?.id ?? null,
      title: def.title,
      date,
      hours: def.hours,
      location: grid ? `${grid.name.slice(0, 3)}网格服务站` : location,
      description: `${def.title}，由社区统一组织，结合典型案例讲解并现场答疑。`,
    });
    const candidates = grid ? (gridStaff.get(grid.id) ?? []) : [...gridStaff.values()].flat();
    const attendees = new Set<string>();
    for (const { member, assignment } of candidates) {
      if (!assignment.activeOn(date)) continue;
      const gi = t.grids.findIndex((g) => g.id === assignment.gridId);
      let p = 0.3;
      if (assignment.role === StaffRole.GRID_WORKER) p = gi % 4 === 3 ? 0 : 0.55;
      else if (assignment.role === StaffRole.GRID_CHIEF) p = 0.7;
      else if (assignment.role === StaffRole.BUILDING_HEAD) p = 0.15;
      if (grid) p = Math.min(1, p + 0.3);
      if (r.chance(p)) attendees.add(member.id);
    }
    for (const staffMemberId of attendees)
      em.create(TrainingAttendance, { trainingId: training.id, staffMemberId });
  }

  // Sentiment logs and a log book for each current grid worker.
  const bookNumbers = new Map<string, number>();
  for (const { grid, post } of gridWorkers) {
    const households = await em.find(
      Household,
      { gridId: grid.id },
      { orderBy: { address: 'asc', room: 'asc' }, limit: 200, fields: ['id'] },
    );
    const entries = r.int(6, 14);
    for (let i = 0; i < entries; i++) {
      const category = r.pick(CATEGORIES);
      const texts = LOG_TEXTS[category];
      const k = r.int(0, texts.content.length - 1);
      const date = addDays(today, -r.int(1, 90));
      if (!post.assignment.activeOn(date)) continue;
      em.create(SentimentLog, {
        streetId: grid.streetId,
        communityId: grid.communityId,
        gridId: grid.id,
        staffMemberId: post.member.id,
        date,
        householdId: households.length && r.chance(0.6) ? r.pick(households).id : null,
        category,
        content: texts.content[k]!,
        followUp: r.chance(0.75) ? texts.followUp[k]! : null,
      });
    }
    const n = (bookNumbers.get(grid.id) ?? 0) + 1;
    bookNumbers.set(grid.id, n);
    const issuedOn =
      post.assignment.startDate > addDays(today, -365)
        ? post.assignment.startDate
        : addDays(today, -r.int(200, 365));
    em.create(LogBook, {
      streetId: grid.streetId,
      communityId: grid.communityId,
      gridId: grid.id,
      staffMemberId: post.member.id,
      number: `MQ-${grid.code}-${String(n).padStart(2, '0')}`,
      issuedAt: new Date(`${issuedOn}T09:00:00+08:00`),
    });
  }

  // The demo grid-worker accounts are the first grid worker of grids 1 and 2.
  for (const [username, gi] of [
    ['grid_worker', 0],
    ['grid_worker2', 1],
  ] as const) {
    const worker = gridWorkers.find((w) => w.grid.id === t.grids[gi]!.id);
    const user = await em.findOne(User, { username });
    if (worker && user) user.staffMemberId = worker.post.member.id;
  }
};

function shuffled<T>(r: SeededRandom, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const k = r.int(0, i);
    [out[i], out[k]] = [out[k]!, out[i]!];
  }
  return out;
}

class StaffSeed {
  constructor(
    private readonly em: EntityManager,
    private readonly r: SeededRandom,
    private readonly today: string,
  ) {}

  /** A date some whole years (and a few extra days) ago. */
  yearsAgo(min: number, max: number): string {
    return addDays(this.today, -(this.r.int(min, max) * 365 + this.r.int(0, 180)));
  }

  person(place: Place, minAge: number, maxAge: number, partyMember: boolean): StaffMember {
    const gender = this.r.chance(0.55) ? Gender.FEMALE : Gender.MALE;
    const age = this.r.int(minAge, maxAge);
    const birthDate = addDays(this.today, -(age * 365 + Math.floor(age / 4) + this.r.int(1, 360)));
    const phone = `1${this.r.pick(['3', '5', '7', '8', '9'])}${String(this.r.int(0, 999_999_999)).padStart(9, '0')}`;
    return this.em.create(StaffMember, {
      ...place,
      name: chineseName(this.r, gender),
      gender,
      birthDate,
      phone,
      partyMember,
    });
  }

  assign(
    member: StaffMember,
    role: StaffRole,
    extra: Partial<StaffAssignment>,
    place: Place,
    startDate: string,
    endDate: string | null = null,
  ): StaffAssignment {
    return this.em.create(StaffAssignment, {
      ...place,
      staffMemberId: member.id,
      role,
      department: extra.department ?? null,
      organizationId: extra.organizationId ?? null,
      microGridId: extra.microGridId ?? null,
      buildingId: extra.buildingId ?? null,
      startDate,
      endDate,
    });
  }
}

/**
 * Units that assistants and liaisons come from. The people step seeds the area's organizations;
 * should it have none for this community, a few local units are added here so that every grid can
 * have a liaison.
 */
async function organizationsFor(em: EntityManager, t: DemoTerritory): Promise<Organization[]> {
  const existing = await em.find(
    Organization,
    { communityId: t.community.id, kind: { $ne: OrganizationKind.OWNERS_COMMITTEE } },
    { orderBy: { name: 'asc' } },
  );
  if (existing.length) return existing;
  const units = [
    { name: '东湖街道社区卫生服务中心', kind: OrganizationKind.INSTITUTION },
    { name: '东湖小学', kind: OrganizationKind.INSTITUTION },
    { name: '幸福物业服务有限公司', kind: OrganizationKind.PROPERTY_COMPANY },
    { name: '东湖供电营业所', kind: OrganizationKind.ENTERPRISE },
    { name: '幸福社区社会工作服务站', kind: OrganizationKind.NEW_SOCIAL },
    { name: '东湖农贸市场经营管理有限公司', kind: OrganizationKind.NEW_ECONOMIC },
  ];
  return units.map((u, i) => {
    const grid = t.grids[i % t.grids.length]!;
    return em.create(Organization, {
      streetId: grid.streetId,
      communityId: grid.communityId,
      gridId: grid.id,
      name: u.name,
      kind: u.kind,
      address: `东湖路${200 + i * 7}号`,
    });
  });
}
