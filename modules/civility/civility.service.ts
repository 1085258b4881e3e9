import { z } from 'zod';
import { Resident } from '../../src/people';
import { Building } from '../../src/territory';
import {
  appendFollowUp,
  checkPastTime,
  conflict,
  findReadable,
  parseInput,
  sameGridRecord,
  text,
  type RequestContext,
} from '../../src/modules';
import { CivilityReport, CivilityReportKind, CivilityReportStatus } from './civility.entities';
import { civility } from './civility.module';

const reportInput = z.object({
  gridId: z.string().uuid(),
  kind: z.nativeEnum(CivilityReportKind),
  description: text(1000),
  location: text(200),
  buildingId: z.string().uuid().nullish(),
  reporterId: z.string().uuid().nullish(),
  reportedAt: z.date().nullish(),
});

/** Records uncivil behaviour seen on the grid; building and reporter must be of the same grid. */
export async function createReport(
  ctx: RequestContext,
  input: z.input<typeof reportInput>,
): Promise<CivilityReport> {
  const data = parseInput(reportInput, input);
  const { grid, placement } = await civility.requireEnabled(ctx, data.gridId);
  if (data.buildingId) await sameGridRecord(ctx, Building, data.buildingId, grid.id, 'input.buildingId');
  if (data.reporterId) await sameGridRecord(ctx, Resident, data.reporterId, grid.id, 'input.reporterId');
  const reportedAt = data.reportedAt ?? ctx.app.clock.now();
  checkPastTime(ctx, reportedAt, 'input.reportedAt');
  const report = ctx.em.create(CivilityReport, {
    ...placement,
    kind: data.kind,
    description: data.description,
    location: data.location,
    buildingId: data.buildingId ?? null,
    reporterId: data.reporterId ?? null,
    reportedAt,
  });
  civility.event(ctx, 'report.created', { type: 'CivilityReport', id: report.id }, placement, {
    kind: report.kind,
  });
  await ctx.em.flush();
  return report;
}

/** An open report of the viewer's jurisdiction on a grid where the module is on. */
async function openReport(ctx: RequestContext, id: string) {
  const report = await findReadable(ctx, CivilityReport, id);
  const { placement } = await civility.requireEnabled(ctx, report.gridId);
  if (report.status !== CivilityReportStatus.OPEN) {
    throw conflict({ en: 'The report is already resolved', zh: '该报告已处理完毕' });
  }
  return { report, placement };
}

export async function addFollowUp(
  ctx: RequestContext,
  input: { id: string; note: string; at?: Date | null },
): Promise<CivilityReport> {
  const { report, placement } = await openReport(ctx, input.id);
  report.followUps = appendFollowUp(ctx, report.followUps, input, report.reportedAt);
  civility.event(ctx, 'report.followed_up', { type: 'CivilityReport', id: report.id }, placement, {
    followUps: report.followUps.length,
  });
  await ctx.em.flush();
  return report;
}

const resolveInput = z.object({
  id: z.string().uuid(),
  resolution: text(1000),
  resolvedAt: z.date().nullish(),
});

export async function resolveReport(
  ctx: RequestContext,
  input: z.input<typeof resolveInput>,
): Promise<CivilityReport> {
  const data = parseInput(resolveInput, input);
  const { report, placement } = await openReport(ctx, data.id);
  const resolvedAt = data.resolvedAt ?? ctx.app.clock.now();
  checkPastTime(ctx, resolvedAt, 'input.resolvedAt', report.reportedAt);
  report.status = CivilityReportStatus.RESOLVED;
  report.resolvedAt = resolvedAt;
  report.resolution = data.resolution;
  civility.event(ctx, 'report.resolved', { type: 'CivilityReport', id: report.id }, placement, {
    kind: report.kind,
  });
  await ctx.em.flush();
  return report;
}
