import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  registerEnumType,
} from 'type-graphql';
import { byId } from '../graphql/loaders';
import type { RequestContext } from '../server/context';
import { Community } from '../territory/community.entity';
import { Grid } from '../territory/grid.entity';
import { Street } from '../territory/street.entity';
import { login } from './auth.service';
import { ScopeLevel, UserRole } from './roles';
import { User } from './user.entity';
import type { Viewer } from './viewer';

export enum ViewerKind {
  USER = 'USER',
  API_KEY = 'API_KEY',
  ANONYMOUS = 'ANONYMOUS',
}
registerEnumType(ViewerKind, {
  name: 'ViewerKind',
  description: 'How the request is authenticated.',
  valuesConfig: {
    USER: { description: 'A signed-in user (session token).' },
    API_KEY: { description: 'An integration client (API key).' },
    ANONYMOUS: { description: 'No credentials.' },
  },
});

@ObjectType('Jurisdiction', { description: 'The territory subtree a viewer may see and change.' })
export class JurisdictionInfo {
  @Field(() => ScopeLevel, { description: 'Level of the node the viewer is bound to.' })
  level!: ScopeLevel;

  streetId?: string;
  communityId?: string;
  gridId?: string;
}

@ObjectType('Viewer', { description: 'Who is asking: identity, role and jurisdiction.' })
export class ViewerInfo {
  @Field(() => ViewerKind, { description: 'How the request is authenticated.' })
  kind!: ViewerKind;

  @Field(() => UserRole, { nullable: true, description: 'Role of a signed-in user.' })
  role?: UserRole | null;

  @Field(() => JurisdictionInfo, { nullable: true, description: 'Jurisdiction; null when anonymous.' })
  jurisdiction?: JurisdictionInfo | null;

  userId?: string;
}

@ObjectType('LoginPayload', { description: 'A session token and who it stands for.' })
export class LoginPayload {
  @Field(() => String, { description: 'Send as `Authorization: Bearer <token>`.' })
  token!: string;

  @Field(() => Date, { description: 'When the token stops working.' })
  expiresAt!: Date;

  @Field(() => ViewerInfo, { description: 'The signed-in viewer.' })
  viewer!: ViewerInfo;
}

function toInfo(v: Viewer): ViewerInfo {
  return {
    kind:
      v.kind === 'user' ? ViewerKind.USER : v.kind === 'apiKey' ? ViewerKind.API_KEY : ViewerKind.ANONYMOUS,
    role: v.role ?? null,
    jurisdiction: v.jurisdiction ? { ...v.jurisdiction } : null,
    userId: v.kind === 'user' ? v.id : undefined,
  };
}

@Resolver()
export class AuthResolver {
  @Query(() => ViewerInfo, { description: 'Who you are, your role and your jurisdiction.' })
  viewer(@Ctx() ctx: RequestContext): ViewerInfo {
    return toInfo(ctx.viewer);
  }

  @Mutation(() => LoginPayload, { description: 'Sign in with username and password.' })
  async login(
    @Ctx() ctx: RequestContext,
    @Arg('username', { description: 'Sign-in name.' }) username: string,
    @Arg('password', { description: 'Password.' }) password: string,
  ): Promise<LoginPayload> {
    const r = await login(ctx, { username, password });
    // The rest of this response (nested viewer fields) is resolved as the user who just signed in.
    ctx.viewer = r.viewer;
    return { token: r.token, expiresAt: r.expiresAt, viewer: toInfo(r.viewer) };
  }
}

@Resolver(() => ViewerInfo)
export class ViewerFieldResolver {
  @FieldResolver(() => User, { nullable: true, description: 'The signed-in user account.' })
  user(@Ctx() ctx: RequestContext, @Root() v: ViewerInfo): Promise<User | null> | null {
    return v.userId ? byId(ctx, User).load(v.userId) : null;
  }
}

@Resolver(() => JurisdictionInfo)
export class JurisdictionFieldResolver {
  @FieldResolver(() => Street, { nullable: true, description: 'The street of the jurisdiction.' })
  street(@Ctx() ctx: RequestContext, @Root() j: JurisdictionInfo): Promise<Street | null> | null {
    return j.streetId ? byId(ctx, Street).load(j.streetId) : null;
  }

  @FieldResolver(() => Community, {
    nullable: true,
    description: 'The community, for community and grid jurisdictions.',
  })
  community(@Ctx() ctx: RequestContext, @Root() j: JurisdictionInfo): Promise<Community | null> | null {
    return j.communityId ? byId(ctx, Community).load(j.communityId) : null;
  }

  @FieldResolver(() => Grid, { nullable: true, description: 'The grid, for grid jurisdictions.' })
  grid(@Ctx() ctx: RequestContext, @Root() j: JurisdictionInfo): Promise<Grid | null> | null {
    return j.gridId ? byId(ctx, Grid).load(j.gridId) : null;
  }
}
