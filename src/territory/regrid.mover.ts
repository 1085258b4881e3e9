import { ReferenceKind, type EntityManager, type EntityMetadata } from '@mikro-orm/postgresql';

/*
 * Moves the rows of retired grids to their successors, for every table of every feature and module,
 * from the ORM metadata alone: a feature added later is moved without a change here.
 *
 * A table takes part when its `gridId` property is a many-to-one relation to Grid: the row belongs
 * to the grid. Tables that only copy a grid id into a plain column (the event outbox, the audit log,
 * user accounts, API keys) record history or grant access; they keep the old id, which stays valid
 * because a retired grid is never deleted.
 *
 * In a split, a row follows its "anchor", the first of these relations that is set:
 *   0. an owner: a many-to-one with `deleteRule: 'cascade'` to another grid row (a resident's tag
 *      lives and dies with the resident, so it sits where the resident sits);
 *   1. its building, 2. its building unit, 3. its micro-grid (where the row is on the ground);
 *   4. its household (a household recorded without a building goes to the remainder grid, and its
 *      members and visit logs with it);
 *   5. a required many-to-one to another grid row: what it cannot exist without (a party membership
 *      sits with its party organization, a volunteer with the team).
 * Rows with none of these (staff assignments on the grid, party branches, cases with only a grid id)
 * go to the remainder part. Each step is one set-based UPDATE per table, in the caller's transaction.
 */

const ANCHOR_RANK: Record<string, number> = { Building: 1, BuildingUnit: 2, MicroGrid: 3, Household: 4 };
const REQUIRED_RANK = 5;

interface Anchor {
  column: string;
  target: string;
  rank: number;
}

