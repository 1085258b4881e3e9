import type { EntityManager } from '@mikro-orm/postgresql';
import { Resident, ResidentTag, ResidentTagKind } from '../../src/people';
import {
  asCalendarDate,
  daysAgo,
  demoGrid,
  localDateOf,
  seedActivity,
  seedEnable,
  type DemoTerritory,
  type ModuleSeed,
} from '../../src/modules';
import type { Grid } from '../../src/territory';
import {
  ElderlyCareHelperKind,
  ElderlyCareLiving,
  ElderlyCarePairing,
  ElderlyCareProfile,
  ElderlyCareVisitType,
} from './elderly-care.entities';
import { elderlyCare } from './elderly-care.module';

const HELPER_KINDS = [
  ElderlyCareHelperKind.VOLUNTEER,
  ElderlyCareHelperKind.PARTY_MEMBER,
  ElderlyCareHelperKind.NEIGHBOUR,
  ElderlyCareHelperKind.GRID_STAFF,
];
const CARE_NEEDS = ['助餐', '助浴', '助医', '代购', '陪聊', '助洁'];
const FINDINGS = [
  '身体状况良好',
  '血压偏高，已提醒按时服药',
  '家中燃气阀门老化，已报物业',
  '情绪低落，约定下周再访',
  '冰箱食物充足',
];

const age = (birthDate: string | Date | null | undefined, today: string): number =>
  birthDate ? Number(today.slice(0, 4)) - Number(asCalendarDate(birthDate).slice(0, 4)) : 0;

/**
 * Profiles for the tagged elderly of a grid (独居, 空巢, 失能), helpers from among its residents, and a
 * year of visits. A fifth of the elderly were last visited long ago, so the overdue figure shows.
 */
async function seedGrid(em: EntityManager, t: DemoTerritory, grid: Grid, since: Date, intervalDays: number) {
  const r = t.random;
  const place = { streetId: grid.streetId, communityId: grid.communityId, gridId: grid.id };
  const today = localDateOf(new Date());
  seedEnable(em, elderlyCare, grid, since, { visitIntervalDays: intervalDays });

  const residents = await em.find(Resident, { gridId: grid.id }, { orderBy: { id: 'asc' } });
  const tags = await em.find(ResidentTag, {
    gridId: grid.id,
    kind: { $in: [ResidentTagKind.ELDERLY_ALONE, ResidentTagKind.EMPTY_NEST, ResidentTagKind.NEEDS_CARE] },
  });
  const tagsOf = new Map<string, ResidentTagKind[]>();
  for (const tag of tags) tagsOf.set(tag.residentId, [...(tagsOf.get(tag.residentId) ?? []), tag.kind]);
  const elderly = residents.filter((p) => tagsOf.has(p.id) || age(p.birthDate, today) >= 70).slice(0, 24);
  const helpers = residents.filter((p) => {
    const a = age(p.birthDate, today);
    return a >= 20 && a <= 60;
  });

  const profiles = elderly.map((p) => {
    const kinds = tagsOf.get(p.id) ?? [];
    return em.create(ElderlyCareProfile, {
      ...place,
      residentId: p.id,
      living: kinds.includes(ResidentTagKind.ELDERLY_ALONE)
        ? ElderlyCareLiving.ALONE
        : kinds.includes(ResidentTagKind.EMPTY_NEST)
          ? ElderlyCareLiving.EMPTY_NEST
          : ElderlyCareLiving.WITH_FAMILY,
      needsCare: kinds.includes(ResidentTagKind.NEEDS_CARE),
      careNeeds: r.chance(0.6)
        ? [r.pick(CARE_NEEDS), r.pick(CARE_NEEDS)].filter((s, i, a) => a.indexOf(s) === i).join('、')
        : null,
      registeredOn: localDateOf(daysAgo(r.int(380, 700))),
    });
  });
  const moved = profiles.length > 4 ? profiles[profiles.length - 1]! : null;
  if (moved) {
    moved.endedOn = localDateOf(daysAgo(45));
    moved.endReason = '随子女迁居外地';
  }
  const active = profiles.filter((p) => !p.endedOn);

  active.forEach((p, i) => {
    if (i % 2 === 1 || !helpers.length) return;
    const helper = helpers[r.int(0, helpers.length - 1)]!;
    em.create(ElderlyCarePairing, {
      ...place,
      profileId: p.id,
      helperKind: r.pick(HELPER_KINDS),
      helperName: helper.name,
      helperResidentId: helper.id,
      startedOn: localDateOf(daysAgo(r.int(100, 360))),
      note: r.pick(['每周两次送餐', '每天电话问候', '陪同就医', '每周上门打扫']),
      ...(i === 0 ? { endedOn: localDateOf(daysAgo(20)) } : {}),
    });
  });

  for (const [i, p] of active.entries()) {
    // Every fifth person has not been visited for two to four months: overdue under any interval here.
    let day = i % 5 === 0 ? r.int(60, 120) : r.int(1, intervalDays - 2);
    while (day < 360) {
      const condolence = r.chance(0.15);
      seedActivity(em, elderlyCare, 'visit', grid, {
        occurredAt: daysAgo(day, r.int(1, 9)),
        title: condolence ? '节日慰问' : '上门探访',
        details: {
          profileId: p.id,
          visitType: condolence ? ElderlyCareVisitType.CONDOLENCE : ElderlyCareVisitType.ROUTINE,
          visitors: r.int(1, 2),
          findings: r.pick(FINDINGS),
          needsFollowUp: r.chance(0.15),
          ...(condolence ? { gifts: r.pick(['米、油', '月饼', '慰问金 200 元', '棉被']) } : {}),
        },
      });
      day += r.int(Math.max(1, intervalDays - 12), intervalDays);
    }
  }

  for (let q = 0; q < 6; q++) {
    const attendees = r.int(20, 60);
    seedActivity(em, elderlyCare, 'clinic', grid, {
      occurredAt: daysAgo(15 + q * 60, 1),
      title: '社区健康义诊',
      details: {
        services: ['测血压', '测血糖', r.pick(['中医推拿', '眼科检查', '用药咨询'])],
        doctors: r.int(3, 8),
        attendees,
        elderlyAttendees: Math.round(attendees * 0.7),
        partner: '东湖社区卫生服务中心',
      },
    });
  }

  for (let q = 0; q < 4 && active.length; q++) {
    const celebrated = active.filter((_, i) => i % 4 === q);
    if (!celebrated.length) continue;
    seedActivity(em, elderlyCare, 'birthday', grid, {
      occurredAt: daysAgo(30 + q * 90, 6),
      title: '季度集体生日会',
      details: { profileIds: celebrated.map((p) => p.id), guests: r.int(8, 20), note: '志愿者送长寿面' },
    });
  }
}

/** The elderly-care grid since over a year, and the care grid since half a year with a shorter interval. */
export const seedElderlyCare: ModuleSeed = async (em, t) => {
  await seedGrid(em, t, demoGrid(t, elderlyCare.id), daysAgo(400), 30);
  await seedGrid(em, t, demoGrid(t, 'care'), daysAgo(200), 14);
};
