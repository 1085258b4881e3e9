import { Household, Resident } from '../../src/people';
import {
  asCalendarDate,
  chineseName,
  daysAgo,
  demoGrid,
  localDateOf,
  seedActivity,
  seedEnable,
  type ModuleSeed,
} from '../../src/modules';
import { VolunteerMember, VolunteerPairing, VolunteerServiceKind, VolunteerTeam } from './volunteer.entities';
import { volunteer } from './volunteer.module';

const SKILLS = ['跑腿代购', '理发', '家电维修', '心理疏导', '陪诊', '文艺', '垃圾分类宣传', '医护'];
const KINDS = [
  VolunteerServiceKind.ERRAND,
  VolunteerServiceKind.ERRAND,
  VolunteerServiceKind.WASTE_REMOVAL,
  VolunteerServiceKind.COUNSELLING,
  VolunteerServiceKind.HEALTH_ESCORT,
  VolunteerServiceKind.OTHER,
];
const TITLES: Record<VolunteerServiceKind, string> = {
  ERRAND: '为居家老人代购生活物资',
  WASTE_REMOVAL: '楼道杂物与大件垃圾清运',
  COUNSELLING: '独居老人心理疏导',
  HEALTH_ESCORT: '陪同行动不便居民上门检测与接种',
  OTHER: '社区环境整治志愿活动',
};

/** The volunteer grid: two teams, a dozen volunteers, household pairings and a year of services. */
export const seedVolunteer: ModuleSeed = async (em, t) => {
  const r = t.random;
  const grid = demoGrid(t, volunteer.id);
  const place = { streetId: grid.streetId, communityId: grid.communityId, gridId: grid.id };
  seedEnable(em, volunteer, grid, daysAgo(400));

  const teams = [
    em.create(VolunteerTeam, {
      ...place,
      name: '阳光志愿服务队',
      description: '跑腿代购、环境整治、垃圾清运',
    }),
    em.create(VolunteerTeam, {
      ...place,
      name: '银龄志愿服务队',
      description: '低龄老人服务高龄老人：陪诊、心理疏导',
    }),
  ];

  const today = localDateOf(new Date());
  const adults = (await em.find(Resident, { gridId: grid.id }, { orderBy: { id: 'asc' } })).filter((p) => {
    if (!p.birthDate) return false;
    const age = Number(today.slice(0, 4)) - Number(asCalendarDate(p.birthDate).slice(0, 4));
    return age >= 18 && age <= 70;
  });
  const members: VolunteerMember[] = [];
  for (let i = 0; i < 12; i++) {
    const resident = i < 8 && adults.length ? adults[r.int(0, adults.length - 1)]! : null;
    if (resident && members.some((m) => m.residentId === resident.id)) continue;
    members.push(
      em.create(VolunteerMember, {
        ...place,
        teamId: teams[i % 2]!.id,
        residentId: resident?.id ?? null,
        name: resident?.name ?? chineseName(r, r.chance(0.5) ? 'MALE' : 'FEMALE'),
        skills: [r.pick(SKILLS), r.pick(SKILLS)].filter((s, k, all) => all.indexOf(s) === k),
        joinedOn: localDateOf(daysAgo(r.int(380, 900))),
      }),
    );
  }
  const leaver = members[members.length - 1]!;
  leaver.leftOn = localDateOf(daysAgo(60));
  const active = members.filter((m) => !m.leftOn);

  const households = await em.find(Household, { gridId: grid.id }, { orderBy: { id: 'asc' }, limit: 40 });
  households.slice(0, 6).forEach((h, i) => {
    em.create(VolunteerPairing, {
      ...place,
      memberId: active[i % active.length]!.id,
      householdId: h.id,
      startedOn: localDateOf(daysAgo(r.int(200, 360))),
      note: '每周电话问候，每月上门一次',
      ...(i === 5 ? { endedOn: localDateOf(daysAgo(30)), endReason: '住户搬离本网格' } : {}),
    });
  });

  for (let i = 0; i < 40; i++) {
    const serviceKind = r.pick(KINDS);
    const crew = [...new Set([r.pick(active), r.pick(active), r.pick(active)].slice(0, r.int(1, 3)))];
    const served = households.length ? [households[r.int(0, households.length - 1)]!.id] : [];
    seedActivity(em, volunteer, 'service', grid, {
      occurredAt: daysAgo(r.int(1, 360), r.int(1, 9)),
      title: TITLES[serviceKind],
      details: {
        serviceKind,
        memberIds: crew.map((m) => m.id),
        hours: r.pick([1, 1.5, 2, 2.5, 3, 4]),
        peopleServed: r.int(1, 12),
        householdIds: serviceKind === VolunteerServiceKind.ERRAND ? served : [],
        teamId: crew[0]!.teamId ?? undefined,
      },
    });
  }
};
