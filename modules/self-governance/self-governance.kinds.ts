import { z } from 'zod';
import { kindsFor, ref } from '../../src/modules';
import { SelfGovernanceMatter, SelfGovernanceStage } from './self-governance.entities';
import { selfGovernanceSettings } from './self-governance.settings';
import { matterForActivity } from './self-governance.stages';

const kind = kindsFor<typeof selfGovernanceSettings>();

/** 民事民议: a discussion of a matter — a residents' meeting, collected opinions or an online thread. */
export const discussion = kind({
  label: { zh: '民事民议', en: 'Discussion' },
  description: {
    zh: '对议事中的事项开展的讨论：居民议事会、意见征集或线上讨论，记录要点',
    en: "A discussion of a matter under discussion: a residents' meeting, collected opinions or an online thread, with its gist",
  },
  details: z.object({
    matterId: ref('SelfGovernanceMatter', 'The matter discussed (of the grid, under discussion).'),
    format: z
      .enum(['MEETING', 'OPINIONS', 'ONLINE'])
      .describe('议事会 MEETING, 意见征集 OPINIONS or 线上讨论 ONLINE.'),
    attendees: z.number().int().min(1).max(10000).describe('Residents who took part.'),
    summary: z.string().trim().min(1).max(2000).describe('What was said and agreed.'),
  }),
  counts: (d) => ({ participants: d.attendees }),
  async validate(ctx, { grid }, d) {
    await matterForActivity(ctx, grid.id, d.matterId, [SelfGovernanceStage.DISCUSSING], {
      en: 'record a discussion',
      zh: '记录议事',
    });
  },
  async example(em, gridId) {
    const matter = await em.findOneOrFail(
      SelfGovernanceMatter,
      { gridId, stage: SelfGovernanceStage.DISCUSSING },
      { orderBy: { id: 'asc' } },
    );
    return {
      matterId: matter.id,
      format: 'MEETING' as const,
      attendees: 18,
      summary: '多数居民赞成，建议先征求物业意见',
    };
  },
});

/** 民事民办: a piece of the work on an approved matter, done with residents. */
export const step = kind({
  label: { zh: '民事民办', en: 'Execution step' },
  description: {
    zh: '实施中的事项完成的一步工作：做了什么、多少居民参与',
    en: 'A step of the work on a matter being carried out: what was done and how many residents took part',
  },
  details: z.object({
    matterId: ref('SelfGovernanceMatter', 'The matter worked on (of the grid, being carried out).'),
    work: z.string().trim().min(1).max(1000).describe('What was done.'),
    residents: z.number().int().min(0).max(10000).default(0).describe('Residents who took part in the work.'),
    progressPercent: z
      .number()
      .int()
      .min(0)
      .max(100)
      .optional()
      .describe('How far the work is after this step.'),
  }),
  counts: (d) => ({ participants: d.residents }),
  async validate(ctx, { grid }, d) {
    await matterForActivity(ctx, grid.id, d.matterId, [SelfGovernanceStage.IN_EXECUTION], {
      en: 'record an execution step',
      zh: '记录实施进展',
    });
  },
  async example(em, gridId) {
    const matter = await em.findOneOrFail(
      SelfGovernanceMatter,
      { gridId, stage: SelfGovernanceStage.IN_EXECUTION },
      { orderBy: { id: 'asc' } },
    );
    return { matterId: matter.id, work: '完成材料采购', residents: 6, progressPercent: 40 };
  },
});
