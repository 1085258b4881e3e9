import type { DemoSeedStep } from '../db/seed/demo.seed';
import { chineseName, type SeededRandom } from '../db/seed/random';
import { Building } from '../territory/building.entity';
import { BuildingUnit } from '../territory/building-unit.entity';
import type { Grid } from '../territory/grid.entity';
import { Household } from './household.entity';
import { makeCreditCode, makeIdNumber } from './id-number';
import { Organization, OrganizationKind } from './organization.entity';
import { Gender, ResidencyType, Resident } from './resident.entity';
import { ResidentTag, ResidentTagKind } from './resident-tag.entity';

/*
 * Demo households, residents and organizations of the nine demo grids: 5–8 households per building
 * unit (about 1,000), family shapes that give about 2,500 residents aged 0–95, ID numbers with correct
 * check characters that agree with birth dates and genders, and tags at plausible rates. Ages are
 * counted from a fixed day so the same seed gives the same people on any date.
 */

const SEED_DAY = Date.UTC(2026, 0, 1);
const DAY_MS = 86_400_000;

/** Districts of Wuhan for registered residents; other provinces' for the floating population. */
const LOCAL_REGIONS = ['420102', '420103', '420104', '420105', '420106', '420111'];
const OTHER_REGIONS = ['421002', '420902', '429004', '411302', '430602', '360402', '500101', '341502'];
const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '158',
  '159',
  '177',
  '180',
  '185',
  '186',
  '187',
  '188',
  '189',
  '199',
];

interface Person {
  gender: Gender;
  age: number;
  relation: string;
  tags: ResidentTagKind[];
}

type Shape = 'single' | 'couple' | 'family' | 'threeGenerations' | 'leftBehind';

function pickShape(r: SeededRandom): Shape {
  const x = r.next();
  if (x < 0.22) return 'single';
  if (x < 0.52) return 'couple';
  if (x < 0.88) return 'family';
  if (x < 0.94) return 'threeGenerations';
  return 'leftBehind';
}

const other = (g: Gender) => (g === Gender.MALE ? Gender.FEMALE : Gender.MALE);
const anyGender = (r: SeededRandom) => (r.chance(0.5) ? Gender.MALE : Gender.FEMALE);

/** The members of one household: ages and relations that fit together. */
function members(r: SeededRandom, shape: Shape): Person[] {
  const person = (gender: Gender, age: number, relation: string, tags: ResidentTagKind[] = []): Person => ({
    gender,
    age: Math.max(0, Math.min(95, age)),
    relation,
    tags,
  });
  switch (shape) {
    case 'single': {
      const elderly = r.chance(0.6);
      const age = elderly ? r.int(60, 95) : r.int(20, 59);
      const tags = elderly && r.chance(0.9) ? [ResidentTagKind.ELDERLY_ALONE] : [];
      if (elderly && r.chance(0.08)) tags.push(ResidentTagKind.SPECIAL_HARDSHIP);
      return [person(anyGender(r), age, '户主', tags)];
    }
    case 'couple': {
      const elderly = r.chance(0.55);
      const age = elderly ? r.int(62, 90) : r.int(24, 59);
      const tags = elderly && r.chance(0.85) ? [ResidentTagKind.EMPTY_NEST] : [];
      const head = anyGender(r);
      return [
        person(head, age, '户主', [...tags]),
        person(other(head), age + r.int(-4, 4), '配偶', [...tags]),
      ];
    }
    case 'family': {
      const age = r.int(28, 58);
      const head = anyGender(r);
      const out = [person(head, age, '户主'), person(other(head), age + r.int(-3, 3), '配偶')];
      const children = r.chance(0.6) ? 1 : 2;
      for (let i = 0; i < children; i++)
        out.push(person(anyGender(r), r.int(0, Math.min(30, age - 22)), '子女'));
      return out;
    }
    case 'threeGenerations': {
      const age = r.int(32, 55);
      const head = anyGender(r);
      const out = [person(head, age, '户主'), person(other(head), age + r.int(-3, 3), '配偶')];
      const grandparents = r.chance(0.5) ? 1 : 2;
      const gpAge = age + r.int(24, 32);
      const gp = anyGender(r);
      for (let i = 0; i < grandparents; i++)
        out.push(person(i === 0 ? gp : other(gp), gpAge + r.int(-2, 2), '父母'));
      const children = r.chance(0.6) ? 1 : 2;
      for (let i = 0; i < children; i++)
        out.push(person(anyGender(r), r.int(0, Math.min(25, age - 22)), '子女'));
      return out;
    }
    case 'leftBehind': {
      // Parents work elsewhere; grandparents raise the children (留守儿童).
      const gpAge = r.int(56, 80);
      const gp = anyGender(r);
      const out = [person(gp, gpAge, '户主')];
      if (r.chance(0.5)) out.push(person(other(gp), gpAge + r.int(-3, 3), '配偶'));
      const children = r.chance(0.55) ? 1 : 2;
      for (let i = 0; i < children; i++)
        out.push(person(anyGender(r), r.int(3, 15), '孙子女', [ResidentTagKind.LEFT_BEHIND_CHILD]));
      return out;
    }
  }
}

