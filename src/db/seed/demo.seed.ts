import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from '../../auth/user.entity';
import { hashPassword } from '../../auth/password';
import { ScopeLevel, UserRole } from '../../auth/roles';
import { Community } from '../../territory/community.entity';
import { Grid } from '../../territory/grid.entity';
import { Street } from '../../territory/street.entity';
import { SeededRandom } from './random';

export const DEMO_PASSWORD = 'gridgov-demo';

/** The nine characteristic grids of the demo community, one per theme (一网格一特色). */
export const DEMO_THEMES = [
  { theme: 'volunteer', name: '志愿型网格' },
  { theme: 'livelihood', name: '惠民型网格' },
  { theme: 'heart-bridge', name: '连心桥型网格' },
  { theme: 'civility', name: '文明型网格' },
  { theme: 'legal', name: '法治型网格' },
  { theme: 'safety', name: '平安型网格' },
  { theme: 'science', name: '科普型网格' },
  { theme: 'care', name: '关爱型网格' },
  { theme: 'elderly-care', name: '居家养老型网格' },
] as const;

/** Demo sign-in accounts; printed at first start and listed in the README. */
export const DEMO_ACCOUNTS = [
  { username: 'admin', role: UserRole.PLATFORM_ADMIN, displayName: '平台管理员', note: 'platform admin' },
  {
    username: 'street_admin',
    role: UserRole.STREET_ADMIN,
    displayName: '街道管理员',
    note: 'street admin of 东湖街道',
  },
  {
    username: 'community_admin',
    role: UserRole.COMMUNITY_ADMIN,
    displayName: '社区管理员',
    note: 'community admin of 幸福社区',
  },
  {
    username: 'grid_worker',
    role: UserRole.GRID_WORKER,
    displayName: '网格员（第一网格）',
    note: 'grid worker of grid 1',
  },
  {
    username: 'grid_worker2',
    role: UserRole.GRID_WORKER,
    displayName: '网格员（第二网格）',
    note: 'grid worker of grid 2',
  },
] as const;

/** What later seed steps build on. */
export interface DemoTerritory {
  street: Street;
  community: Community;
  grids: Grid[];
  random: SeededRandom;
}

/** A step of the demo seed, run in order after the territory exists. */
export type DemoSeedStep = (em: EntityManager, t: DemoTerritory) => Promise<void>;

export async function isEmpty(em: EntityManager): Promise<boolean> {
  return (await em.count(Street, {})) === 0;
}

/**
 * Seeds the demo street: one community with nine themed grids, sign-in accounts, then every later
 * step (people, staff, party...). Deterministic: the same seed gives the same data.
 */
export async function seedDemo(em: EntityManager, steps: DemoSeedStep[] = []): Promise<DemoTerritory> {
  const random = new SeededRandom(20260101);
  const street = em.create(Street, { code: 'JD01', name: '东湖街道' });
  const community = em.create(Community, { streetId: street.id, code: 'SQ0101', name: '幸福社区' });
  const grids = DEMO_THEMES.map((t, i) =>
    em.create(Grid, {
      streetId: street.id,
      communityId: community.id,
      code: `SQ0101-${String(i + 1).padStart(2, '0')}`,
      name: `第${'一二三四五六七八九'[i]}网格（${t.name}）`,
      targetHouseholds: 300,
      theme: t.theme,
      boundary: squareBoundary(i),
    }),
  );
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const a of DEMO_ACCOUNTS) {
    const level =
      a.role === UserRole.PLATFORM_ADMIN
        ? ScopeLevel.PLATFORM
        : a.role === UserRole.STREET_ADMIN
          ? ScopeLevel.STREET
          : a.role === UserRole.COMMUNITY_ADMIN
            ? ScopeLevel.COMMUNITY
            : ScopeLevel.GRID;
    const grid = a.username === 'grid_worker2' ? grids[1]! : grids[0]!;
    em.create(User, {
      username: a.username,
      passwordHash,
      displayName: a.displayName,
      role: a.role,
      scopeLevel: level,
      streetId: level === ScopeLevel.PLATFORM ? null : street.id,
      communityId: level === ScopeLevel.COMMUNITY || level === ScopeLevel.GRID ? community.id : null,
      gridId: level === ScopeLevel.GRID ? grid.id : null,
    });
  }
  await em.flush();
  const territory = { street, community, grids, random };
  for (const step of steps) {
    await step(em, territory);
    await em.flush();
    em.clear();
  }
  return territory;
}

/** Nine 3x3 neighbouring squares near 114.30E 30.55N, so point routing can be shown. */
function squareBoundary(i: number): Record<string, unknown> {
  const x0 = 114.3 + (i % 3) * 0.005;
  const y0 = 30.55 + Math.floor(i / 3) * 0.005;
  const d = 0.005;
  return {
    type: 'Polygon',
    coordinates: [
      [
        [x0, y0],
        [x0 + d, y0],
        [x0 + d, y0 + d],
        [x0, y0 + d],
        [x0, y0],
      ],
    ],
  };
}
