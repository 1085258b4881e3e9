import DataLoader from 'dataloader';
import { z } from 'zod';
import { Building } from '../../src/territory';
import {
  badInput,
  calendarDate,
  findReadable,
  loader,
  localDateOf,
  parseInput,
  pgUuidArray,
  sameGridRecords,
  text,
  type RequestContext,
} from '../../src/modules';
import {
  LIVELIHOOD_PHASES,
  LivelihoodPhase,
  LivelihoodProject,
  LivelihoodScopeItemKind,
  SCOPE_UNITS,
  type LivelihoodScopeItem,
} from './livelihood.entities';
import { livelihood } from './livelihood.module';

// ---------- reads ----------

/** One step of a project's phase history, from its phase-change activities. */
export interface PhaseStep {
  phase: LivelihoodPhase;
  at: Date;
  note: string;
  reason: string | null;
  reverted: boolean;
}

/**
 * The phase history of the projects of a page: one query over the phase changes of all of them.
 * Each step says whether it went back (compared with the phase before it).
 */
export function phaseHistory(ctx: RequestContext, project: LivelihoodProject): Promise<PhaseStep[]> {
  return loader(
    ctx,
    'livelihood:phaseHistory',
    () =>
      new DataLoader<LivelihoodProject, PhaseStep[], string>(
        async (projects) => {
          const rows = (await ctx.em.getConnection().execute(
            `select details->>'projectId' as project_id, details->>'phase' as phase, occurred_at,
                    details->>'note' as note, details->>'reason' as reason
               from activity
              where grid_id = any(?::uuid[]) and kind = 'livelihood.phase_change'
                and details->>'projectId' = any(?::text[])
              order by occurred_at, id`,
            [
              pgUuidArray([...new Set(projects.map((p) => p.gridId))]),
              pgUuidArray(projects.map((p) => p.id)),
            ],
          )) as {
            project_id: string;
            phase: LivelihoodPhase;
            occurred_at: Date | string;
            note: string;
            reason: string | null;
          }[];
          return projects.map((p) => {
            let before = p.initialPhase;
            return rows
              .filter((r) => r.project_id === p.id)
              .map((r) => {
                const step: PhaseStep = {
                  phase: r.phase,
                  at: new Date(r.occurred_at),
                  note: r.note,
                  reason: r.reason ?? null,
                  reverted: LIVELIHOOD_PHASES.indexOf(r.phase) < LIVELIHOOD_PHASES.indexOf(before),
                };
                before = r.phase;
                return step;
              });
          });
        },
        { cacheKeyFn: (p) => p.id },
      ),
  ).load(project);
}

// ---------- writes ----------

const today = (ctx: RequestContext) => localDateOf(ctx.app.clock.now());

const scopeInput = z
  .array(
    z.object({
      item: z.nativeEnum(LivelihoodScopeItemKind),
      quantity: z.number().finite().min(0).max(100_000_000).nullish(),
      note: text(200).nullish(),
    }),
  )
  .min(1)
  .max(Object.keys(LivelihoodScopeItemKind).length)
  .refine((items) => new Set(items.map((i) => i.item)).size === items.length, {
    message: 'lists a kind of work twice',
    params: { zh: '改造内容重复' },
  });

const buildingIdsInput = z
  .array(z.string().uuid())
  .max(200)
  .refine((ids) => new Set(ids).size === ids.length, {
    message: 'lists a building twice',
    params: { zh: '楼栋重复' },
  });

const toScope = (items: z.output<typeof scopeInput>): LivelihoodScopeItem[] =>
  items.map((i) => ({
    item: i.item,
    quantity: i.quantity ?? null,
    unit: SCOPE_UNITS[i.item],
    note: i.note ?? null,
  }));

const projectInput = z.object({
  gridId: z.string().uuid(),
  name: text(200),
  summary: text(1000).nullish(),
  scope: scopeInput,
  buildingIds: buildingIdsInput.nullish(),
  phase: z.nativeEnum(LivelihoodPhase).nullish(),
  startedOn: calendarDate.nullish(),
});

/** Registers a renovation project, in its first phase unless it is already under way. */
export async function createProject(
  ctx: RequestContext,
  input: z.input<typeof projectInput>,
): Promise<LivelihoodProject> {
  const data = parseInput(projectInput, input);
  const { grid, placement } = await livelihood.requireEnabled(ctx, data.gridId);
  const buildingIds = data.buildingIds ?? [];
  await sameGridRecords(ctx, Building, buildingIds, grid.id, 'input.buildingIds');
  const startedOn = data.startedOn ?? today(ctx);
  if (startedOn > today(ctx)) {
    throw badInput('input.startedOn', {
      en: 'input.startedOn: cannot be in the future',
      zh: 'input.startedOn：不能晚于今天',
    });
  }
  const phase = data.phase ?? LivelihoodPhase.DEMOLISH;
  const project = ctx.em.create(LivelihoodProject, {
    ...placement,
    name: data.name,
    summary: data.summary ?? null,
    phase,
    initialPhase: phase,
    // The start of its first day in China: later phase changes cannot predate it.
    phaseSince: new Date(`${startedOn}T00:00:00+08:00`),
    scope: toScope(data.scope),
    buildingIds,
    startedOn,
  });
  livelihood.event(ctx, 'project.created', { type: 'LivelihoodProject', id: project.id }, placement, {
    phase,
    scope: project.scope.map((i) => i.item),
  });
  await ctx.em.flush();
  return project;
}

const updateInput = z.object({
  id: z.string().uuid(),
  name: text(200).nullish(),
  summary: text(1000).nullish(),
  scope: scopeInput.nullish(),
  buildingIds: buildingIdsInput.nullish(),
});

/** Edits a project's name, summary, scope or buildings; leaving a field out keeps it. */
export async function updateProject(
  ctx: RequestContext,
  input: z.input<typeof updateInput>,
): Promise<LivelihoodProject> {
  const data = parseInput(updateInput, input);
  const project = await findReadable(ctx, LivelihoodProject, data.id);
  const { grid, placement } = await livelihood.requireEnabled(ctx, project.gridId);
  if (data.buildingIds) await sameGridRecords(ctx, Building, data.buildingIds, grid.id, 'input.buildingIds');
  if (data.name) project.name = data.name;
  if (data.summary !== undefined) project.summary = data.summary;
  if (data.scope) project.scope = toScope(data.scope);
  if (data.buildingIds) project.buildingIds = data.buildingIds;
  livelihood.event(ctx, 'project.updated', { type: 'LivelihoodProject', id: project.id }, placement);
  await ctx.em.flush();
  return project;
}
