import { Resident, ResidentTag, ResidentTagKind } from '../../src/people';
import { daysAgo, demoGrid, localDateOf, seedActivity, seedEnable, type ModuleSeed } from '../../src/modules';
import { CareContactOutcome, CareHelpKind, CareReason, CareTarget, CareTeam } from './care.entities';
import { care } from './care.module';

/** Register reasons from the residents' tags (NEEDS_CARE, 失能, is recorded as a disability). */
const REASON_OF: Partial<Record<ResidentTagKind, CareReason>> = {
  ELDERLY_ALONE: CareReason.ELDERLY_ALONE,
  DISABLED: CareReason.DISABLED,
  NEEDS_CARE: CareReason.DISABLED,
  SPECIAL_HARDSHIP: CareReason.SPECIAL_HARDSHIP,
  LEFT_BEHIND_CHILD: CareReason.LEFT_BEHIND_CHILD,
};
const FINDINGS = [
  '精神状态良好',
  '家中整洁，饮食正常',
  '腿脚不便，需要代购',
  '情绪低落，已陪聊',
  '燃气灶老化，已报物业',
];
const FESTIVALS: [number, string, string][] = [
  [150, '端午节', '粽子、慰问信'],
  [60, '中秋节', '月饼、食用油'],
  [20, '重阳节', '牛奶、棉衣'],
];
const INTERVAL = 30;

/**
 * The care grid: two teams, the register filled from the residents' vulnerable-group tags, half a
 * year of door-knock visits and calls (a fifth of the targets not reached for two months or more,
 * so the overdue figure shows), festival help for everyone, monthly hardship help and one storm.
 */
export const seedCare: ModuleSeed = async (em, t) => {
  const r = t.random;
  const grid = demoGrid(t, care.id);
  const place = { streetId: grid.streetId, communityId: grid.communityId, gridId: grid.id };
  seedEnable(em, care, grid, daysAgo(200), { visitIntervalDays: INTERVAL });

  const residents = await em.find(Resident, { gridId: grid.id }, { orderBy: { id: 'asc' } });
  const tags = await em.find(ResidentTag, {
    gridId: grid.id,
    kind: { $in: Object.keys(REASON_OF) as ResidentTagKind[] },
  });
  const reasonsOf = new Map<string, Set<CareReason>>();
  for (const tag of tags) {
    const reasons = reasonsOf.get(tag.residentId) ?? new Set<CareReason>();
    reasons.add(REASON_OF[tag.kind]!);
    reasonsOf.set(tag.residentId, reasons);
  }
  const helpers = residents.filter((p) => !reasonsOf.has(p.id));
  const leader = helpers[0] ?? null;
  const teams = [
    em.create(CareTeam, {
      ...place,
      name: '敲敲门关爱小分队',
      leaderName: leader?.name ?? '网格员',
      leaderResidentId: leader?.id ?? null,
      memberCount: 8,
      description: '每月上门敲门探访独居、困难居民',
    }),
    em.create(CareTeam, { ...place, name: '电话关爱热线组', memberCount: 4, description: '每周电话问候' }),
  ];

  const chosen = residents.filter((p) => reasonsOf.has(p.id)).slice(0, 28);
  // Two residents with a serious illness, which no tag records.
  for (const p of helpers.slice(1, 3)) {
    reasonsOf.set(p.id, new Set([CareReason.SERIOUS_ILLNESS]));
    chosen.push(p);
  }
  const targets = chosen.map((p, i) =>
    em.create(CareTarget, {
      ...place,
      residentId: p.id,
      reasons: Object.values(CareReason).filter((x) => reasonsOf.get(p.id)!.has(x)),
      reasonNote: reasonsOf.get(p.id)!.has(CareReason.SERIOUS_ILLNESS) ? '术后康复期，需定期随访' : null,
      teamId: teams[i % 2]!.id,
      registeredOn: localDateOf(daysAgo(r.int(190, 500))),
    }),
  );
  const moved = targets.length > 4 ? targets[targets.length - 3]! : null;
  if (moved) {
    moved.endedOn = localDateOf(daysAgo(30));
    moved.endReason = '随子女迁居外地';
  }
  const active = targets.filter((x) => !x.endedOn);

  for (const [i, target] of active.entries()) {
    let day = i % 5 === 0 ? r.int(62, 100) : r.int(1, INTERVAL - 5);
    while (day < 190) {
      const byPhone = r.chance(0.4);
      const outcome = r.chance(0.1)
        ? CareContactOutcome.NO_ANSWER
        : r.chance(0.15)
          ? CareContactOutcome.NEEDS_HELP
          : CareContactOutcome.WELL;
      if (byPhone) {
        seedActivity(em, care, 'call', grid, {
          occurredAt: daysAgo(day, r.int(1, 10)),
          title: '电话关爱',
          details: { targetId: target.id, outcome, minutes: r.int(3, 20) },
        });
      } else {
        seedActivity(em, care, 'visit', grid, {
          occurredAt: daysAgo(day, r.int(1, 10)),
          title: '敲敲门探访',
          details: {
            targetId: target.id,
            teamId: target.teamId!,
            visitors: r.int(1, 3),
            outcome,
            findings: outcome === CareContactOutcome.NO_ANSWER ? '敲门无人应答' : r.pick(FINDINGS),
          },
        });
      }
      day += r.int(INTERVAL - 12, INTERVAL - 2);
    }
  }

  for (const [day, occasion, items] of FESTIVALS) {
    seedActivity(em, care, 'help', grid, {
      occurredAt: daysAgo(day, 2),
      title: `${occasion}慰问`,
      details: {
        helpKind: CareHelpKind.FESTIVAL,
        targetIds: active.map((x) => x.id),
        occasion,
        items,
        helpers: 10,
        teamId: teams[0]!.id,
      },
    });
  }
  const hardship = active.filter((x) => x.reasons.includes(CareReason.SPECIAL_HARDSHIP));
  const focus = hardship.length ? hardship : active.slice(0, 2);
  for (let month = 0; month < 6; month++) {
    seedActivity(em, care, 'help', grid, {
      occurredAt: daysAgo(10 + month * 30, 3),
      title: '特困对象重点帮扶',
      details: {
        helpKind: CareHelpKind.HARDSHIP,
        targetIds: focus.map((x) => x.id),
        items: '米、油、生活补贴',
        helpers: 2,
      },
    });
  }
  seedActivity(em, care, 'help', grid, {
    occurredAt: daysAgo(75, 5),
    title: '暴雨后紧急帮扶',
    details: {
      helpKind: CareHelpKind.EMERGENCY,
      targetIds: active.slice(0, 4).map((x) => x.id),
      occasion: '暴雨积水',
      items: '转移安置、送去饮用水和食品',
      helpers: 6,
      teamId: teams[0]!.id,
    },
  });
};
