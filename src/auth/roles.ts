import { registerEnumType } from 'type-graphql';

/** What a signed-in user may do, from the platform down to one grid. */
export enum UserRole {
  PLATFORM_ADMIN = 'PLATFORM_ADMIN',
  STREET_ADMIN = 'STREET_ADMIN',
  COMMUNITY_ADMIN = 'COMMUNITY_ADMIN',
  GRID_CHIEF = 'GRID_CHIEF',
  GRID_WORKER = 'GRID_WORKER',
}

registerEnumType(UserRole, {
  name: 'UserRole',
  description: 'Role of a user account.',
  valuesConfig: {
    PLATFORM_ADMIN: { description: '平台管理员 platform administrator' },
    STREET_ADMIN: { description: '街道管理员 street administrator' },
    COMMUNITY_ADMIN: { description: '社区管理员 community administrator' },
    GRID_CHIEF: { description: '网格长 grid chief' },
    GRID_WORKER: { description: '网格员 grid worker' },
  },
});

/** Roles that manage territory, staff and settings within their jurisdiction. */
export const ADMIN_ROLES: readonly UserRole[] = [
  UserRole.PLATFORM_ADMIN,
  UserRole.STREET_ADMIN,
  UserRole.COMMUNITY_ADMIN,
];

/** The territory level a viewer is bound to. */
export enum ScopeLevel {
  PLATFORM = 'PLATFORM',
  STREET = 'STREET',
  COMMUNITY = 'COMMUNITY',
  GRID = 'GRID',
}

registerEnumType(ScopeLevel, {
  name: 'ScopeLevel',
  description: 'Territory level of a jurisdiction.',
  valuesConfig: {
    PLATFORM: { description: '全平台 the whole platform' },
    STREET: { description: '街道 a street' },
    COMMUNITY: { description: '社区 a community' },
    GRID: { description: '网格 a grid' },
  },
});

/** The role each level requires at minimum: a grid account cannot be a street admin. */
export const ROLE_LEVEL: Record<UserRole, ScopeLevel> = {
  PLATFORM_ADMIN: ScopeLevel.PLATFORM,
  STREET_ADMIN: ScopeLevel.STREET,
  COMMUNITY_ADMIN: ScopeLevel.COMMUNITY,
  GRID_CHIEF: ScopeLevel.GRID,
  GRID_WORKER: ScopeLevel.GRID,
};
