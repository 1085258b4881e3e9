import type { EntityManager } from '@mikro-orm/postgresql';
import type { DemoSeedStep } from '../db/seed/demo.seed';
import { chineseName, type SeededRandom } from '../db/seed/random';
import { Household } from '../people/household.entity';
import { Organization, OrganizationKind } from '../people/organization.entity';
import { Resident } from '../people/resident.entity';
import { ResidentTag, ResidentTagKind } from '../people/resident-tag.entity';
import { StaffMember } from '../staff/staff-member.entity';
import { Building } from '../territory/building.entity';
import type { Grid } from '../territory/grid.entity';
import { MicroGrid } from '../territory/micro-grid.entity';
import { AidKind, AidRecord } from './aid-record.entity';
import { PartyActivity, PartyActivityHousehold, PartyActivityKind } from './party-activity.entity';
import { PartyMembership, PartyMembershipKind } from './party-membership.entity';
import { PartyOrganization, PartyOrganizationKind } from './party-organization.entity';

const Kind = PartyOrganizationKind;
const MKind = PartyMembershipKind;
const AKind = PartyActivityKind;

/** The demo's last grid has no party organization, so the report has a gap to show. */
const GRIDS_WITH_BRANCH = 8;
const COMPOUNDS = ['和平里', '东湖花园', '幸福家园', '阳光苑'];
const WORK_UNITS = [
  '区教育局',
  '市第一人民医院',
  '区税务局',
  '东湖街道办事处',
  '区供电公司',
  '市自来水公司',
  '区人民法院',
];
const COMMITMENTS = [
  '带头做好垃圾分类，引导邻居分类投放',
  '每月走访楼道独居老人，帮助解决实际困难',
  '带头遵守文明公约，劝导不文明行为',
  '发挥专业特长，为居民提供义务咨询',
  '积极参加社区志愿服务，每月不少于4小时',
  '及时收集反映居民诉求，协助化解邻里矛盾',
  '带头宣传政策法规，帮助老年人使用反诈APP',
];
const POSTS = [
  '楼道卫生监督岗',
  '政策宣传岗',
  '邻里调解岗',
  '关爱帮扶岗',
  '安全巡查岗',
  '文明劝导岗',
  '环境保护岗',
];
const GIVERS = ['区民政局', '街道慈善会', '社区爱心超市', '区残疾人联合会', '区总工会'];

interface Person {
  resident: Resident;
  age: number | null;
}

/**
 * Demo party work: the committee, branches for eight of the nine grids, residential branches,
 * party groups and building groups; about 150 members of every kind (many linked to residents of
 * their grid and to party-member staff); about 60 activities over the past year; about 120 aid
 * records, mostly to households with vulnerable members.
 */