function birthDate(r: SeededRandom, age: number): string {
  const d = new Date(SEED_DAY);
  d.setUTCFullYear(d.getUTCFullYear() - age);
  return new Date(d.getTime() - r.int(0, 364) * DAY_MS).toISOString().slice(0, 10);
}

function mobile(r: SeededRandom): string {
  return r.pick(MOBILE_PREFIXES) + String(r.int(0, 99_999_999)).padStart(8, '0');
}

function landline(r: SeededRandom): string {
  return `027-8${String(r.int(0, 9_999_999)).padStart(7, '0')}`;
}

function phoneFor(r: SeededRandom, age: number): string | null {
  if (age < 16) return null;
  if (age >= 75) return r.chance(0.4) ? landline(r) : r.chance(0.67) ? mobile(r) : null;
  return r.chance(0.95) ? mobile(r) : null;
}

export const seedPeople: DemoSeedStep = async (em, t) => {
  const r = t.random;
  const order = new Map(t.grids.map((g, i) => [g.id, i]));
  const number = (name: string) => parseInt(name, 10) || 0;
  const buildings = (await em.find(Building, { gridId: { $in: t.grids.map((g) => g.id) } })).sort(
    (a, b) => order.get(a.gridId!)! - order.get(b.gridId!)! || number(a.name) - number(b.name),
  );
  const units = await em.find(BuildingUnit, { buildingId: { $in: buildings.map((b) => b.id) } });
  const unitsOf = new Map<string, BuildingUnit[]>();
  for (const u of units) unitsOf.set(u.buildingId, [...(unitsOf.get(u.buildingId) ?? []), u]);
  const gridOf = new Map(t.grids.map((g) => [g.id, g]));
  const usedIds = new Set<string>();
  const householdNo = new Map<string, number>();

  for (const building of buildings) {
    const grid = gridOf.get(building.gridId!)!;
    const place = { streetId: grid.streetId, communityId: grid.communityId, gridId: grid.id };
    const buildingUnits = (unitsOf.get(building.id) ?? []).sort((a, b) => number(a.name) - number(b.name));
    for (const unit of buildingUnits) {
      const rooms = new Set<string>();
      const count = r.int(5, 7) + (r.chance(0.25) ? 1 : 0);
      while (rooms.size < count) rooms.add(`${r.int(1, building.floors ?? 6)}0${r.int(1, 2)}`);
      for (const room of [...rooms].sort((a, b) => Number(a) - Number(b))) {
        const floating = r.chance(0.15);
        const n = (householdNo.get(grid.id) ?? 0) + 1;
        householdNo.set(grid.id, n);
        const household = em.create(Household, {
          ...place,
          buildingId: building.id,
          unitId: unit.id,
          householdNumber: floating && r.chance(0.5) ? null : `${grid.code}-${String(n).padStart(4, '0')}`,
          room,
          address: `${building.address ?? building.name}${unit.name}${room}室`,
        });
        const residency = floating
          ? ResidencyType.FLOATING
          : r.chance(0.65)
            ? ResidencyType.REGISTERED
            : ResidencyType.PERMANENT;
        const lowIncome = !floating && r.chance(0.03);
        const regions = floating ? OTHER_REGIONS : LOCAL_REGIONS;
        const region = r.pick(regions);
        for (const p of members(r, pickShape(r))) {
          addResident(em, r, grid, household, p, { residency, lowIncome, region, usedIds });
        }
      }
    }
  }
  seedOrganizations(em, r, t.grids);
};

function addResident(
  em: Parameters<DemoSeedStep>[0],
  r: SeededRandom,
  grid: Grid,
  household: Household,
  p: Person,
  o: { residency: ResidencyType; lowIncome: boolean; region: string; usedIds: Set<string> },
): void {
  const refused = p.age >= 18 && r.chance(0.02);
  const born = birthDate(r, p.age);
  let idNumber: string | null = null;
  if (!refused && r.chance(0.97)) {
    for (let seq = r.int(0, 499); ; seq = (seq + 1) % 500) {
      idNumber = makeIdNumber(o.region, born, p.gender, seq);
      if (!o.usedIds.has(idNumber)) break;
    }
    o.usedIds.add(idNumber);
  }
  const resident = em.create(Resident, {
    streetId: grid.streetId,
    communityId: grid.communityId,
    gridId: grid.id,
    householdId: household.id,
    buildingId: household.buildingId,
    unitId: household.unitId,
    name: chineseName(r, p.gender),
    gender: p.gender,
    birthDate: refused ? null : born,
    idNumber,
    phone: refused ? null : phoneFor(r, p.age),
    residency: refused ? null : o.residency,
    relationToHead: p.relation,
    refusedInfo: refused,
    refusalReason: refused ? '保护个人隐私' : null,
  });
  const tags = new Set(p.tags);
  if (o.lowIncome) tags.add(ResidentTagKind.LOW_INCOME);
  if (p.age >= 5 && r.chance(0.025)) tags.add(ResidentTagKind.DISABLED);
  if (p.age >= 75 && r.chance(0.12)) tags.add(ResidentTagKind.NEEDS_CARE);
  if (p.gender === Gender.MALE && p.age >= 40 && p.age <= 85 && r.chance(0.07))
    tags.add(ResidentTagKind.VETERAN);
  for (const kind of tags) {
    em.create(ResidentTag, { residentId: resident.id, kind, communityId: grid.communityId, gridId: grid.id });
  }
}

