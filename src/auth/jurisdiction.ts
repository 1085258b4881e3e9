import { forbidden } from '../graphql/errors';
import { ScopeLevel } from './roles';

/**
 * The subtree of the territory a viewer may see and change. Ancestor ids are filled in, so a grid
 * worker's jurisdiction also names the community and street that contain the grid.
 */
export interface Jurisdiction {
  level: ScopeLevel;
  streetId?: string;
  communityId?: string;
  gridId?: string;
}

export const PLATFORM: Jurisdiction = { level: ScopeLevel.PLATFORM };

/** Where a record sits: its own ancestor ids (a grid row names its community and street). */
export interface Placement {
  streetId?: string | null;
  communityId?: string | null;
  gridId?: string | null;
}

/** Column names an entity uses for each level; territory nodes use `id` for their own level. */
export interface ScopeColumns {
  street?: string;
  community?: string;
  grid?: string;
}

export const SCOPED_COLUMNS: ScopeColumns = { street: 'streetId', community: 'communityId', grid: 'gridId' };

/**
 * A filter limiting an entity to the viewer's subtree. The viewer's own level is used when the
 * entity has a column for it; otherwise the entity's deepest level (an ancestor of the viewer's
 * node): a grid worker sees exactly one community and one street.
 */
export function jurisdictionWhere(j: Jurisdiction, columns: ScopeColumns): Record<string, string> {
  if (j.level === ScopeLevel.PLATFORM) return {};
  const chain: [keyof ScopeColumns, string | undefined][] = [
    ['grid', j.gridId],
    ['community', j.communityId],
    ['street', j.streetId],
  ];
  const depth = { street: 0, community: 1, grid: 2 } as const;
  const viewerDepth = depth[j.level.toLowerCase() as keyof typeof depth];
  for (const [level, id] of chain) {
    if (depth[level] > viewerDepth) continue;
    const column = columns[level];
    if (column && id) return { [column]: id };
  }
  // Nothing to match on: the entity sits above the viewer without a matching column. Match nothing.
  return { id: '00000000-0000-0000-0000-000000000000' };
}

/** True when a record placed at `p` lies inside the viewer's subtree. */
export function covers(j: Jurisdiction, p: Placement): boolean {
  switch (j.level) {
    case ScopeLevel.PLATFORM:
      return true;
    case ScopeLevel.STREET:
      return !!p.streetId && p.streetId === j.streetId;
    case ScopeLevel.COMMUNITY:
      return !!p.communityId && p.communityId === j.communityId;
    case ScopeLevel.GRID:
      return !!p.gridId && p.gridId === j.gridId;
  }
}

/** Refuses a write or read outside the viewer's subtree. */
export function assertCovers(j: Jurisdiction, p: Placement): void {
  if (!covers(j, p)) {
    throw forbidden({ en: 'Outside your jurisdiction', zh: '超出您的管辖范围' });
  }
}