export const seedParty: DemoSeedStep = async (em, t) => {
  const r = t.random;
  const now = new Date();
  const todayDate = localDay(now);
  const { community } = t;
  const grids = [...t.grids].sort((a, b) => a.code.localeCompare(b.code));
  const place = (g: Grid | null) => ({
    streetId: community.streetId,
    communityId: community.id,
    gridId: g?.id ?? null,
  });

  const microGrids = await em.find(MicroGrid, { communityId: community.id }, { orderBy: { code: 'asc' } });
  const buildings = await em.find(Building, { communityId: community.id }, { orderBy: { id: 'asc' } });
  const residents = await em.find(Resident, { communityId: community.id }, { orderBy: { id: 'asc' } });
  const households = await em.find(Household, { communityId: community.id }, { orderBy: { id: 'asc' } });
  const staff = await em.find(StaffMember, { communityId: community.id }, { orderBy: { id: 'asc' } });
  const organizations = await em.find(
    Organization,
    {
      communityId: community.id,
      kind: { $in: [OrganizationKind.ENTERPRISE, OrganizationKind.INSTITUTION, OrganizationKind.DEPARTMENT] },
    },
    { orderBy: { id: 'asc' } },
  );

  const peopleByGrid = new Map<string, Person[]>();
  for (const res of residents) {
    const list = peopleByGrid.get(res.gridId ?? '') ?? [];
    list.push({ resident: res, age: ageOn(res.birthDate, todayDate) });
    peopleByGrid.set(res.gridId ?? '', list);
  }
  const used = new Set<string>();

  // ---------- organizations ----------
  const partyStaff = staff.filter((s) => s.partyMember);
  const committeeSecretary = partyStaff.find((s) => !s.gridId) ?? partyStaff[0];
  const committee = em.create(PartyOrganization, {
    ...place(null),
    name: `${community.name}党委`,
    kind: Kind.COMMUNITY_COMMITTEE,
    secretaryStaffMemberId: committeeSecretary?.id ?? null,
    secretaryName: committeeSecretary?.name ?? chineseName(r, 'MALE'),
    foundedOn: '2012-07-01',
  });

  const branches: PartyOrganization[] = [];
  const residentialBranches: PartyOrganization[] = [];
  const groups: PartyOrganization[] = [];
  const buildingGroups: PartyOrganization[] = [];
  for (const [i, grid] of grids.slice(0, GRIDS_WITH_BRANCH).entries()) {
    const short = grid.name.replace(/（.*$/, '');
    const gridStaff = partyStaff.find((s) => s.gridId === grid.id);
    const branch = em.create(PartyOrganization, {
      ...place(grid),
      name: `${community.name}${short}党支部`,
      kind: Kind.GRID_BRANCH,
      parentId: committee.id,
      secretaryStaffMemberId: gridStaff?.id ?? null,
      secretaryName: gridStaff?.name ?? chineseName(r, r.chance(0.5) ? 'MALE' : 'FEMALE'),
      foundedOn: pastDay(r, 2015, 2019),
    });
    branches.push(branch);
    const mgs = microGrids.filter((m) => m.gridId === grid.id);
    let residential: PartyOrganization | null = null;
    if (i % 2 === 0 && mgs[0]) {
      residential = em.create(PartyOrganization, {
        ...place(grid),
        microGridId: mgs[0].id,
        name: `${COMPOUNDS[i / 2]}小区党支部`,
        kind: Kind.RESIDENTIAL_BRANCH,
        parentId: committee.id,
        secretaryName: chineseName(r, r.chance(0.5) ? 'MALE' : 'FEMALE'),
        foundedOn: pastDay(r, 2018, 2021),
      });
      residentialBranches.push(residential);
    }
    const groupMicro = mgs[1] ?? mgs[0];
    groups.push(
      em.create(PartyOrganization, {
        ...place(grid),
        microGridId: groupMicro?.id ?? null,
        name: `${community.name}${short}党小组`,
        kind: Kind.PARTY_GROUP,
        parentId: branch.id,
        secretaryName: chineseName(r, r.chance(0.5) ? 'MALE' : 'FEMALE'),
        foundedOn: pastDay(r, 2019, 2022),
      }),
    );
    // One building group in each micro-grid: under the compound's branch where there is one.
    for (const mg of mgs.slice(0, 2)) {
      const b = buildings.find((x) => x.microGridId === mg.id);
      if (!b) continue;
      buildingGroups.push(
        em.create(PartyOrganization, {
          ...place(grid),
          microGridId: mg.id,
          buildingId: b.id,
          name: `${b.name}楼栋党小组`,
          kind: Kind.BUILDING_GROUP,
          parentId: residential && residential.microGridId === mg.id ? residential.id : branch.id,
          secretaryName: chineseName(r, r.chance(0.5) ? 'MALE' : 'FEMALE'),
          foundedOn: pastDay(r, 2020, 2023),
        }),
      );
    }
  }

  // ---------- members ----------
  const gridOf = new Map(grids.map((g) => [g.id, g]));
  const addMember = (
    org: PartyOrganization,
    kind: PartyMembershipKind,
    link: { staff?: StaffMember } = {},
  ) => {
    let resident: Resident | null = null;
    if (link.staff?.residentId) {
      resident = residents.find((x) => x.id === link.staff!.residentId && x.gridId === org.gridId) ?? null;
    } else if (!link.staff && r.chance(0.75)) {
      const pool = org.gridId
        ? (peopleByGrid.get(org.gridId) ?? [])
        : (peopleByGrid.get(grids[r.int(0, grids.length - 1)]!.id) ?? []);
      const fits = pool.filter((p) => !used.has(p.resident.id) && agesFor(kind, p.age));
      const person = fits.length ? fits[r.int(0, fits.length - 1)]! : null;
      resident = person?.resident ?? null;
    }
    if (resident) used.add(resident.id);
    const name = link.staff?.name ?? resident?.name ?? chineseName(r, r.chance(0.5) ? 'MALE' : 'FEMALE');
    let workUnitOrganizationId: string | null = null;
    let workUnitName: string | null = null;
    if (kind === MKind.IN_SERVICE) {
      const org2 = organizations.length && r.chance(0.5) ? r.pick(organizations) : null;
      workUnitOrganizationId = org2?.id ?? null;
      workUnitName = org2?.name ?? r.pick(WORK_UNITS);
    }
    const joinedOn =
      kind === MKind.RETIREE
        ? pastDay(r, 1970, 1999)
        : kind === MKind.IN_SERVICE
          ? pastDay(r, 2000, 2024)
          : pastDay(r, 1985, 2024);
    if (org === committee) committeeCount++;
    const ended = r.chance(0.05);
    em.create(PartyMembership, {
      ...place(org.gridId ? gridOf.get(org.gridId)! : null),
      partyOrganizationId: org.id,
      residentId: resident?.id ?? null,
      staffMemberId: link.staff?.id ?? null,
      memberName: name,
      kind,
      workUnitOrganizationId,
      workUnitName,
      joinedOn,
      leftOn: ended ? addDays(todayDate, -r.int(10, 300)) : null,
      leftReason: ended ? r.pick(['迁出本社区', '组织关系转出', '病故']) : null,
      commitment: r.chance(0.6) ? r.pick(COMMITMENTS) : null,
      post: r.chance(0.5) ? r.pick(POSTS) : null,
    });
  };
  let committeeCount = 0;
  const committeeSize = () => committeeCount;
  const randomKind = (): PartyMembershipKind => {
    const x = r.next();
    return x < 0.5 ? MKind.DIRECT : x < 0.75 ? MKind.IN_SERVICE : MKind.RETIREE;
  };

  if (committeeSecretary) addMember(committee, MKind.DIRECT, { staff: committeeSecretary });
  while (committeeSize() < 5) addMember(committee, MKind.DIRECT);
  for (const branch of branches) {
    // Party-member staff of the grid register with its branch.
    for (const s of partyStaff.filter((x) => x.gridId === branch.gridId).slice(0, 3)) {
      addMember(branch, r.chance(0.7) ? MKind.DIRECT : MKind.IN_SERVICE, { staff: s });
    }
    const n = r.int(6, 9);
    for (let i = 0; i < n; i++) addMember(branch, randomKind());
  }
  for (const org of residentialBranches) for (let i = r.int(4, 6); i > 0; i--) addMember(org, randomKind());
  for (const org of [...groups, ...buildingGroups])
    for (let i = r.int(2, 3); i > 0; i--) addMember(org, randomKind());

  // ---------- activities ----------
  const householdsByGrid = new Map<string, Household[]>();
  for (const h of households) {
    const list = householdsByGrid.get(h.gridId ?? '') ?? [];
    list.push(h);
    householdsByGrid.set(h.gridId ?? '', list);
  }
  const householdSize = new Map<string, number>();
  for (const res of residents) {
    if (res.householdId) householdSize.set(res.householdId, (householdSize.get(res.householdId) ?? 0) + 1);
  }
  const allOrgs = [...branches, ...residentialBranches, ...groups];
  for (let i = 0; i < 60; i++) {
    const x = r.next();
    const org = x < 0.15 ? committee : x < 0.7 ? r.pick(branches) : r.pick(allOrgs);
    const grid = org.gridId ? gridOf.get(org.gridId)! : r.chance(0.6) ? r.pick(grids) : null;
    const kind = activityKind(r);
    const heldOn = addDays(todayDate, -r.int(0, 364));
    const participants = kind === AKind.MEMBER_SERVICE ? r.int(1, 4) : r.int(5, 30);
    let beneficiaries = 0;
    let helped: Household[] = [];
    if (kind === AKind.MEMBER_SERVICE) {
      const pool = grid ? (householdsByGrid.get(grid.id) ?? []) : households;
      helped = pickDistinct(r, pool, r.int(1, 3));
      beneficiaries = Math.max(
        1,
        helped.reduce((s, h) => s + Math.max(1, Math.min(householdSize.get(h.id) ?? 1, r.int(1, 3))), 0),
      );
    } else if (kind === AKind.VOLUNTEER) {
      beneficiaries = r.int(10, 80);
    }
    const [title, description] = activityText(r, kind, heldOn);
    const activity = em.create(PartyActivity, {
      ...place(grid),
      partyOrganizationId: org.id,
      kind,
      title,
      description,
      heldOn,
      participants,
      beneficiaries,
    });
    for (const h of helped) em.create(PartyActivityHousehold, { activityId: activity.id, householdId: h.id });
  }

  // ---------- aid ----------
  if (!households.length) return;
  const needy = await needyHouseholds(em, community.id, households);
  const branchOfGrid = new Map(branches.map((b) => [b.gridId!, b]));
  for (let i = 0; i < 120; i++) {
    const h = needy.length && r.chance(0.7) ? r.pick(needy) : r.pick(households);
    const kind = aidKind(r);
    const size = householdSize.get(h.id) ?? 1;
    const giver = r.next();
    const branch = h.gridId ? branchOfGrid.get(h.gridId) : undefined;
    let givenByPartyOrganizationId: string | null = null;
    let givenByOrganizationId: string | null = null;
    let givenBy: string;
    if (giver < 0.3) {
      givenByPartyOrganizationId = committee.id;
      givenBy = committee.name;
    } else if (giver < 0.55 && branch) {
      givenByPartyOrganizationId = branch.id;
      givenBy = branch.name;
    } else if (giver < 0.7 && organizations.length) {
      const o = r.pick(organizations);
      givenByOrganizationId = o.id;
      givenBy = o.name;
    } else {
      givenBy = r.pick(GIVERS);
    }
    const [description, amount] = aidText(r, kind);
    em.create(AidRecord, {
      streetId: h.streetId,
      communityId: h.communityId,
      gridId: h.gridId ?? null,
      householdId: h.id,
      givenOn: addDays(todayDate, -r.int(0, 364)),
      kind,
      description,
      amount,
      peopleHelped: r.int(1, Math.max(1, size)),
      givenByOrganizationId,
      givenByPartyOrganizationId,
      givenBy,
    });
  }
};