export interface GridRowTable {
  entity: string;
  table: string;
  gridColumn: string;
  pkColumn: string;
  /** `, "updated_at" = now()` when the table tracks changes, so integrations syncing by time see the move. */
  touch: string;
  anchors: Anchor[];
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

function tableName(meta: EntityMetadata): string {
  return meta.schema && meta.schema !== '*' ? `${q(meta.schema)}.${q(meta.tableName)}` : q(meta.tableName);
}

function belongsToGrid(meta: EntityMetadata): boolean {
  if (meta.abstract || meta.virtual || meta.embeddable || meta.pivotTable) return false;
  const prop = meta.properties['gridId' as never] as EntityMetadata['props'][number] | undefined;
  return (
    !!prop &&
    prop.kind === ReferenceKind.MANY_TO_ONE &&
    prop.targetMeta?.className === 'Grid' &&
    prop.fieldNames.length === 1 &&
    meta.primaryKeys.length === 1
  );
}

/** Every table whose rows belong to a grid, with the anchors a split moves them by. */
export function gridRowTables(em: EntityManager): GridRowTable[] {
  const all = Object.values(em.getMetadata().getAll()).filter(belongsToGrid);
  const names = new Set(all.map((m) => m.className));
  return all
    .map((meta) => {
      const anchors: Anchor[] = [];
      for (const prop of meta.props) {
        if (prop.kind !== ReferenceKind.MANY_TO_ONE || prop.fieldNames.length !== 1) continue;
        const target = prop.targetMeta?.className;
        if (!target || target === meta.className || !names.has(target)) continue;
        const rank =
          prop.deleteRule === 'cascade'
            ? 0
            : (ANCHOR_RANK[target] ?? (prop.nullable ? undefined : REQUIRED_RANK));
        if (rank === undefined) continue;
        anchors.push({ column: prop.fieldNames[0]!, target, rank });
      }
      anchors.sort((a, b) => a.rank - b.rank);
      const pk = meta.properties[meta.primaryKeys[0] as never] as EntityMetadata['props'][number];
      const updatedAt = meta.properties['updatedAt' as never] as EntityMetadata['props'][number] | undefined;
      return {
        entity: meta.className,
        table: tableName(meta),
        gridColumn: (meta.properties['gridId' as never] as EntityMetadata['props'][number]).fieldNames[0]!,
        pkColumn: pk.fieldNames[0]!,
        touch: updatedAt ? `, ${q(updatedAt.fieldNames[0]!)} = now()` : '',
        anchors,
      };
    })
    .sort((a, b) => a.entity.localeCompare(b.entity));
}

async function run(em: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const res = (await em.execute(sql, params as never[], 'run')) as { affectedRows?: number };
  return Number(res.affectedRows ?? 0);
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** Sets the grid of listed rows of one table in one statement (`update ... from (values ...)`). */
async function assign(
  em: EntityManager,
  t: GridRowTable,
  fromGrid: string,
  to: Map<string, string>,
): Promise<number> {
  if (!to.size) return 0;
  const values = [...to.keys()].map(() => '(?::uuid, ?::uuid)').join(', ');
  return run(
    em,
    `update ${t.table} as r set ${q(t.gridColumn)} = m.grid_id${t.touch}
     from (values ${values}) as m(id, grid_id)
     where r.${q(t.pkColumn)} = m.id and r.${q(t.gridColumn)} = ?`,
    [...[...to].flat(), fromGrid],
  );
}

/**
 * Order in which tables are settled: a table after the tables its anchors point to. Anchors that
 * would close a cycle are dropped for the table that breaks it (their rows then go by the next
 * anchor, or to the remainder).
 */
function settleOrder(
  tables: GridRowTable[],
  settled: Set<string>,
): { table: GridRowTable; anchors: Anchor[] }[] {
  const pending = tables.filter((t) => !settled.has(t.entity));
  const done = new Set(settled);
  const order: { table: GridRowTable; anchors: Anchor[] }[] = [];
  while (pending.length) {
    const unresolved = (t: GridRowTable) => t.anchors.filter((a) => !done.has(a.target)).length;
    let i = pending.findIndex((t) => unresolved(t) === 0);
    if (i < 0) {
      i = 0;
      for (let k = 1; k < pending.length; k++) if (unresolved(pending[k]!) < unresolved(pending[i]!)) i = k;
    }
    const [table] = pending.splice(i, 1);
    order.push({ table: table!, anchors: table!.anchors.filter((a) => done.has(a.target)) });
    done.add(table!.entity);
  }
  return order;
}

export interface SplitPlan {
  fromGrid: string;
  /** New grid of every building of the old grid. */
  buildings: Map<string, string>;
  /** New grid of every micro-grid of the old grid. */
  microGrids: Map<string, string>;
  /** New grid of rows without an anchor. */
  remainder: string;
  /** Every new grid. */
  parts: string[];
}

/** Moves every row of `plan.fromGrid`; returns the number of rows moved per entity (non-zero only). */
export async function moveForSplit(em: EntityManager, plan: SplitPlan): Promise<Record<string, number>> {
  const tables = gridRowTables(em);
  const byName = new Map(tables.map((t) => [t.entity, t]));
  const moved: Record<string, number> = {};
  const count = (entity: string, n: number) => {
    if (n) moved[entity] = (moved[entity] ?? 0) + n;
  };
  for (const [entity, to] of [
    ['Building', plan.buildings],
    ['MicroGrid', plan.microGrids],
  ] as const) {
    const t = byName.get(entity);
    if (t) count(entity, await assign(em, t, plan.fromGrid, to));
  }
  const parts = placeholders(plan.parts.length);
  for (const { table: t, anchors } of settleOrder(tables, new Set(['Building', 'MicroGrid']))) {
    for (const a of anchors) {
      const target = byName.get(a.target)!;
      count(
        t.entity,
        await run(
          em,
          `update ${t.table} as r set ${q(t.gridColumn)} = p.${q(target.gridColumn)}${t.touch}
           from ${target.table} as p
           where r.${q(a.column)} = p.${q(target.pkColumn)}
             and r.${q(t.gridColumn)} = ? and p.${q(target.gridColumn)} in (${parts})`,
          [plan.fromGrid, ...plan.parts],
        ),
      );
    }
    count(
      t.entity,
      await run(em, `update ${t.table} set ${q(t.gridColumn)} = ?${t.touch} where ${q(t.gridColumn)} = ?`, [
        plan.remainder,
        plan.fromGrid,
      ]),
    );
  }
  return moved;
}

/** Moves every row of the merged grids to the new grid; returns the rows moved per entity. */
export async function moveForMerge(
  em: EntityManager,
  fromGrids: string[],
  toGrid: string,
): Promise<Record<string, number>> {
  const moved: Record<string, number> = {};
  for (const t of gridRowTables(em)) {
    const n = await run(
      em,
      `update ${t.table} set ${q(t.gridColumn)} = ?${t.touch} where ${q(t.gridColumn)} in (${placeholders(fromGrids.length)})`,
      [toGrid, ...fromGrids],
    );
    if (n) moved[t.entity] = n;
  }
  return moved;
}

/**
 * The first unique key of a grid-owned table that joining `fromGrids` into one grid would break
 * (e.g. the same module enabled on two of them), as entity and property names; null when none.
 * Values are left out: the caller reports this to a user and they may be personal.
 */
export async function mergeClash(
  em: EntityManager,
  fromGrids: string[],
): Promise<{ entity: string; properties: string[] } | null> {
  for (const meta of Object.values(em.getMetadata().getAll())
    .filter(belongsToGrid)
    .sort((a, b) => a.className.localeCompare(b.className))) {
    const keys: string[][] = [];
    for (const u of meta.uniques) {
      if (u.expression || !u.properties) continue;
      const props = ([] as string[]).concat(u.properties as string | string[]);
      if (props.includes('gridId')) keys.push(props);
    }
    const gridProp = meta.properties['gridId' as never] as EntityMetadata['props'][number];
    if (gridProp.unique) keys.push(['gridId']);
    for (const key of keys) {
      const others = key
        .filter((p) => p !== 'gridId')
        .flatMap(
          (p) =>
            (meta.properties[p as never] as EntityMetadata['props'][number] | undefined)?.fieldNames ?? [],
        );
      const cols = others.map(q);
      // NULLs never collide in a unique index, so rows with one are left out.
      const rows = await em.execute(
        `select 1 from ${tableName(meta)}
         where ${q(gridProp.fieldNames[0]!)} in (${placeholders(fromGrids.length)})
           ${cols.map((c) => `and ${c} is not null`).join(' ')}
         ${cols.length ? `group by ${cols.join(', ')}` : ''} having count(*) > 1 limit 1`,
        fromGrids as never[],
      );
      if ((rows as unknown[]).length)
        return { entity: meta.className, properties: key.filter((p) => p !== 'gridId') };
    }
  }
  return null;
}
