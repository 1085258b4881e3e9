import type { Feature } from '../graphql/feature';
import { admin, allow, authenticated } from './permissions';
import { AuthResolver, JurisdictionFieldResolver, ViewerFieldResolver } from './auth.resolver';
import { User } from './user.entity';
import { ApiKey } from './api-key.entity';
import { AuditRecord } from './audit.entity';
import { SecurityResolver } from './security.resolver';

export { User };
export { UserRole, ScopeLevel, ADMIN_ROLES } from './roles';
export * from './jurisdiction';
export * from './viewer';
export { hashPassword } from './password';

export const authFeature: Feature = {
  name: 'auth',
  entities: [User, ApiKey, AuditRecord],
  resolvers: [AuthResolver, ViewerFieldResolver, JurisdictionFieldResolver, SecurityResolver],
  permissions: {
    Query: { viewer: allow, apiKeys: admin, auditLog: admin },
    Mutation: {
      login: allow,
      createApiKey: admin,
      revokeApiKey: admin,
      changePassword: authenticated,
      setUserActive: admin,
    },
    ApiKeyConnection: admin,
    ApiKeyEdge: admin,
    CreateApiKeyPayload: admin,
    AuditRecord: admin,
    AuditRecordConnection: admin,
    AuditRecordEdge: admin,
    Viewer: allow,
    Jurisdiction: authenticated,
    LoginPayload: allow,
    User: authenticated,
    ApiKey: admin,
    PageInfo: allow,
  },
};