/** Households with a member in a group that aid is meant for. */
async function needyHouseholds(
  em: EntityManager,
  communityId: string,
  households: Household[],
): Promise<Household[]> {
  const tags = await em.find(
    ResidentTag,
    {
      communityId,
      kind: {
        $in: [
          ResidentTagKind.LOW_INCOME,
          ResidentTagKind.SPECIAL_HARDSHIP,
          ResidentTagKind.DISABLED,
          ResidentTagKind.ELDERLY_ALONE,
          ResidentTagKind.NEEDS_CARE,
        ],
      },
    },
    { orderBy: { id: 'asc' } },
  );
  if (!tags.length) return [];
  const residents = await em.find(
    Resident,
    { id: { $in: [...new Set(tags.map((x) => x.residentId))] } },
    { orderBy: { id: 'asc' } },
  );
  const ids = new Set(residents.map((x) => x.householdId).filter((x): x is string => !!x));
  return households.filter((h) => ids.has(h.id));
}

function agesFor(kind: PartyMembershipKind, age: number | null): boolean {
  if (age == null) return kind !== MKind.RETIREE;
  if (kind === MKind.RETIREE) return age >= 60;
  if (kind === MKind.IN_SERVICE) return age >= 23 && age < 60;
  return age >= 18;
}

function activityKind(r: SeededRandom): PartyActivityKind {
  const x = r.next();
  if (x < 0.2) return AKind.THEME_DAY;
  if (x < 0.55) return AKind.MEMBER_SERVICE;
  if (x < 0.7) return AKind.STUDY;
  if (x < 0.9) return AKind.VOLUNTEER;
  return AKind.OTHER;
}

