import {
  activityMetric,
  pgUuidArray,
  sqlValue,
  type MetricDefinition,
  type MetricEnv,
  type Period,
} from '../../src/modules';
import { LIVELIHOOD_PHASES, LivelihoodPhase } from './livelihood.entities';
import { LivelihoodConsultationStage } from './livelihood.kinds';

const PHASE_NAMES: Record<LivelihoodPhase, { zh: string; en: string }> = {
  DEMOLISH: { zh: '拆', en: 'demolish' },
  RECTIFY: { zh: '整', en: 'rectify' },
  RENOVATE: { zh: '改', en: 'renovate' },
  BUILD: { zh: '建', en: 'build' },
  CLEAN: { zh: '清', en: 'clean' },
  MANAGE: { zh: '管', en: 'manage' },
};

const STAGE_NAMES: Record<LivelihoodConsultationStage, { zh: string; en: string }> = {
  BEFORE: { zh: '问需于民', en: 'needs (before)' },
  DURING: { zh: '问计于民', en: 'ideas (during)' },
  AFTER: { zh: '问效于民', en: 'results (after)' },
};

/** The end of the period, or now if it lies ahead: phases are counted as they stood then. */
const asOf = (period: Period, env: MetricEnv) => new Date(Math.min(period.to.getTime(), env.now.getTime()));

/**
 * Projects started by the end of the period, by the phase they were in then: the last phase change
 * before it, else the phase the project was registered in. `phase` null counts them all.
 */
const projectsAsOf =
  (phase: LivelihoodPhase | null): MetricDefinition['compute'] =>
  (em, scope, period, env) => {
    const at = asOf(period, env);
    return sqlValue(
      em,
      `select count(*) as value from (
         select coalesce(
                  (select a.details->>'phase' from activity a
                    where a.grid_id = p.grid_id and a.kind = 'livelihood.phase_change'
                      and a.details->>'projectId' = p.id::text and a.occurred_at < ?
                    order by a.occurred_at desc, a.id desc limit 1),
                  p.initial_phase::text) as phase
           from livelihood_project p
          where p.grid_id = any(?::uuid[])
            and p.started_on <= (?::timestamptz at time zone 'Asia/Shanghai')::date) t
        ${phase ? 'where t.phase = ?' : ''}`,
      [at, pgUuidArray(scope.gridIds), new Date(at.getTime() - 1), ...(phase ? [phase] : [])],
    );
  };

/** Metrics of the livelihood module. */
export const livelihoodMetrics: MetricDefinition[] = [
  {
    code: 'livelihood.projects',
    label: { zh: '改造项目数', en: 'Renovation projects' },
    description: {
      zh: '截至期末已开工的老旧小区改造项目数',
      en: 'Old-community renovation projects started by the end of the period',
    },
    unit: '个',
    compute: projectsAsOf(null),
  },
  ...LIVELIHOOD_PHASES.map(
    (phase): MetricDefinition => ({
      code: `livelihood.projects_${phase.toLowerCase()}`,
      label: {
        zh: `处于“${PHASE_NAMES[phase].zh}”阶段的项目`,
        en: `Projects in phase ${PHASE_NAMES[phase].en}`,
      },
      description: {
        zh: `期末处于“${PHASE_NAMES[phase].zh}”阶段的改造项目数`,
        en: `Renovation projects in phase ${phase} at the end of the period`,
      },
      unit: '个',
      compute: projectsAsOf(phase),
    }),
  ),
  ...Object.values(LivelihoodConsultationStage).map(
    (stage): MetricDefinition =>
      activityMetric({
        code: `livelihood.consultations_${stage.toLowerCase()}`,
        label: { zh: `${STAGE_NAMES[stage].zh}次数`, en: `Consultations: ${STAGE_NAMES[stage].en}` },
        description: {
          zh: `期间内开展“${STAGE_NAMES[stage].zh}”居民征询的次数`,
          en: `Resident consultations at stage ${stage} in the period`,
        },
        unit: '次',
        kind: 'livelihood.consultation',
        expression: `count(*) filter (where details->>'stage' = '${stage}')`,
      }),
  ),
  activityMetric({
    code: 'livelihood.consultation_participants',
    label: { zh: '征询参与居民人次', en: 'Consultation participants' },
    description: {
      zh: '期间内参加改造征询（问需、问计、问效）的居民人次',
      en: 'Residents taking part in consultations (before, during, after) in the period',
    },
    unit: '人次',
    kind: 'livelihood.consultation',
    expression: `sum((details->>'participants')::int)`,
  }),
  activityMetric({
    code: 'livelihood.satisfaction',
    label: { zh: '改造后居民满意度', en: 'Satisfaction after renovation' },
    description: {
      zh: '期间内“问效于民”征询的平均满意度（0–100；没有时为 0）',
      en: 'Mean satisfaction (0–100) of the consultations after the work in the period (0 when none)',
    },
    unit: '分',
    kind: 'livelihood.consultation',
    expression: `round(avg((details->>'satisfaction')::numeric) filter (where details->>'stage' = 'AFTER'), 1)`,
  }),
];
