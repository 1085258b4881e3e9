import type { EntityManager } from '@mikro-orm/postgresql';
import { Building } from '../../src/territory';
import { daysAgo, demoGrid, localDateOf, seedActivity, seedEnable, type ModuleSeed } from '../../src/modules';
import {
  LIVELIHOOD_PHASES,
  LivelihoodPhase,
  LivelihoodProject,
  LivelihoodScopeItemKind as Item,
  SCOPE_UNITS,
} from './livelihood.entities';
import { LivelihoodConsultationStage as Stage } from './livelihood.kinds';
import { livelihood } from './livelihood.module';

const NOTES: Record<LivelihoodPhase, string> = {
  DEMOLISH: '拆除违章搭建和破损围墙',
  RECTIFY: '整治飞线、清理楼道杂物',
  RENOVATE: '雨污分流、更换老化供水管',
  BUILD: '新建停车位、充电桩和休闲广场',
  CLEAN: '清运建筑垃圾，恢复绿化',
  MANAGE: '引入物业，建立长效管理机制',
};

interface Plan {
  name: string;
  summary: string;
  scope: [Item, number | null][];
  buildings: number;
  /** Days ago it started, and the phase it has reached. */
  started: number;
  reached: LivelihoodPhase;
}

const PLANS: Plan[] = [
  {
    name: '东湖小区一期改造',
    summary: '建成于1990年代的老旧小区整体改造，居民呼声最高的是管网和停车',
    scope: [
      [Item.PIPE_NETWORK, 1850],
      [Item.WIRING, 2400],
      [Item.ROAD_HARDENING, 3200],
      [Item.FENCES_REMOVED, 260],
      [Item.ILLEGAL_STRUCTURES_CLEARED, 540],
      [Item.ENVIRONMENT, 1500],
    ],
    buildings: 3,
    started: 330,
    reached: LivelihoodPhase.MANAGE,
  },
  {
    name: '幸福里雨污分流改造',
    summary: '解决雨天污水倒灌问题',
    scope: [
      [Item.PIPE_NETWORK, 960],
      [Item.ROAD_HARDENING, 1200],
    ],
    buildings: 2,
    started: 150,
    reached: LivelihoodPhase.RENOVATE,
  },
  {
    name: '5号楼片区拆违透绿',
    summary: '拆除私搭乱建与围墙，打通消防通道',
    scope: [
      [Item.ILLEGAL_STRUCTURES_CLEARED, 180],
      [Item.FENCES_REMOVED, 90],
      [Item.ENVIRONMENT, null],
    ],
    buildings: 1,
    started: 60,
    reached: LivelihoodPhase.RECTIFY,
  },
  {
    name: '东湖小区二期改造',
    summary: '二期改造已完成问需，即将进场',
    scope: [
      [Item.WIRING, 1300],
      [Item.PIPE_NETWORK, null],
    ],
    buildings: 0,
    started: 20,
    reached: LivelihoodPhase.DEMOLISH,
  },
];

function consult(
  em: EntityManager,
  grid: Parameters<typeof seedActivity>[3],
  project: LivelihoodProject,
  stage: Stage,
  at: Date,
  participants: number,
) {
  seedActivity(em, livelihood, 'consultation', grid, {
    occurredAt: at,
    title: { BEFORE: '问需于民座谈会', DURING: '问计于民议事会', AFTER: '问效于民满意度测评' }[stage],
    details: {
      projectId: project.id,
      stage,
      participants,
      opinionsGathered: Math.round(participants / 3),
      satisfaction: stage === Stage.AFTER ? 94 : null,
      method: stage === Stage.AFTER ? 'QUESTIONNAIRE' : stage === Stage.BEFORE ? 'DOOR_TO_DOOR' : 'MEETING',
      summary: stage === Stage.BEFORE ? '居民最关心管网老化、停车难和飞线' : null,
    },
  });
}

/**
 * The livelihood grid: four renovation projects at different phases, each asked about first
 * (问需), the ones under way discussed (问计), the finished one evaluated (问效); one project went
 * back a phase once, by an administrator.
 */
export const seedLivelihood: ModuleSeed = async (em, t) => {
  const grid = demoGrid(t, livelihood.id);
  const place = { streetId: grid.streetId, communityId: grid.communityId, gridId: grid.id };
  seedEnable(em, livelihood, grid, daysAgo(400));
  const buildings = await em.find(Building, { gridId: grid.id }, { orderBy: { name: 'asc' } });
  let used = 0;

  for (const plan of PLANS) {
    const startedOn = localDateOf(daysAgo(plan.started));
    const project = em.create(LivelihoodProject, {
      ...place,
      name: plan.name,
      summary: plan.summary,
      phase: LivelihoodPhase.DEMOLISH,
      initialPhase: LivelihoodPhase.DEMOLISH,
      phaseSince: new Date(`${startedOn}T00:00:00+08:00`),
      scope: plan.scope.map(([item, quantity]) => ({ item, quantity, unit: SCOPE_UNITS[item], note: null })),
      buildingIds: buildings.slice(used, used + plan.buildings).map((b) => b.id),
      startedOn,
    });
    used += plan.buildings;
    consult(em, grid, project, Stage.BEFORE, daysAgo(plan.started + 14, 6), t.random.int(30, 80));

    const steps = LIVELIHOOD_PHASES.slice(1, LIVELIHOOD_PHASES.indexOf(plan.reached) + 1);
    const gap = Math.floor(plan.started / (steps.length + 1));
    steps.forEach((phase, i) => {
      const at = daysAgo(plan.started - gap * (i + 1), 2);
      seedActivity(em, livelihood, 'phase_change', grid, {
        occurredAt: at,
        title: `进入“${phase}”阶段`,
        details: { projectId: project.id, phase, note: NOTES[phase] },
      });
      if (phase === LivelihoodPhase.BUILD || phase === LivelihoodPhase.RENOVATE)
        consult(
          em,
          grid,
          project,
          Stage.DURING,
          daysAgo(plan.started - gap * (i + 1) - 3, 7),
          t.random.int(15, 40),
        );
      project.phase = phase;
      project.phaseSince = at;
    });
    if (plan.reached === LivelihoodPhase.RENOVATE) {
      // Pipes found in worse shape than surveyed: back to rectification, then on again.
      const back = daysAgo(plan.started - gap * steps.length - 5, 3);
      const on = daysAgo(plan.started - gap * steps.length - 12, 3);
      seedActivity(em, livelihood, 'phase_change', grid, {
        occurredAt: back,
        title: '回退到“整”阶段',
        details: {
          projectId: project.id,
          phase: LivelihoodPhase.RECTIFY,
          note: '开挖后发现地下管线与图纸不符',
          reason: '需先迁改燃气管线，重新整治后再施工',
        },
      });
      seedActivity(em, livelihood, 'phase_change', grid, {
        occurredAt: on,
        title: '进入“改”阶段',
        details: { projectId: project.id, phase: LivelihoodPhase.RENOVATE, note: '管线迁改完成，恢复施工' },
      });
      project.phaseSince = on;
    }
    if (plan.reached === LivelihoodPhase.MANAGE)
      consult(em, grid, project, Stage.AFTER, daysAgo(Math.max(1, gap - 10), 7), t.random.int(60, 120));
  }
};
