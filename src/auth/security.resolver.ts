import { Arg, Args, Ctx, Field, ID, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { ConnectionType, PageArgs, toPage, type ConnectionResult } from '../graphql/connection';
import { fromGlobalId, fromOptionalGlobalId } from '../graphql/global-id';
import type { RequestContext } from '../server/context';
import { ApiKey } from './api-key.entity';
import { createApiKey, listApiKeys, revokeApiKey } from './api-key.service';
import { AuditAction, AuditRecord } from './audit.entity';
import { listAudit } from './audit.service';
import { changePassword, setUserActive } from './account.service';
import { User } from './user.entity';

@ObjectType({ description: 'A page of API keys.' })
export class ApiKeyConnection extends ConnectionType(ApiKey, 'ApiKey') {}

@ObjectType({ description: 'A page of the audit log, newest first.' })
export class AuditRecordConnection extends ConnectionType(AuditRecord, 'AuditRecord') {}

@InputType({ description: 'A new API key for an integration client.' })
export class CreateApiKeyInput {
  @Field(() => String, { description: 'Name of the client.' })
  name!: string;

  @Field(() => [String], {
    description:
      'Scopes: territory:read, people:read, people:write, cases:read, cases:write, activities:read, activities:write, events:read, metrics:read, webhooks:manage.',
  })
  scopes!: string[];

  @Field(() => ID, { nullable: true, description: 'Bind the key to this street.' })
  streetId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Bind the key to this community.' })
  communityId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Bind the key to this grid.' })
  gridId?: string | null;

  @Field(() => Date, { nullable: true, description: 'When the key stops working (default: never).' })
  expiresAt?: Date | null;
}

@ObjectType({ description: 'A created API key. The key itself is shown only here, once.' })
export class CreateApiKeyPayload {
  @Field(() => String, { description: 'The key: send it as `Authorization: Bearer <key>` or `X-Api-Key`.' })
  key!: string;

  @Field(() => ApiKey, { description: 'The stored key record.' })
  apiKey!: ApiKey;
}

@InputType({ description: 'Filter for the audit log.' })
export class AuditFilter {
  @Field(() => [AuditAction], { nullable: true, description: 'Only these actions.' })
  actions?: AuditAction[] | null;

  @Field(() => String, { nullable: true, description: 'Only this actor (username or key:<prefix>).' })
  actorName?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only records about this object.' })
  subjectId?: string | null;

  @Field(() => Date, { nullable: true, description: 'From this time (inclusive).' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Until this time (exclusive).' })
  to?: Date | null;
}

@Resolver()
export class SecurityResolver {
  @Query(() => ApiKeyConnection, { description: 'API keys of your jurisdiction (administrators).' })
  apiKeys(@Ctx() ctx: RequestContext, @Args() page: PageArgs): Promise<ConnectionResult<ApiKey>> {
    return listApiKeys(ctx, toPage(page));
  }

  @Mutation(() => CreateApiKeyPayload, {
    description: 'Create an API key (administrators); the key is returned once.',
  })
  createApiKey(
    @Ctx() ctx: RequestContext,
    @Arg('input') input: CreateApiKeyInput,
  ): Promise<CreateApiKeyPayload> {
    return createApiKey(ctx, {
      name: input.name,
      scopes: input.scopes as never,
      streetId: fromOptionalGlobalId(input.streetId, 'Street', 'input.streetId'),
      communityId: fromOptionalGlobalId(input.communityId, 'Community', 'input.communityId'),
      gridId: fromOptionalGlobalId(input.gridId, 'Grid', 'input.gridId'),
      expiresAt: input.expiresAt,
    });
  }

  @Mutation(() => ApiKey, { description: 'Revoke an API key (administrators); it stops working at once.' })
  revokeApiKey(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The key.' }) id: string,
  ): Promise<ApiKey> {
    return revokeApiKey(ctx, fromGlobalId(id, 'ApiKey'));
  }

  @Query(() => AuditRecordConnection, {
    description: 'The audit log of your jurisdiction (street administrators and above).',
  })
  auditLog(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => AuditFilter, { nullable: true }) filter?: AuditFilter | null,
  ): Promise<ConnectionResult<AuditRecord>> {
    return listAudit(
      ctx,
      {
        actions: filter?.actions ?? undefined,
        actorName: filter?.actorName ?? undefined,
        subjectId: filter?.subjectId ?? undefined,
        from: filter?.from ?? undefined,
        to: filter?.to ?? undefined,
      },
      toPage(page),
    );
  }

  @Mutation(() => Boolean, { description: 'Change your own password; your other sessions end.' })
  changePassword(
    @Ctx() ctx: RequestContext,
    @Arg('currentPassword', () => String, { description: 'Current password.' }) currentPassword: string,
    @Arg('newPassword', () => String, { description: 'New password, 10–128 characters.' })
    newPassword: string,
  ): Promise<boolean> {
    return changePassword(ctx, currentPassword, newPassword);
  }

  @Mutation(() => User, {
    description: 'Enable or disable an account (administrators); disabling ends its sessions.',
  })
  setUserActive(
    @Ctx() ctx: RequestContext,
    @Arg('userId', () => ID, { description: 'The account.' }) userId: string,
    @Arg('active', () => Boolean, { description: 'Whether it may sign in.' }) active: boolean,
  ): Promise<User> {
    return setUserActive(ctx, fromGlobalId(userId, 'User', 'userId'), active);
  }
}