function activityText(r: SeededRandom, kind: PartyActivityKind, heldOn: string): [string, string] {
  const month = Number(heldOn.slice(5, 7));
  switch (kind) {
    case AKind.THEME_DAY:
      return [
        `${month}月主题党日：${r.pick(['重温入党誓词', '学习党章党规', '走访困难党员', '清洁家园行动'])}`,
        '组织党员集中学习并开展主题活动，党员亮身份、亮承诺。',
      ];
    case AKind.MEMBER_SERVICE:
      return [
        `我是党员我帮你：${r.pick(['为独居老人更换灯泡', '帮助老人办理医保报销', '上门维修水管', '代购药品送上门', '帮助老人学用智能手机', '陪同就医'])}`,
        '党员结对上门服务，解决居民急难愁盼问题。',
      ];
    case AKind.STUDY:
      return [
        `党员学习：${r.pick(['学习贯彻全会精神', '基层治理专题学习', '党史学习教育', '廉政警示教育'])}`,
        '支部集中学习，交流学习体会。',
      ];
    case AKind.VOLUNTEER:
      return [
        `党员志愿服务：${r.pick(['小区环境整治', '垃圾分类宣传', '义诊进社区', '反诈宣传', '文明交通劝导'])}`,
        '党员志愿者带头参加，居民积极响应。',
      ];
    default:
      return [`${r.pick(['党员座谈会', '慰问老党员', '党建联建共建签约'])}`, '其他党组织活动。'];
  }
}

