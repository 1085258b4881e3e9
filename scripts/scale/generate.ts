import { Client } from 'pg';
import { SeededRandom, chineseName } from '../../src/db/seed/random';
import { DEMO_THEMES } from '../../src/db/seed/demo.seed';
import { makeCreditCode, makeIdNumber } from '../../src/people/id-number';
import { applyTransition, type ActionInput } from '../../src/cases/case-lifecycle';
import { transitionFor } from '../../src/cases/case-state-machine';
import { overallDeadline, type SlaPolicy } from '../../src/cases/case-sla';
import { CaseAction, CaseLevel, CaseScale, CaseState, OPEN_STATES } from '../../src/cases/case.enums';
import type { Case } from '../../src/cases/case.entity';
import { toGlobalId } from '../../src/graphql/global-id';
import { CopySink, type CopyValue } from './copy';
import {
  COMMUNITY_NAMES,
  REGION_CODES,
  ROADS,
  SENTIMENT_TEXTS,
  STREET_NAMES,
  ordinal,
  pickTitle,
} from './names';

export interface ScaleSizes {
  residents: number;
  households: number;
  grids: number;
  communities: number;
  streets: number;
  casesPerDay: number;
  days: number;
}

export interface ScaleOptions extends ScaleSizes {
  url: string;
  seed: number;
  /** The generated history ends here (the cases of "today" stop at this instant). */
  now: Date;
  onRows(phase: string, n: number): void;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Time-ordered uuid v7 with seeded random bits: the same seed and clock give the same ids. */
export function uuid7(ms: number, r: SeededRandom): string {
  const ts = Math.floor(ms).toString(16).padStart(12, '0');
  let rnd = '';
  for (let i = 0; i < 18; i++) rnd += Math.floor(r.next() * 16).toString(16);
  const variant = (8 + Math.floor(r.next() * 4)).toString(16);
  return `${ts.slice(0, 8)}-${ts.slice(8, 12)}-7${rnd.slice(0, 3)}-${variant}${rnd.slice(3, 6)}-${rnd.slice(6, 18)}`;
}

/** Ids for rows created one after another: a millisecond apart from `start`. */
class IdClock {
  private ms: number;
  constructor(
    start: number,
    private readonly r: SeededRandom,
  ) {
    this.ms = start;
  }
  next(): string {
    return uuid7(this.ms++, this.r);
  }
}

const localDate = (t: number | Date): string =>
  new Date((t instanceof Date ? t.getTime() : t) + 8 * HOUR).toISOString().slice(0, 10);

const camel = (col: string) => col.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/** Splits `total` over `parts` as evenly as possible. */
function share(total: number, parts: number, i: number): number {
  return Math.floor(total / parts) + (i < total % parts ? 1 : 0);
}

interface GridInfo {
  id: string;
  index: number;
  code: string;
  name: string;
  theme: string | null;
  streetId: string;
  communityId: string;
  communityCode: string;
  region: string;
  micro: string[];
  buildings: { id: string; microId: string; name: string; units: string[] }[];
  orgs: { id: string; kind: string; name: string }[];
  branchId: string;
  groupIds: string[];
  /** Adults kept for staff posts and case reporters. */
  people: { id: string; householdId: string; name: string; gender: string; birthDate: string }[];
  households: string[];
  workers: { id: string; name: string }[];
  chiefId: string;
}

interface CommunityInfo {
  id: string;
  code: string;
  name: string;
  streetId: string;
  committeeId: string;
  departments: string[];
  grids: GridInfo[];
  meetings: { id: string; at: number }[];
}

const COLS = {
  street: ['id', 'created_at', 'updated_at', 'code', 'name'],
  community: ['id', 'created_at', 'updated_at', 'street_id', 'code', 'name'],
  grid: [
    'id',
    'created_at',
    'updated_at',
    'street_id',
    'community_id',
    'code',
    'name',
    'target_households',
    'theme',
    'boundary',
    'status',
  ],
  micro_grid: ['id', 'created_at', 'updated_at', 'street_id', 'community_id', 'grid_id', 'code', 'name'],
  building: [
    'id',
    'created_at',
    'updated_at',
    'street_id',
    'community_id',
    'grid_id',
    'micro_grid_id',
    'name',
    'address',
    'floors',
    'residential',
  ],
  building_unit: [
    'id',
    'created_at',
    'updated_at',
    'street_id',
    'community_id',
    'grid_id',
    'building_id',
    'name',
  ],
  organization: [
    'id',
    'created_at',
    'updated_at',
    'street_id',
    'community_id',
    'grid_id',
    'name',
    'kind',
    'credit_code',
    'address',
    'contact_name',
    'contact_phone',
  ],
  party_organization: [
    'id',
    'created_at',
    'updated_at',
    'street_id',
    'community_id',
    'grid_id',
    'name',
    'kind',
    'micro_grid_id',
    'parent_id',
    'secretary_name',
    'founded_on',
  ],
  household: [
    'id',
    'created_at',
    'updated_at',
    'street_id',
    'community_id',
    'grid_id',
    'building_id',
    'unit_id',
    'household_number',
    'room',
    'address',
  ],
  resident: [
    'id',
    'created_at',
    'updated_at',
    'street_id',
    'community_id',
    'grid_id',
    'household_id',
    'building_id',
    'unit_id',
    'name',
    'gender',
    'birth_date',
    'id_number',
    'phone',
    'residency',
    'relation_to_head',
    'refused_info',
  ],
  resident_tag: ['id', 'created_at', 'updated_at', 'resident_id', 'kind', 'community_id', 'grid_id'],
  party_membership: [
    'id',
    'created_at',
    'updated_at',
    'street_id',
    'community_id',
    'grid_id',
    'party_organization_id',
    'resident_id',
    'member_name',
    'kind',
    'work_unit_name',
    'joined_on',
  ],
  staff_member: [
    'id',
    'created_at',
    'updated_at',
    'street_id',
    'community_id',
    'grid_id',
    'name',
    'gender',
    'birth_date',
    'phone',
    'resident_id',
    'party_member',
  ],
  staff_assignment: [
    'id',
    'created_at',
    'updated_at',
    'street_id',
    'community_id',
    'grid_id',
    'staff_member_id',
    'role',
    'department',
    'organization_id',
    'micro_grid_id',
    'building_id',
    'start_date',
    'end_date',
  ],
  log_book: [
    'id',
    'created_at',
    'updated_at',
    'street_id',
    'community_id',
    'grid_id',
    'staff_member_id',
    'number',
    'issued_at',
  ],
  sentiment_log: [
    'id',
    'created_at',
    'updated_at',
    'street_id',
    'community_id',
    'grid_id',
    'staff_member_id',
    'household_id',
    'date',
    'category',
    'content',
  ],
  training: [
    'id',
    'created_at',
    'updated_at',
    'street_id',
    'community_id',
    'title',
    'date',
    'hours',
    'location',
  ],
  training_attendance: ['id', 'created_at', 'updated_at', 'training_id', 'staff_member_id'],
  party_activity: [
    'id',
    'created_at',
    'updated_at',
    'street_id',
    'community_id',
    'grid_id',
    'party_organization_id',
    'kind',
    'title',
    'held_on',
    'participants',
    'beneficiaries',
  ],
  party_activity_household: ['id', 'created_at', 'updated_at', 'activity_id', 'household_id'],
  aid_record: [
    'id',
    'created_at',
    'updated_at',
    'street_id',
    'community_id',
    'grid_id',
    'household_id',
    'given_on',
    'kind',
    'description',
    'amount',
    'people_helped',
    'given_by_party_organization_id',
    'given_by',
  ],
  joint_meeting: [
    'id',
    'created_at',
    'updated_at',
    'street_id',
    'community_id',
    'level',
    'title',
    'scheduled_at',
    'location',
    'departments',
    'attendees',
    'status',
    'held_at',
  ],
  joint_meeting_item: [
    'id',
    'created_at',
    'updated_at',
    'street_id',
    'community_id',
    'grid_id',
    'meeting_id',
    'case_id',
    'added_at',
    'decided_at',
    'decision',
    'responsible_kind',
    'department',
  ],
  case_record: [
    'id',
    'created_at',
    'updated_at',
    'street_id',
    'community_id',
    'grid_id',
    'micro_grid_id',
    'building_id',
    'household_id',
    'reporter_resident_id',
    'category_id',
    'source',
    'scale',
    'title',
    'description',
    'state',
    'level',
    'responsible_kind',
    'department',
    'responsible_organization_id',
    'responsible_name',
    'assignee_id',
    'joint_meeting_id',
    'reported_at',
    'accepted_at',
    'assigned_at',
    'started_at',
    'resolved_at',
    'closed_at',
    'rejected_at',
    'step_no',
    'step_started_at',
    'due_at',
    'overall_due_at',
    'requested_due_at',
    'lng',
    'lat',
    'address',
    'resolution',
    'reject_reason',
    'feedback_channel',
    'feedback_at',
    'feedback_note',
    'rating',
    'rating_comment',
    'rated_at',
    'escalation_count',
    'supervision_count',
    'extension_count',
    'reopen_count',
    'external_system',
    'external_id',
    'version',
  ],
  case_event: [
    'id',
    'created_at',
    'updated_at',
    'case_id',
    'version',
    'action',
    'from_state',
    'to_state',
    'level',
    'at',
    'actor_name',
    'note',
    'data',
  ],
  case_overdue: [
    'id',
    'created_at',
    'updated_at',
    'street_id',
    'community_id',
    'grid_id',
    'case_id',
    'clock',
    'step_no',
    'due_at',
    'detected_at',
    'state',
  ],
} as const;

type Table = keyof typeof COLS;

/** Rows each phase writes, roughly, for the progress bar's total and ETA. */
export function estimateRows(s: ScaleSizes): number {
  const cases = s.casesPerDay * s.days;
  return Math.round(
    s.residents * 1.35 + s.households * 1.02 + s.grids * (60 + 52 * 2 + 12 * 2) + cases * 7.5,
  );
}

/**
 * Writes a district: territory, organizations, party organizations, households, residents with
 * tags and party memberships, staff with posts, log books, sentiment logs and trainings, party
 * activities and aid, a year of cases with their timelines. Each table is one COPY stream.
 */
export async function generateCore(o: ScaleOptions): Promise<{ communities: CommunityInfo[] }> {
  const now = o.now.getTime();
  const start = now - 3 * 365 * DAY;
  const rnd = (salt: number) => new SeededRandom((o.seed * 7919 + salt) >>> 0);
  const stamp = new Date(now);
  const open = async <T extends Table>(table: T, phase: string) =>
    CopySink.open(o.url, table, COLS[table], (n) => o.onRows(phase, n));
  const row = (sink: CopySink, table: Table, values: Record<string, CopyValue>) =>
    sink.row(
      COLS[table].map((c) =>
        c === 'created_at' || c === 'updated_at'
          ? (values[camel(c)] ?? stamp)
          : (values[camel(c)] ?? values[c]),
      ),
    );

  // ---------- territory ----------
  const r = rnd(1);
  const ids = new IdClock(start, r);
  const communities: CommunityInfo[] = [];
  const grids: GridInfo[] = [];
  {
    const sinks = {
      street: await open('street', 'territory'),
      community: await open('community', 'territory'),
      grid: await open('grid', 'territory'),
      micro_grid: await open('micro_grid', 'territory'),
      building: await open('building', 'territory'),
      building_unit: await open('building_unit', 'territory'),
      organization: await open('organization', 'territory'),
      party_organization: await open('party_organization', 'territory'),
    };
    let gridIndex = 0;
    let orgNumber = 1;
    for (let si = 0; si < o.streets; si++) {
      const streetId = ids.next();
      const sName = `${STREET_NAMES[si % STREET_NAMES.length]}${si >= STREET_NAMES.length ? si + 1 : ''}街道`;
      await row(sinks.street, 'street', {
        id: streetId,
        code: `JD${String(si + 1).padStart(2, '0')}`,
        name: sName,
      });
      const nCommunities = share(o.communities, o.streets, si);
      for (let ci = 0; ci < nCommunities; ci++) {
        const k = communities.length;
        const code = `SQ${String(si + 1).padStart(2, '0')}${String(ci + 1).padStart(2, '0')}`;
        const name = `${COMMUNITY_NAMES[k % COMMUNITY_NAMES.length]}${k >= COMMUNITY_NAMES.length ? k + 1 : ''}社区`;
        const community: CommunityInfo = {
          id: ids.next(),
          code,
          name,
          streetId,
          committeeId: ids.next(),
          departments: [],
          grids: [],
          meetings: [],
        };
        communities.push(community);
        const place = { streetId, communityId: community.id };
        await row(sinks.community, 'community', { id: community.id, streetId, code, name });
        await row(sinks.party_organization, 'party_organization', {
          id: community.committeeId,
          ...place,
          gridId: null,
          name: `${name}党委`,
          kind: 'COMMUNITY_COMMITTEE',
          secretaryName: chineseName(r, 'MALE'),
          foundedOn: '2005-07-01',
        });
        for (const dept of ['社区卫生服务中心', '派出所社区警务室', '司法所']) {
          const id = ids.next();
          community.departments.push(id);
          await row(sinks.organization, 'organization', {
            id,
            ...place,
            gridId: null,
            name: `${name}${dept}`,
            kind: 'DEPARTMENT',
            address: `${r.pick(ROADS)}${r.int(1, 300)}号`,
          });
        }
        const nGrids = share(o.grids, o.communities, k);
        for (let gi = 0; gi < nGrids; gi++) {
          const theme = gi < DEMO_THEMES.length ? DEMO_THEMES[gi]!.theme : null;
          const themeName = gi < DEMO_THEMES.length ? `（${DEMO_THEMES[gi]!.name}）` : '';
          const g: GridInfo = {
            id: ids.next(),
            index: gridIndex,
            code: `${code}-${String(gi + 1).padStart(2, '0')}`,
            name: `第${ordinal(gi + 1)}网格${themeName}`,
            theme,
            streetId,
            communityId: community.id,
            communityCode: code,
            region: REGION_CODES[si % REGION_CODES.length]!,
            micro: [],
            buildings: [],
            orgs: [],
            branchId: ids.next(),
            groupIds: [],
            people: [],
            households: [],
            workers: [],
            chiefId: '',
          };
          gridIndex++;
          grids.push(g);
          community.grids.push(g);
          const gp = { ...place, gridId: g.id };
          const nHouseholds = share(o.households, o.grids, g.index);
          const x0 = 114.2 + (k % 8) * 0.03 + (gi % 5) * 0.005;
          const y0 = 30.5 + Math.floor(k / 8) * 0.03 + Math.floor(gi / 5) * 0.005;
          await row(sinks.grid, 'grid', {
            id: g.id,
            ...place,
            code: g.code,
            name: g.name,
            targetHouseholds: Math.max(100, Math.round(nHouseholds / 50) * 50),
            theme,
            boundary: {
              type: 'Polygon',
              coordinates: [
                [
                  [x0, y0],
                  [x0 + 0.005, y0],
                  [x0 + 0.005, y0 + 0.005],
                  [x0, y0 + 0.005],
                  [x0, y0],
                ],
              ],
            },
            status: 'ACTIVE',
          });
          for (let mi = 0; mi < 4; mi++) {
            const id = ids.next();
            g.micro.push(id);
            await row(sinks.micro_grid, 'micro_grid', {
              id,
              ...gp,
              code: `${g.code}-${mi + 1}`,
              name: `${g.name.replace(/（.*）/, '')}第${ordinal(mi + 1)}微网格`,
            });
          }
          const nBuildings = Math.max(1, Math.ceil(nHouseholds / 40));
          const road = r.pick(ROADS);
          const base = r.int(1, 500);
          for (let bi = 0; bi < nBuildings; bi++) {
            const b = {
              id: ids.next(),
              microId: g.micro[bi % 4]!,
              name: `${bi + 1}栋`,
              units: [] as string[],
            };
            g.buildings.push(b);
            await row(sinks.building, 'building', {
              id: b.id,
              ...gp,
              microGridId: b.microId,
              name: b.name,
              address: `${road}${base + bi}号`,
              floors: r.int(6, 18),
              residential: true,
            });
            for (let ui = 0; ui < 2; ui++) {
              const uid = ids.next();
              b.units.push(uid);
              await row(sinks.building_unit, 'building_unit', {
                id: uid,
                ...gp,
                buildingId: b.id,
                name: `${ui + 1}单元`,
              });
            }
          }
          for (const [kind, label, cc] of [
            ['PROPERTY_COMPANY', '物业服务有限公司', '91'],
            ['OWNERS_COMMITTEE', '业主委员会', '51'],
            ['ENTERPRISE', '商贸有限公司', '91'],
            ['NEW_SOCIAL', '社会工作服务中心', '52'],
          ] as const) {
            const id = ids.next();
            const name = `${community.name}${g.code.slice(-2)}${label}`;
            g.orgs.push({ id, kind, name });
            await row(sinks.organization, 'organization', {
              id,
              ...gp,
              name,
              kind,
              creditCode: kind === 'OWNERS_COMMITTEE' ? null : makeCreditCode(cc, g.region, orgNumber++),
              address: `${road}${base}号`,
              contactName: chineseName(r, r.chance(0.5) ? 'MALE' : 'FEMALE'),
              contactPhone: `027${String(r.int(10000000, 99999999))}`,
            });
          }
          await row(sinks.party_organization, 'party_organization', {
            id: g.branchId,
            ...gp,
            name: `${g.name.replace(/（.*）/, '')}党支部`,
            kind: 'GRID_BRANCH',
            parentId: community.committeeId,
            secretaryName: chineseName(r, 'FEMALE'),
            foundedOn: '2016-07-01',
          });
          for (let pi = 0; pi < 2; pi++) {
            const id = ids.next();
            g.groupIds.push(id);
            await row(sinks.party_organization, 'party_organization', {
              id,
              ...gp,
              name: `${g.name.replace(/（.*）/, '')}第${ordinal(pi + 1)}党小组`,
              kind: 'PARTY_GROUP',
              microGridId: g.micro[pi],
              parentId: g.branchId,
              secretaryName: chineseName(r, 'MALE'),
              foundedOn: '2018-07-01',
            });
          }
        }
      }
    }
    for (const s of Object.values(sinks)) await s.close();
  }

  // ---------- households, residents, tags, party members ----------
  {
    const r2 = rnd(2);
    const hIds = new IdClock(start + 100 * DAY, r2);
    const pIds = new IdClock(start + 200 * DAY, r2);
    const sinks = {
      household: await open('household', 'people'),
      resident: await open('resident', 'people'),
      resident_tag: await open('resident_tag', 'people'),
      party_membership: await open('party_membership', 'people'),
    };
    const idSeq = new Map<string, number>();
    const todayYear = Number(localDate(now).slice(0, 4));
    for (const g of grids) {
      const community = communities.find((c) => c.id === g.communityId)!;
      const gp = { streetId: g.streetId, communityId: g.communityId, gridId: g.id };
      const nHouseholds = share(o.households, o.grids, g.index);
      const nResidents = share(o.residents, o.grids, g.index);
      // Household sizes: everyone gets a first member, the rest spread at random.
      const sizes = new Array<number>(nHouseholds).fill(nResidents >= nHouseholds ? 1 : 0);
      for (let i = nResidents >= nHouseholds ? nHouseholds : 0; i < nResidents; i++)
        sizes[r2.int(0, nHouseholds - 1)]!++;
      for (let hi = 0; hi < nHouseholds; hi++) {
        const b = g.buildings[hi % g.buildings.length]!;
        const unit = b.units[Math.floor(hi / g.buildings.length) % b.units.length]!;
        const floor = 1 + (Math.floor(hi / (g.buildings.length * b.units.length)) % 18);
        const room = `${floor}0${1 + (hi % 4)}`;
        const hid = hIds.next();
        if (g.households.length < 60) g.households.push(hid);
        await row(sinks.household, 'household', {
          id: hid,
          ...gp,
          buildingId: b.id,
          unitId: unit,
          householdNumber: `${g.code}-${String(hi + 1).padStart(4, '0')}`,
          room,
          address: `${community.name}${b.name}${room}室`,
        });
        for (let m = 0; m < sizes[hi]!; m++) {
          const gender = r2.chance(0.5) ? 'MALE' : 'FEMALE';
          const band = r2.next();
          const age =
            m === 0
              ? r2.int(25, 90)
              : band < 0.2
                ? r2.int(0, 17)
                : band < 0.78
                  ? r2.int(18, 59)
                  : band < 0.96
                    ? r2.int(60, 79)
                    : r2.int(80, 99);
          const birth = new Date(Date.UTC(todayYear - age - 1, 0, 1) + r2.int(0, 364) * DAY)
            .toISOString()
            .slice(0, 10);
          let region = g.region;
          let key = `${region}${birth}${gender}`;
          let seq = idSeq.get(key) ?? 0;
          for (let alt = 0; seq >= 500; alt++) {
            region = REGION_CODES[(REGION_CODES.indexOf(g.region) + alt + 1) % REGION_CODES.length]!;
            key = `${region}${birth}${gender}`;
            seq = idSeq.get(key) ?? 0;
          }
          idSeq.set(key, seq + 1);
          const refused = r2.chance(0.01);
          const name = chineseName(r2, gender);
          const id = pIds.next();
          await row(sinks.resident, 'resident', {
            id,
            ...gp,
            householdId: hid,
            buildingId: b.id,
            unitId: unit,
            name,
            gender,
            birthDate: refused ? null : birth,
            idNumber: refused ? null : makeIdNumber(region, birth, gender, seq),
            phone:
              refused || r2.chance(0.1)
                ? null
                : `1${r2.pick(['3', '5', '7', '8', '9'])}${String(r2.int(0, 999999999)).padStart(9, '0')}`,
            residency: r2.chance(0.7) ? 'PERMANENT' : r2.chance(0.5) ? 'REGISTERED' : 'FLOATING',
            relationToHead: m === 0 ? '户主' : age < 25 ? '子女' : age > 70 ? '父母' : '配偶',
            refusedInfo: refused,
          });
          if (age >= 22 && age <= 65 && g.people.length < 80 && !refused)
            g.people.push({ id, householdId: hid, name, gender, birthDate: birth });
          const tags: string[] = [];
          if (age >= 60 && r2.chance(0.6)) tags.push('EMPTY_NEST');
          else if (age >= 70 && r2.chance(0.2)) tags.push('ELDERLY_ALONE');
          if (age >= 80 && r2.chance(0.15)) tags.push('NEEDS_CARE');
          if (r2.chance(0.02)) tags.push('DISABLED');
          if (r2.chance(0.025)) tags.push('LOW_INCOME');
          if (r2.chance(0.005)) tags.push('SPECIAL_HARDSHIP');
          if (age < 16 && r2.chance(0.03)) tags.push('LEFT_BEHIND_CHILD');
          if (gender === 'MALE' && age >= 25 && age <= 75 && r2.chance(0.03)) tags.push('VETERAN');
          for (const kind of tags) {
            await row(sinks.resident_tag, 'resident_tag', {
              id: pIds.next(),
              residentId: id,
              kind,
              communityId: g.communityId,
              gridId: g.id,
            });
          }
          if (age >= 20 && !refused && r2.chance(0.05)) {
            const kind = age >= 60 && r2.chance(0.7) ? 'RETIREE' : r2.chance(0.25) ? 'IN_SERVICE' : 'DIRECT';
            await row(sinks.party_membership, 'party_membership', {
              id: pIds.next(),
              ...gp,
              partyOrganizationId: r2.chance(0.5) ? g.branchId : r2.pick(g.groupIds),
              residentId: id,
              memberName: name,
              kind,
              workUnitName:
                kind === 'IN_SERVICE'
                  ? r2.pick(['市第一医院', '区教育局', '市自来水公司', '区税务局'])
                  : null,
              joinedOn: `${Math.min(todayYear - 1, todayYear - age + 19 + r2.int(0, age - 20))}-07-01`,
            });
          }
        }
      }
    }
    for (const s of Object.values(sinks)) await s.close();
  }

  // ---------- staff ----------
  {
    const r3 = rnd(3);
    const sIds = new IdClock(start + 300 * DAY, r3);
    const sinks = {
      staff_member: await open('staff_member', 'staff'),
      staff_assignment: await open('staff_assignment', 'staff'),
      log_book: await open('log_book', 'staff'),
      sentiment_log: await open('sentiment_log', 'staff'),
      training: await open('training', 'staff'),
      training_attendance: await open('training_attendance', 'staff'),
    };
    const departments = [
      'PUBLIC_SECURITY',
      'CIVIL_AFFAIRS',
      'JUSTICE',
      'HOUSING',
      'HEALTH',
      'URBAN_MANAGEMENT',
    ];
    const categories = [
      'LIVELIHOOD',
      'DISPUTE',
      'SAFETY_HAZARD',
      'ENVIRONMENT',
      'POLICY_INQUIRY',
      'SUGGESTION',
      'CARE',
    ];
    for (const c of communities) {
      const cp = { streetId: c.streetId, communityId: c.id };
      let bookNo = 1;
      const person = async (
        gridId: string | null,
        from?: GridInfo['people'][number],
      ): Promise<{ id: string; name: string }> => {
        const gender = from?.gender ?? (r3.chance(0.5) ? 'MALE' : 'FEMALE');
        const name = from?.name ?? chineseName(r3, gender as 'MALE' | 'FEMALE');
        const id = sIds.next();
        await row(sinks.staff_member, 'staff_member', {
          id,
          ...cp,
          gridId,
          name,
          gender,
          birthDate:
            from?.birthDate ??
            `${Number(localDate(now).slice(0, 4)) - r3.int(24, 58)}-0${r3.int(1, 9)}-1${r3.int(0, 9)}`,
          phone: `13${String(r3.int(0, 999999999)).padStart(9, '0')}`,
          residentId: from?.id ?? null,
          partyMember: r3.chance(0.4),
        });
        return { id, name };
      };
      const post = async (staffId: string, role: string, at: Record<string, CopyValue>) =>
        row(sinks.staff_assignment, 'staff_assignment', {
          id: sIds.next(),
          ...cp,
          gridId: null,
          staffMemberId: staffId,
          role,
          startDate: localDate(now - r3.int(200, 1500) * DAY),
          endDate: null,
          ...at,
        });
      const supervisor = await person(null);
      await post(supervisor.id, 'SUPERVISOR', {});
      const trainees: string[] = [];
      for (const g of c.grids) {
        const gp = { gridId: g.id };
        const chief = await person(g.id);
        g.chiefId = chief.id;
        await post(chief.id, 'GRID_CHIEF', gp);
        trainees.push(chief.id);
        const assistant = await person(g.id);
        await post(assistant.id, 'GRID_CHIEF_ASSISTANT', { ...gp, organizationId: g.orgs[2]!.id });
        for (let w = 0; w < 2; w++) {
          const worker = await person(g.id);
          g.workers.push(worker);
          trainees.push(worker.id);
          await post(worker.id, 'GRID_WORKER', gp);
          await row(sinks.log_book, 'log_book', {
            id: sIds.next(),
            ...cp,
            gridId: g.id,
            staffMemberId: worker.id,
            number: `${c.code}-${String(bookNo++).padStart(4, '0')}`,
            issuedAt: new Date(now - r3.int(100, 700) * DAY),
          });
          for (let week = 0; week < 52; week++) {
            await row(sinks.sentiment_log, 'sentiment_log', {
              id: sIds.next(),
              ...cp,
              gridId: g.id,
              staffMemberId: worker.id,
              householdId: g.households.length ? r3.pick(g.households) : null,
              date: localDate(now - (week * 7 + r3.int(0, 6)) * DAY),
              category: r3.pick(categories),
              content: r3.pick(SENTIMENT_TEXTS),
            });
          }
        }
        for (let m = 0; m < 2; m++) {
          const co = await person(g.id);
          await post(co.id, 'CO_MANAGER', {
            ...gp,
            department: departments[(g.index + m) % departments.length],
          });
        }
        const liaison = await person(g.id);
        await post(liaison.id, 'LIAISON', { ...gp, organizationId: g.orgs[0]!.id });
        for (let mi = 0; mi < g.micro.length; mi++) {
          const chiefOfMicro = await person(g.id, g.people[mi]);
          await post(chiefOfMicro.id, 'MICRO_GRID_CHIEF', { ...gp, microGridId: g.micro[mi] });
        }
        for (let bi = 0; bi < g.buildings.length; bi++) {
          const head = await person(g.id, g.people[4 + (bi % Math.max(1, g.people.length - 4))]);
          await post(head.id, 'BUILDING_HEAD', { ...gp, buildingId: g.buildings[bi]!.id });
        }
      }
      for (let t = 0; t < 6; t++) {
        const tid = sIds.next();
        await row(sinks.training, 'training', {
          id: tid,
          ...cp,
          title: r3.pick(['网格员业务能力培训', '矛盾纠纷调解培训', '消防安全知识培训', '信息系统操作培训']),
          date: localDate(now - (t * 60 + r3.int(1, 50)) * DAY),
          hours: r3.pick([2, 3, 4]),
          location: `${c.name}党群服务中心`,
        });
        for (const sid of trainees) {
          if (r3.chance(0.7))
            await row(sinks.training_attendance, 'training_attendance', {
              id: sIds.next(),
              trainingId: tid,
              staffMemberId: sid,
            });
        }
      }
    }
    for (const s of Object.values(sinks)) await s.close();
  }

  // ---------- party activities and aid ----------
  {
    const r4 = rnd(4);
    const aIds = new IdClock(now - 366 * DAY, r4);
    const sinks = {
      party_activity: await open('party_activity', 'party'),
      party_activity_household: await open('party_activity_household', 'party'),
      aid_record: await open('aid_record', 'party'),
    };
    for (const g of grids) {
      const gp = { streetId: g.streetId, communityId: g.communityId, gridId: g.id };
      for (let m = 0; m < 12; m++) {
        const id = aIds.next();
        const kind = r4.pick(['THEME_DAY', 'MEMBER_SERVICE', 'STUDY', 'VOLUNTEER']);
        await row(sinks.party_activity, 'party_activity', {
          id,
          ...gp,
          partyOrganizationId: g.branchId,
          kind,
          title:
            kind === 'MEMBER_SERVICE'
              ? '我是党员我帮你'
              : kind === 'THEME_DAY'
                ? '主题党日活动'
                : '党员学习与志愿服务',
          heldOn: localDate(now - (m * 30 + r4.int(1, 28)) * DAY),
          participants: r4.int(5, 30),
          beneficiaries: r4.int(0, 40),
        });
        if (kind === 'MEMBER_SERVICE') {
          const served = new Set([r4.pick(g.households), r4.pick(g.households)]);
          for (const h of served)
            await row(sinks.party_activity_household, 'party_activity_household', {
              id: aIds.next(),
              activityId: id,
              householdId: h,
            });
        }
      }
      for (let a = 0; a < 12; a++) {
        const kind = r4.pick(['CASH', 'GOODS', 'SERVICE', 'POLICY']);
        await row(sinks.aid_record, 'aid_record', {
          id: aIds.next(),
          ...gp,
          householdId: r4.pick(g.households),
          givenOn: localDate(now - r4.int(1, 360) * DAY),
          kind,
          description:
            kind === 'CASH' ? '困难家庭慰问金' : kind === 'GOODS' ? '米面油慰问品' : '上门助餐助洁',
          amount: kind === 'CASH' ? r4.int(2, 10) * 100 : null,
          peopleHelped: r4.int(1, 4),
          givenByPartyOrganizationId: r4.chance(0.5) ? g.branchId : null,
          givenBy: r4.chance(0.5) ? '社区党委' : '街道民政办',
        });
      }
    }
    for (const s of Object.values(sinks)) await s.close();
  }

  await generateCases(o, communities, rnd(5), open, row);
  return { communities };
}

interface Category extends SlaPolicy {
  id: string;
  code: string;
  defaultScale: CaseScale;
}

type Step = [CaseAction, number, number];
const A = CaseAction;
/** Paths through the state machine, each step with the range of hours it takes after the previous one. */
const PATHS: Record<string, Step[]> = {
  REPORTED: [],
  ACCEPTED: [[A.ACCEPT, 0.2, 3]],
  ASSIGNED: [
    [A.ACCEPT, 0.2, 3],
    [A.ASSIGN, 0.2, 4],
  ],
  IN_PROGRESS: [
    [A.ACCEPT, 0.2, 3],
    [A.ASSIGN, 0.2, 4],
    [A.START, 0.2, 8],
  ],
  EXTENSION_REQUESTED: [
    [A.ACCEPT, 0.2, 3],
    [A.ASSIGN, 0.2, 4],
    [A.START, 0.2, 8],
    [A.REQUEST_EXTENSION, 2, 20],
  ],
  RETURN_REQUESTED: [
    [A.ACCEPT, 0.2, 3],
    [A.ASSIGN, 0.2, 4],
    [A.START, 0.2, 8],
    [A.REQUEST_RETURN, 1, 10],
  ],
  ESCALATED: [
    [A.ACCEPT, 0.2, 3],
    [A.ESCALATE, 1, 12],
  ],
  JOINT_MEETING: [
    [A.ACCEPT, 0.2, 3],
    [A.SEND_TO_JOINT_MEETING, 2, 24],
  ],
  RESOLVED: [
    [A.ACCEPT, 0.2, 3],
    [A.ASSIGN, 0.2, 4],
    [A.START, 0.2, 8],
    [A.RESOLVE, 2, 40],
  ],
  FEEDBACK_GIVEN: [
    [A.ACCEPT, 0.2, 3],
    [A.ASSIGN, 0.2, 4],
    [A.START, 0.2, 8],
    [A.RESOLVE, 2, 40],
    [A.GIVE_FEEDBACK, 1, 24],
  ],
  CLOSED: [
    [A.ACCEPT, 0.2, 3],
    [A.ASSIGN, 0.2, 4],
    [A.START, 0.2, 8],
    [A.RESOLVE, 2, 40],
    [A.GIVE_FEEDBACK, 1, 24],
    [A.RATE, 1, 72],
  ],
  CLOSED_TIMEOUT: [
    [A.ACCEPT, 0.2, 3],
    [A.ASSIGN, 0.2, 4],
    [A.START, 0.2, 8],
    [A.RESOLVE, 2, 40],
    [A.GIVE_FEEDBACK, 1, 24],
    [A.CLOSE, 168, 170],
  ],
  CLOSED_EXTENDED: [
    [A.ACCEPT, 0.2, 3],
    [A.ASSIGN, 0.2, 4],
    [A.START, 0.2, 8],
    [A.REQUEST_EXTENSION, 2, 20],
    [A.APPROVE_EXTENSION, 1, 8],
    [A.RESOLVE, 10, 100],
    [A.GIVE_FEEDBACK, 1, 24],
    [A.RATE, 1, 72],
  ],
  CLOSED_ESCALATED: [
    [A.ACCEPT, 0.2, 3],
    [A.ESCALATE, 1, 12],
    [A.ACCEPT, 0.5, 8],
    [A.ASSIGN, 0.5, 8],
    [A.START, 0.5, 12],
    [A.RESOLVE, 10, 100],
    [A.GIVE_FEEDBACK, 1, 24],
    [A.RATE, 1, 72],
  ],
  CLOSED_MEETING: [
    [A.ACCEPT, 0.2, 3],
    [A.SEND_TO_JOINT_MEETING, 2, 24],
    [A.DECIDE, 24, 200],
    [A.START, 1, 24],
    [A.RESOLVE, 24, 200],
    [A.GIVE_FEEDBACK, 1, 24],
    [A.RATE, 1, 72],
  ],
  CLOSED_SUPERVISED: [
    [A.ACCEPT, 0.2, 3],
    [A.ASSIGN, 0.2, 4],
    [A.START, 0.2, 8],
    [A.SUPERVISE, 12, 48],
    [A.RESOLVE, 2, 40],
    [A.GIVE_FEEDBACK, 1, 24],
    [A.RATE, 1, 72],
  ],
  CLOSED_REOPENED: [
    [A.ACCEPT, 0.2, 3],
    [A.ASSIGN, 0.2, 4],
    [A.START, 0.2, 8],
    [A.RESOLVE, 2, 40],
    [A.GIVE_FEEDBACK, 1, 24],
    [A.REOPEN, 1, 48],
    [A.ASSIGN, 0.5, 8],
    [A.START, 0.5, 8],
    [A.RESOLVE, 2, 40],
    [A.GIVE_FEEDBACK, 1, 24],
    [A.RATE, 1, 72],
  ],
  REOPENED: [
    [A.ACCEPT, 0.2, 3],
    [A.ASSIGN, 0.2, 4],
    [A.START, 0.2, 8],
    [A.RESOLVE, 2, 40],
    [A.GIVE_FEEDBACK, 1, 24],
    [A.REOPEN, 1, 48],
  ],
  REJECTED: [[A.REJECT, 0.2, 6]],
};

/** Which path a case takes, by how many days ago it was reported. */
function pickPath(r: SeededRandom, ageDays: number): string {
  const table: [string, number][] =
    ageDays < 2
      ? [
          ['REPORTED', 10],
          ['ACCEPTED', 10],
          ['ASSIGNED', 14],
          ['IN_PROGRESS', 20],
          ['EXTENSION_REQUESTED', 4],
          ['RETURN_REQUESTED', 3],
          ['ESCALATED', 5],
          ['JOINT_MEETING', 3],
          ['RESOLVED', 15],
          ['FEEDBACK_GIVEN', 12],
          ['REJECTED', 4],
        ]
      : ageDays < 7
        ? [
            ['ASSIGNED', 4],
            ['IN_PROGRESS', 8],
            ['EXTENSION_REQUESTED', 2],
            ['ESCALATED', 2],
            ['JOINT_MEETING', 2],
            ['RESOLVED', 5],
            ['FEEDBACK_GIVEN', 20],
            ['CLOSED', 45],
            ['CLOSED_SUPERVISED', 4],
            ['REJECTED', 4],
            ['REOPENED', 4],
          ]
        : [
            ['CLOSED', 66],
            ['CLOSED_TIMEOUT', 8],
            ['CLOSED_EXTENDED', 5],
            ['CLOSED_ESCALATED', 5],
            ['CLOSED_MEETING', 2],
            ['CLOSED_SUPERVISED', 3],
            ['CLOSED_REOPENED', 3],
            ['REJECTED', 4],
            ['REOPENED', 1],
            ['IN_PROGRESS', 2],
            ['JOINT_MEETING', 1],
          ];
  const total = table.reduce((s, [, w]) => s + w, 0);
  let x = r.next() * total;
  for (const [name, w] of table) {
    x -= w;
    if (x < 0) return name;
  }
  return table[0]![0];
}

const SOURCES = ['PATROL', 'VISIT', 'WECHAT_GROUP', 'HOTLINE', 'RESIDENT'] as const;

async function generateCases(
  o: ScaleOptions,
  communities: CommunityInfo[],
  r: SeededRandom,
  open: (table: Table, phase: string) => Promise<CopySink>,
  row: (sink: CopySink, table: Table, values: Record<string, CopyValue>) => Promise<void>,
): Promise<void> {
  const now = o.now.getTime();
  const db = new Client({ connectionString: o.url });
  await db.connect();
  const categories = (
    await db.query<{
      id: string;
      code: string;
      sla_hours: number;
      same_day: boolean;
      default_scale: CaseScale;
    }>(
      'select id, code, sla_hours, same_day, default_scale from case_category where street_id is null order by code',
    )
  ).rows.map(
    (c): Category => ({
      id: c.id,
      code: c.code,
      slaHours: c.sla_hours,
      sameDay: c.same_day,
      defaultScale: c.default_scale,
    }),
  );
  await db.end();
  const sinks = {
    joint_meeting: await open('joint_meeting', 'cases'),
    joint_meeting_item: await open('joint_meeting_item', 'cases'),
    case_record: await open('case_record', 'cases'),
    case_event: await open('case_event', 'cases'),
    case_overdue: await open('case_overdue', 'cases'),
  };
  const grids = communities.flatMap((c) => c.grids);
  // A joint meeting a month per community, for the cases that go to one.
  const mIds = new IdClock(now - (o.days + 40) * DAY, r);
  for (const c of communities) {
    for (let m = Math.ceil(o.days / 30); m >= 0; m--) {
      const at = now - m * 30 * DAY + 10 * HOUR;
      const meeting = { id: mIds.next(), at };
      c.meetings.push(meeting);
      await row(sinks.joint_meeting, 'joint_meeting', {
        id: meeting.id,
        streetId: c.streetId,
        communityId: c.id,
        level: 'COMMUNITY',
        title: `${c.name}联席会议（${localDate(at).slice(0, 7)}）`,
        scheduledAt: new Date(at),
        location: `${c.name}党群服务中心`,
        departments: ['CIVIL_AFFAIRS', 'HOUSING', 'URBAN_MANAGEMENT'],
        attendees: ['社区书记', '物业公司', '城管执法中队'],
        status: at < now ? 'HELD' : 'SCHEDULED',
        heldAt: at < now ? new Date(at) : null,
      });
    }
  }
  const byId = new Map(communities.map((c) => [c.id, c]));
  let hotline = 0;
  const idRandom = new SeededRandom((o.seed ^ 0x5eed) >>> 0);
  for (let day = o.days; day >= 0; day--) {
    const dayStart = now - day * DAY;
    const count = day === 0 ? Math.floor(o.casesPerDay * ((now % DAY) / DAY)) : o.casesPerDay;
    const times = Array.from({ length: count }, () => dayStart - r.next() * DAY).sort((a, b) => a - b);
    for (const reportedAt of times) {
      const g = r.pick(grids);
      const community = byId.get(g.communityId)!;
      const category = r.pick(categories);
      const ageDays = (now - reportedAt) / DAY;
      const path = pickPath(r, ageDays);
      const reporter = r.chance(0.4) && g.people.length ? r.pick(g.people) : null;
      const source = reporter ? 'RESIDENT' : r.pick(SOURCES);
      const building = r.chance(0.6) ? r.pick(g.buildings) : null;
      const reported = new Date(reportedAt);
      const overall = overallDeadline(reported, category.defaultScale, category);
      const id = uuid7(reportedAt, idRandom);
      const c = {
        id,
        streetId: g.streetId,
        communityId: g.communityId,
        gridId: g.id,
        microGridId: building?.microId ?? null,
        buildingId: building?.id ?? null,
        householdId: reporter?.householdId ?? null,
        reporterResidentId: reporter?.id ?? null,
        categoryId: category.id,
        source,
        scale: category.defaultScale,
        title: pickTitle(r, category.code),
        description: '居民反映问题，请网格员核实处理',
        state: CaseState.REPORTED,
        level: CaseLevel.GRID,
        responsibleKind: null,
        department: null,
        responsibleOrganizationId: null,
        responsibleName: null,
        assigneeId: null,
        jointMeetingId: null,
        reportedAt: reported,
        acceptedAt: null,
        assignedAt: null,
        startedAt: null,
        resolvedAt: null,
        closedAt: null,
        rejectedAt: null,
        stepNo: 1,
        stepStartedAt: reported,
        dueAt: overall,
        overallDueAt: overall,
        requestedDueAt: null,
        lng: null,
        lat: null,
        address: building ? `${community.name}${building.name}` : null,
        resolution: null,
        rejectReason: null,
        feedbackChannel: null,
        feedbackAt: null,
        feedbackNote: null,
        rating: null,
        ratingComment: null,
        ratedAt: null,
        escalationCount: 0,
        supervisionCount: 0,
        extensionCount: 0,
        reopenCount: 0,
        externalSystem: source === 'HOTLINE' ? '12345' : null,
        externalId: source === 'HOTLINE' ? `12345-${String(++hotline).padStart(8, '0')}` : null,
        version: 1,
      } as unknown as Case;
      const eventClock = new IdClock(reportedAt, idRandom);
      await row(sinks.case_event, 'case_event', {
        id: eventClock.next(),
        caseId: id,
        version: 1,
        action: A.REPORT,
        fromState: null,
        toState: CaseState.REPORTED,
        level: c.level,
        at: reported,
        actorName: source === 'HOTLINE' ? '12345热线' : (g.workers[0]?.name ?? null),
        note: null,
        data: {
          routed: 'GIVEN',
          categoryId: toGlobalId('CaseCategory', category.id),
          categoryCode: category.code,
          scale: c.scale,
          source,
          gridId: toGlobalId('Grid', g.id),
          stepNo: 1,
          dueAt: overall.toISOString(),
          overallDueAt: overall.toISOString(),
        },
      });
      // The path's times, squeezed to end before now when the case is recent.
      const steps = PATHS[path]!;
      const gaps = steps.map(([, lo, hi]) => (lo + r.next() * (hi - lo)) * HOUR);
      const span = gaps.reduce((s, x) => s + x, 0);
      const room = now - 60_000 - reportedAt;
      const squeeze = span > room ? room / span : 1;
      let at = reportedAt;
      let meetingItem: Record<string, CopyValue> | null = null;
      for (let i = 0; i < steps.length; i++) {
        const action = steps[i]![0];
        at += gaps[i]! * squeeze;
        const when = new Date(Math.floor(at));
        const worker = r.pick(g.workers);
        const input: ActionInput = {};
        let note: string | null = null;
        switch (action) {
          case A.ASSIGN:
            input.responsible = { kind: 'GRID' as never, assigneeId: worker.id, name: worker.name };
            input.dueAt = new Date(when.getTime() + category.slaHours * HOUR);
            break;
          case A.DECIDE:
            input.responsible = {
              kind: 'DEPARTMENT' as never,
              department: 'HOUSING' as never,
              name: '区住建局',
            };
            input.dueAt = new Date(when.getTime() + 7 * DAY);
            break;
          case A.RESOLVE:
            input.resolution = '已现场处理完毕，居民确认';
            break;
          case A.GIVE_FEEDBACK:
            input.feedback = { channel: r.pick(['PHONE', 'VISIT', 'WECHAT']) as never, at: when };
            break;
          case A.RATE:
            input.rating = { rating: r.chance(0.85) ? r.int(4, 5) : r.int(1, 3) };
            break;
          case A.REQUEST_EXTENSION:
            input.dueAt = new Date(when.getTime() + 3 * DAY);
            note = '需协调物业与住建部门，申请延期';
            break;
          case A.REQUEST_RETURN:
            note = '不属于本网格职责范围';
            break;
          case A.REJECT:
            input.reason = '重复上报，已合并处理';
            note = input.reason;
            break;
          case A.REOPEN:
            input.reason = '居民对处理结果不满意';
            note = input.reason;
            break;
          case A.SUPERVISE:
            input.reason = '处理进度缓慢，请加快办理';
            note = input.reason;
            break;
          case A.SEND_TO_JOINT_MEETING: {
            const meeting = community.meetings.find((m) => m.at > at) ?? community.meetings.at(-1)!;
            input.meeting = {
              id: meeting.id,
              level: CaseLevel.COMMUNITY,
              dueAt: new Date(meeting.at + 7 * DAY),
            };
            meetingItem = {
              id: eventClock.next(),
              streetId: g.streetId,
              communityId: g.communityId,
              gridId: g.id,
              meetingId: meeting.id,
              caseId: id,
              addedAt: when,
              decidedAt: null,
            };
            break;
          }
        }
        const rule = transitionFor(c, action);
        const data = applyTransition(c, rule, input, when, category);
        if (action === A.DECIDE && meetingItem) {
          Object.assign(meetingItem, {
            decidedAt: when,
            decision: '由区住建局牵头处理',
            responsibleKind: 'DEPARTMENT',
            department: 'HOUSING',
          });
        }
        c.version += 1;
        await row(sinks.case_event, 'case_event', {
          id: eventClock.next(),
          caseId: id,
          version: c.version,
          action,
          fromState: rule.from,
          toState: c.state,
          level: c.level,
          at: when,
          actorName: action === A.DECIDE || action === A.SUPERVISE ? '社区管理员' : worker.name,
          note,
          data,
        });
      }
      if (meetingItem) await row(sinks.joint_meeting_item, 'joint_meeting_item', meetingItem);
      const values = c as unknown as Record<string, CopyValue>;
      await row(sinks.case_record, 'case_record', {
        ...values,
        createdAt: reported,
        updatedAt: new Date(Math.floor(at)),
      });
      // What the SLA sweeper would have recorded by now for an open case past a deadline.
      if (OPEN_STATES.includes(c.state)) {
        const overdue = (clock: 'STEP' | 'OVERALL', stepNo: number, due: Date) =>
          row(sinks.case_overdue, 'case_overdue', {
            id: uuid7(due.getTime() + 60_000, idRandom),
            streetId: c.streetId,
            communityId: c.communityId,
            gridId: c.gridId,
            caseId: id,
            clock,
            stepNo,
            dueAt: due,
            detectedAt: new Date(Math.min(now, due.getTime() + 60_000)),
            state: c.state,
          });
        if (c.dueAt.getTime() < now) await overdue('STEP', c.stepNo, c.dueAt);
        if (c.overallDueAt.getTime() < now) await overdue('OVERALL', 0, c.overallDueAt);
      }
    }
  }
  for (const s of Object.values(sinks)) await s.close();
}
