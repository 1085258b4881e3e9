import type { Feature } from '../graphql/feature';
import { allow, authenticated } from './permissions';
import { AuthResolver, JurisdictionFieldResolver, ViewerFieldResolver } from './auth.resolver';
import { User } from './user.entity';

export { User };
export { UserRole, ScopeLevel, ADMIN_ROLES } from './roles';
export * from './jurisdiction';
export * from './viewer';
export { hashPassword } from './password';

export const authFeature: Feature = {
  name: 'auth',
  entities: [User],
  resolvers: [AuthResolver, ViewerFieldResolver, JurisdictionFieldResolver],
  permissions: {
    Query: { viewer: allow },
    Mutation: { login: allow },
    Viewer: allow,
    Jurisdiction: authenticated,
    LoginPayload: allow,
    User: authenticated,
    PageInfo: allow,
  },
};