const PROPERTY_COMPANIES = ['长江', '东湖', '楚天', '江城', '汉水', '晴川', '黄鹤', '南湖', '珞珈'];
const COMPOUNDS = [
  '幸福家园',
  '东湖花园',
  '锦绣苑',
  '和谐小区',
  '丽水湾',
  '翠柳居',
  '紫荆园',
  '阳光里',
  '桂花苑',
];

/** About forty organizations: a property company and an owners' committee per grid, and the rest spread. */
function seedOrganizations(em: Parameters<DemoSeedStep>[0], r: SeededRandom, grids: Grid[]): void {
  let orgNumber = 71_840_000;
  const create = (
    grid: Grid,
    atCommunity: boolean,
    kind: OrganizationKind,
    name: string,
    creditKind: string | null,
    phone: 'mobile' | 'landline',
  ) =>
    em.create(Organization, {
      streetId: grid.streetId,
      communityId: grid.communityId,
      gridId: atCommunity ? null : grid.id,
      name,
      kind,
      creditCode: creditKind ? makeCreditCode(creditKind, '420102', orgNumber++ * 7 + r.int(0, 6)) : null,
      address: `东湖路${r.int(1, 199)}号`,
      contactName: chineseName(r, r.chance(0.5) ? 'MALE' : 'FEMALE'),
      contactPhone: phone === 'mobile' ? mobile(r) : landline(r),
    });
  grids.forEach((g, i) => {
    create(
      g,
      false,
      OrganizationKind.PROPERTY_COMPANY,
      `武汉${PROPERTY_COMPANIES[i]}物业服务有限公司${COMPOUNDS[i]}项目部`,
      '91',
      'mobile',
    );
    create(g, false, OrganizationKind.OWNERS_COMMITTEE, `${COMPOUNDS[i]}业主委员会`, null, 'mobile');
  });
  const spread: [OrganizationKind, string, string][] = [
    [OrganizationKind.NEW_ECONOMIC, '武汉鑫源商贸有限公司', '91'],
    [OrganizationKind.NEW_ECONOMIC, '东湖路惠民便利店', '92'],
    [OrganizationKind.NEW_ECONOMIC, '武汉捷达快递驿站', '92'],
    [OrganizationKind.NEW_ECONOMIC, '武汉蓝天网络科技有限公司', '91'],
    [OrganizationKind.NEW_ECONOMIC, '楚味餐饮管理有限公司', '91'],
    [OrganizationKind.NEW_ECONOMIC, '江城家政服务有限公司', '91'],
    [OrganizationKind.NEW_ECONOMIC, '东湖社区药房', '92'],
    [OrganizationKind.NEW_ECONOMIC, '武汉晨光文化传媒有限公司', '91'],
    [OrganizationKind.NEW_SOCIAL, '幸福社区志愿者协会', '51'],
    [OrganizationKind.NEW_SOCIAL, '东湖街道老年人协会', '51'],
    [OrganizationKind.NEW_SOCIAL, '阳光社会工作服务中心', '52'],
    [OrganizationKind.NEW_SOCIAL, '暖心居家养老服务中心', '52'],
    [OrganizationKind.NEW_SOCIAL, '幸福社区书画协会', '51'],
    [OrganizationKind.ENTERPRISE, '武汉东湖建设工程有限公司', '91'],
    [OrganizationKind.ENTERPRISE, '湖北长江超市有限公司东湖店', '91'],
    [OrganizationKind.ENTERPRISE, '武汉汉水电力设备有限公司', '91'],
    [OrganizationKind.ENTERPRISE, '中国邮政东湖路营业所', '91'],
    [OrganizationKind.INSTITUTION, '东湖路小学', '12'],
    [OrganizationKind.INSTITUTION, '幸福社区卫生服务站', '12'],
    [OrganizationKind.INSTITUTION, '东湖街道中心幼儿园', '12'],
  ];
  for (const [kind, name, creditKind] of spread) {
    create(
      r.pick(grids),
      false,
      kind,
      name,
      creditKind,
      kind === OrganizationKind.INSTITUTION ? 'landline' : 'mobile',
    );
  }
  // Departments serve the whole community: recorded at community level, without a grid.
  for (const name of [
    '东湖派出所幸福社区警务室',
    '东湖街道民政办',
    '东湖街道司法所',
    '东湖城管执法中队',
    '东湖市场监督管理所',
  ]) {
    create(grids[0]!, true, OrganizationKind.DEPARTMENT, name, '11', 'landline');
  }
}