function aidKind(r: SeededRandom): AidKind {
  const x = r.next();
  return x < 0.35 ? AidKind.CASH : x < 0.7 ? AidKind.GOODS : x < 0.85 ? AidKind.SERVICE : AidKind.POLICY;
}

function aidText(r: SeededRandom, kind: AidKind): [string, number | null] {
  switch (kind) {
    case AidKind.CASH:
      return [`${r.pick(['春节', '中秋', '重阳节', '七一'])}慰问金`, r.int(2, 20) * 100];
    case AidKind.GOODS:
      return [
        `慰问物资：${r.pick(['米、面、油', '棉被两床', '牛奶和鸡蛋', '取暖器一台', '学习用品'])}`,
        r.chance(0.6) ? r.int(100, 800) + (r.chance(0.3) ? 0.5 : 0) : null,
      ];
    case AidKind.SERVICE:
      return [r.pick(['上门理发', '家政保洁服务', '助浴服务', '免费体检']), null];
    default:
      return [r.pick(['协助申请低保', '协助办理残疾人补贴', '协助申请临时救助', '协助申请廉租房']), null];
  }
}

function pickDistinct<T>(r: SeededRandom, items: readonly T[], n: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length) out.push(pool.splice(r.int(0, pool.length - 1), 1)[0]!);
  return out;
}

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
function localDay(d: Date): string {
  return dayFormat.format(d);
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function pastDay(r: SeededRandom, fromYear: number, toYear: number): string {
  const y = r.int(fromYear, toYear);
  return `${y}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
}

/** Age in full years; birth dates may come back as strings or (PGlite) Dates. */
function ageOn(birth: unknown, date: string): number | null {
  if (!birth) return null;
  const b = birth instanceof Date ? birth.toISOString().slice(0, 10) : String(birth).slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(b)) return null;
  const years = Number(date.slice(0, 4)) - Number(b.slice(0, 4));
  return date.slice(5) < b.slice(5) ? years - 1 : years;
}
