import { z } from 'zod';
import { registerEnumType } from 'type-graphql';
import {
  badInput,
  checkPhaseMove,
  conflict,
  kindsFor,
  moduleEvent,
  ref,
  sameGridRecord,
  score,
  type RequestContext,
} from '../../src/modules';
import { LIVELIHOOD_PHASES, LivelihoodPhase, LivelihoodProject } from './livelihood.entities';
import { livelihoodSettings } from './livelihood.settings';

const kind = kindsFor<typeof livelihoodSettings>();

/** When residents are consulted about a project: before, during or after the work. */
export enum LivelihoodConsultationStage {
  BEFORE = 'BEFORE',
  DURING = 'DURING',
  AFTER = 'AFTER',
}
registerEnumType(LivelihoodConsultationStage, {
  name: 'LivelihoodConsultationStage',
  description: 'When residents are consulted about a renovation project.',
  valuesConfig: {
    BEFORE: { description: '问需于民 — before: what residents need' },
    DURING: { description: '问计于民 — during: how to do it' },
    AFTER: { description: '问效于民 — after: how well it was done (with a satisfaction score)' },
  },
});

/** The project an activity is about: a project of the same grid (else BAD_USER_INPUT). */
const projectOf = (ctx: RequestContext, gridId: string, id: string) =>
  sameGridRecord(ctx, LivelihoodProject, id, gridId, 'input.details.projectId');

/** Whether the project has a needs consultation (问需于民) on record. */
async function hasNeedsConsultation(ctx: RequestContext, project: LivelihoodProject): Promise<boolean> {
  const rows = (await ctx.em.getConnection().execute(
    `select 1 from activity
      where grid_id = ? and kind = 'livelihood.consultation'
        and details->>'projectId' = ? and details->>'stage' = 'BEFORE' limit 1`,
    [project.gridId, project.id],
  )) as unknown[];
  return rows.length > 0;
}

/**
 * 阶段推进: a project moves to another phase on a date, with a note. Forward by one step or
 * skipping ahead; back only by an administrator, with a reason.
 */
export const phase_change = kind({
  label: { zh: '改造阶段推进', en: 'Renovation phase change' },
  description: {
    zh: '改造项目进入新的阶段（拆、整、改、建、清、管），记录日期与说明；回退须管理员并说明原因',
    en: 'A renovation project enters another phase (拆整改建清管), with date and note; moving back needs an administrator and a reason',
  },
  details: z.object({
    projectId: ref('LivelihoodProject', 'The project (on the same grid).'),
    phase: z.nativeEnum(LivelihoodPhase).describe('The phase it enters.'),
    note: z.string().trim().min(1).max(1000).describe('What was done or decided, e.g. 围墙拆除完毕.'),
    reason: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .nullish()
      .describe('Why it moves back to an earlier phase (required then; administrators only).'),
  }),
  async validate(ctx, { grid, settings }, d) {
    const project = await projectOf(ctx, grid.id, d.projectId);
    const move = checkPhaseMove(ctx, LIVELIHOOD_PHASES, project.phase, d.phase, d.reason, {
      phase: 'input.details.phase',
      reason: 'input.details.reason',
    });
    if (!move.reverted && settings.requireNeedsConsultation && !(await hasNeedsConsultation(ctx, project))) {
      throw conflict({
        en: 'Consult the residents on their needs (a BEFORE consultation) before moving the project on',
        zh: '请先开展“问需于民”征询，再推进项目阶段',
      });
    }
  },
  async onRecorded(ctx, { grid, placement }, activity, d) {
    const project = await projectOf(ctx, grid.id, d.projectId);
    if (activity.occurredAt.getTime() < project.phaseSince.getTime()) {
      throw badInput('input.occurredAt', {
        en: 'input.occurredAt: before the project entered its current phase',
        zh: 'input.occurredAt：早于项目进入当前阶段的时间',
      });
    }
    const from = project.phase;
    project.phase = d.phase;
    project.phaseSince = activity.occurredAt;
    moduleEvent(
      ctx,
      { id: 'livelihood' },
      'project.phase_changed',
      { type: 'LivelihoodProject', id: project.id },
      placement,
      { from, to: d.phase, reverted: LIVELIHOOD_PHASES.indexOf(d.phase) < LIVELIHOOD_PHASES.indexOf(from) },
    );
  },
  async example(em, gridId) {
    const project = await em.findOneOrFail(
      LivelihoodProject,
      { gridId, phase: { $ne: LivelihoodPhase.MANAGE } },
      { orderBy: { id: 'asc' } },
    );
    return {
      projectId: project.id,
      phase: LIVELIHOOD_PHASES[LIVELIHOOD_PHASES.indexOf(project.phase) + 1]!,
      note: '本阶段工作完成，经居民代表验收后进入下一阶段',
    };
  },
});

/** 问需、问计、问效于民: residents consulted about a project before, during or after the work. */
export const consultation = kind({
  label: { zh: '居民征询', en: 'Resident consultation' },
  description: {
    zh: '改造项目的居民征询：问需于民（改造前）、问计于民（改造中）、问效于民（改造后，须填满意度）',
    en: 'Residents consulted on a project: needs before, ideas during, results after the work (with satisfaction)',
  },
  details: z
    .object({
      projectId: ref('LivelihoodProject', 'The project (on the same grid).'),
      stage: z.nativeEnum(LivelihoodConsultationStage).describe('Before, during or after the work.'),
      participants: z.number().int().min(1).max(10000).describe('Residents taking part.'),
      opinionsGathered: z.number().int().min(0).max(10000).describe('Opinions and suggestions gathered.'),
      satisfaction: score(
        'Satisfaction 0–100: required after the work (问效), refused before and during.',
      ).nullish(),
      method: z
        .enum(['MEETING', 'DOOR_TO_DOOR', 'QUESTIONNAIRE', 'ONLINE'])
        .default('MEETING')
        .describe('How: MEETING (议事会), DOOR_TO_DOOR (入户), QUESTIONNAIRE (问卷), ONLINE (线上).'),
      summary: z.string().trim().max(1000).nullish().describe('What residents said.'),
    })
    .superRefine((d, issue) => {
      const after = d.stage === LivelihoodConsultationStage.AFTER;
      if (after && d.satisfaction == null) {
        issue.addIssue({
          code: 'custom',
          path: ['satisfaction'],
          message: 'is required after the work (AFTER)',
          params: { zh: '问效于民须填写满意度' },
        });
      }
      if (!after && d.satisfaction != null) {
        issue.addIssue({
          code: 'custom',
          path: ['satisfaction'],
          message: 'is only recorded after the work (AFTER)',
          params: { zh: '只有问效于民才填写满意度' },
        });
      }
    }),
  counts: (d) => ({ participants: d.participants }),
  async validate(ctx, { grid }, d) {
    await projectOf(ctx, grid.id, d.projectId);
  },
  async example(em, gridId) {
    const project = await em.findOneOrFail(LivelihoodProject, { gridId }, { orderBy: { id: 'asc' } });
    return {
      projectId: project.id,
      stage: LivelihoodConsultationStage.AFTER,
      participants: 38,
      opinionsGathered: 9,
      satisfaction: 96,
      method: 'QUESTIONNAIRE' as const,
      summary: '居民对雨污分流和道路硬化满意，建议增设晾晒架',
    };
  },
});
