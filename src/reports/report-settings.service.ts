import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { requireAdmin } from '../auth/viewer';
import { flushOrConflict } from '../db/helpers';
import { longText, parseInput } from '../graphql/validate';
import { recordEvent } from '../integration';
import type { RequestContext } from '../server/context';
import type { Community } from '../territory';
import { DEFAULT_REPORT_SETTINGS, ReportNarrative, ReportSection, ReportSettings } from './report.entities';
import { parseReportPeriod } from './report.period';
import { reportCommunity } from './report.service';

/** The community's thresholds, or the defaults (an unsaved entity) when it never changed them. */
export async function settingsFor(em: EntityManager, c: Community): Promise<ReportSettings> {
  const saved = await em.findOne(ReportSettings, { communityId: c.id });
  if (saved) return saved;
  return Object.assign(new ReportSettings(), {
    ...DEFAULT_REPORT_SETTINGS,
    streetId: c.streetId,
    communityId: c.id,
    gridId: null,
    updatedBy: null,
  });
}

export async function reportSettings(ctx: RequestContext, communityId: string): Promise<ReportSettings> {
  return settingsFor(ctx.em, await reportCommunity(ctx, communityId));
}

const percent = z.number().min(0).max(100);
const count = z.number().int().min(0).max(1_000_000);
const settingsInput = z.object({
  maxRefusedResidents: count.nullish(),
  minTrainingRate: percent.nullish(),
  maxOverdueCases: count.nullish(),
  minOnTimeRate: percent.nullish(),
  minSatisfactionRate: percent.nullish(),
});

/** Changes a community's thresholds (its administrators and those above). */
export async function updateReportSettings(
  ctx: RequestContext,
  communityId: string,
  raw: z.input<typeof settingsInput>,
): Promise<ReportSettings> {
  const viewer = requireAdmin(ctx.viewer);
  const input = parseInput(settingsInput, raw);
  const c = await reportCommunity(ctx, communityId);
  let s = await ctx.em.findOne(ReportSettings, { communityId: c.id });
  if (!s) {
    s = ctx.em.create(ReportSettings, {
      ...DEFAULT_REPORT_SETTINGS,
      streetId: c.streetId,
      communityId: c.id,
      gridId: null,
    });
  }
  for (const [k, v] of Object.entries(input)) if (v != null) (s as unknown as Record<string, number>)[k] = v;
  s.updatedBy = viewer.username ?? null;
  recordEvent(
    ctx,
    'report.settings_updated',
    { type: 'Community', id: c.id },
    { streetId: c.streetId, communityId: c.id },
    {
      maxRefusedResidents: s.maxRefusedResidents,
      minTrainingRate: s.minTrainingRate,
      maxOverdueCases: s.maxOverdueCases,
      minOnTimeRate: s.minOnTimeRate,
      minSatisfactionRate: s.minSatisfactionRate,
    },
  );
  await flushOrConflict(ctx, {
    en: 'The settings changed meanwhile; try again',
    zh: '设置已被他人修改，请重试',
  });
  return s;
}

const narrativeInput = z.object({
  section: z.nativeEnum(ReportSection),
  text: longText(5000).transform((t) => t.trim()),
});

/**
 * Saves a community's own text for one section of one period (administrators of the community or
 * above). Saving again replaces it; an empty text clears it. Writes `report.narrative_saved`.
 */
export async function saveReportNarrative(
  ctx: RequestContext,
  input: { communityId: string; period: { from: string; to: string }; section: ReportSection; text: string },
): Promise<ReportNarrative> {
  const viewer = requireAdmin(ctx.viewer);
  const p = parseReportPeriod(input.period, 'input.period');
  const { section, text } = parseInput(narrativeInput, { section: input.section, text: input.text });
  const c = await reportCommunity(ctx, input.communityId);
  let n = await ctx.em.findOne(ReportNarrative, {
    communityId: c.id,
    section,
    periodFrom: p.from,
    periodTo: p.to,
  });
  if (!n) {
    n = ctx.em.create(ReportNarrative, {
      streetId: c.streetId,
      communityId: c.id,
      gridId: null,
      section,
      periodFrom: p.from,
      periodTo: p.to,
      text,
    });
  }
  n.text = text;
  n.updatedBy = viewer.username ?? null;
  recordEvent(
    ctx,
    'report.narrative_saved',
    { type: 'Community', id: c.id },
    { streetId: c.streetId, communityId: c.id },
    { section, from: p.from, to: p.to, length: text.length },
  );
  await flushOrConflict(ctx, {
    en: 'Someone saved this section at the same time; try again',
    zh: '他人同时保存了该部分，请重试',
  });
  return n;
}
