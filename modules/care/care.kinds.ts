import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { kindsFor, ref, sameGridRecord, sameGridRecords, type RequestContext } from '../../src/modules';
import { CareContactOutcome, CareHelpKind, CareTarget, CareTeam } from './care.entities';
import { careSettings } from './care.settings';

const kind = kindsFor<typeof careSettings>();

/** A target on the register of the grid (the activity's grid). */
const activeTarget = (ctx: RequestContext, gridId: string, id: string, field: string) =>
  sameGridRecord(ctx, CareTarget, id, gridId, field, { endedOn: null });

/** An active care team of the grid, when one is named. */
async function activeTeam(ctx: RequestContext, gridId: string, id: string | undefined): Promise<void> {
  if (id) await sameGridRecord(ctx, CareTeam, id, gridId, 'input.details.teamId', { disbandedOn: null });
}

const firstTarget = (em: EntityManager, gridId: string) =>
  em.findOneOrFail(CareTarget, { gridId, endedOn: null }, { orderBy: { id: 'asc' } });

/** 敲敲门: a door-knock visit to one target. */
export const visit = kind({
  label: { zh: '敲敲门探访', en: 'Door-knock visit' },
  description: {
    zh: '上门敲门探访一位关爱对象，记录是否见到本人、情况如何',
    en: 'A door-knock visit to a care target: whether they were reached and how they are',
  },
  details: z.object({
    targetId: ref('CareTarget', 'The target visited (on the register of the grid).'),
    teamId: ref('CareTeam', 'The care team that visited (active, same grid).').optional(),
    visitors: z.number().int().min(1).max(20).default(1).describe('People who knocked.'),
    outcome: z.nativeEnum(CareContactOutcome).describe('How it went; NO_ANSWER does not count as contact.'),
    findings: z.string().trim().max(1000).optional().describe('What was found (home, health, needs).'),
  }),
  counts: (d) => ({
    participants: d.visitors,
    beneficiaries: d.outcome === CareContactOutcome.NO_ANSWER ? 0 : 1,
  }),
  async validate(ctx, { grid }, d) {
    await activeTarget(ctx, grid.id, d.targetId, 'input.details.targetId');
    await activeTeam(ctx, grid.id, d.teamId);
  },
  async example(em, gridId) {
    const target = await firstTarget(em, gridId);
    return { targetId: target.id, outcome: CareContactOutcome.WELL, findings: '精神不错，家中整洁' };
  },
});

/** 电话关爱: a care call to one target. */
export const call = kind({
  label: { zh: '电话关爱', en: 'Care call' },
  description: {
    zh: '给关爱对象打关爱电话，记录是否接通、情况如何',
    en: 'A care call to a target: whether they answered and how they are',
  },
  details: z.object({
    targetId: ref('CareTarget', 'The target called (on the register of the grid).'),
    outcome: z.nativeEnum(CareContactOutcome).describe('How it went; NO_ANSWER does not count as contact.'),
    minutes: z.number().int().min(1).max(600).optional().describe('Length of the call in minutes.'),
    note: z.string().trim().max(1000).optional().describe('What was said or arranged.'),
  }),
  counts: (d) => ({ participants: 1, beneficiaries: d.outcome === CareContactOutcome.NO_ANSWER ? 0 : 1 }),
  async validate(ctx, { grid }, d) {
    await activeTarget(ctx, grid.id, d.targetId, 'input.details.targetId');
  },
  async example(em, gridId) {
    const target = await firstTarget(em, gridId);
    return { targetId: target.id, outcome: CareContactOutcome.NEEDS_HELP, minutes: 8, note: '需要代购药品' };
  },
});

/** 帮扶: festival, hardship or emergency help given to one or more targets. */
export const help = kind({
  label: { zh: '关爱帮扶', en: 'Help given' },
  description: {
    zh: '重大节日全部帮、特困对象重点帮、突发事件及时帮：帮扶了哪些对象、送去了什么',
    en: 'Festival, special-hardship or emergency help: which targets were helped and with what',
  },
  details: z
    .object({
      helpKind: z.nativeEnum(CareHelpKind).describe('Kind of help.'),
      targetIds: z
        .array(ref('CareTarget', 'A target helped.'))
        .min(1)
        .max(500)
        .refine((ids) => new Set(ids).size === ids.length, {
          message: 'lists a target twice',
          params: { zh: '关爱对象重复' },
        })
        .describe('The targets helped (on the register of the grid).'),
      occasion: z
        .string()
        .trim()
        .max(100)
        .optional()
        .describe('The festival (春节、中秋…) or the emergency (暴雨、火情…); required for those kinds.'),
      items: z.string().trim().min(1).max(500).describe('What was given or done, e.g. 米、油、慰问金.'),
      helpers: z.number().int().min(1).max(500).default(1).describe('Volunteers and staff who helped.'),
      teamId: ref('CareTeam', 'The care team that helped (active, same grid).').optional(),
    })
    .refine((d) => d.helpKind === CareHelpKind.HARDSHIP || !!d.occasion, {
      message: 'festival and emergency help name the occasion',
      params: { zh: '节日帮扶和突发事件帮扶须填写节日或事件' },
      path: ['occasion'],
    }),
  counts: (d) => ({ participants: d.helpers, beneficiaries: d.targetIds.length }),
  async validate(ctx, { grid }, d) {
    await sameGridRecords(ctx, CareTarget, d.targetIds, grid.id, 'input.details.targetIds', {
      endedOn: null,
    });
    await activeTeam(ctx, grid.id, d.teamId);
  },
  async example(em, gridId) {
    const targets = await em.find(
      CareTarget,
      { gridId, endedOn: null },
      { limit: 3, orderBy: { id: 'asc' } },
    );
    return {
      helpKind: CareHelpKind.FESTIVAL,
      targetIds: targets.map((t) => t.id),
      occasion: '中秋节',
      items: '月饼、慰问信',
      helpers: 4,
    };
  },
});
