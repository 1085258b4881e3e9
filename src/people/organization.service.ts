import type { FilterQuery } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { assertCovers } from '../auth/jurisdiction';
import { requireViewer, type AuthenticatedViewer } from '../auth/viewer';
import { escapeLike } from '../db/helpers';
import { paginate, type ConnectionResult, type Page } from '../graphql/connection';
import { badInput, notFound } from '../graphql/errors';
import { parseInput, text } from '../graphql/validate';
import { recordEvent } from '../integration/event.service';
import type { RequestContext } from '../server/context';
import { Community } from '../territory/community.entity';
import { Organization, OrganizationKind } from './organization.entity';
import {
  creditCode,
  gridForWrite,
  optionalText,
  phone,
  requirePeopleWriter,
  scopedWhere,
  type Patch,
} from './people.access';

export function organizationWhere(v: AuthenticatedViewer): FilterQuery<Organization> {
  return scopedWhere<Organization>(v.jurisdiction);
}

export interface OrganizationFilterArgs {
  kind?: OrganizationKind | null;
  gridId?: string;
  communityId?: string;
  nameContains?: string | null;
}

const filterInput = z.object({ nameContains: text(100).nullish() });

/**
 * Organizations of the viewer's jurisdiction. Community-level organizations (no grid) are seen from
 * the community up; a grid's staff see their grid's.
 */
export async function listOrganizations(
  ctx: RequestContext,
  filter: OrganizationFilterArgs,
  page: Page,
): Promise<ConnectionResult<Organization>> {
  const v = requireViewer(ctx.viewer);
  const f = parseInput(filterInput, { nameContains: filter.nameContains }, 'filter');
  const where: FilterQuery<Organization> = {
    $and: [
      organizationWhere(v),
      filter.kind ? { kind: filter.kind } : {},
      filter.gridId ? { gridId: filter.gridId } : {},
      filter.communityId ? { communityId: filter.communityId } : {},
      f.nameContains ? { name: { $ilike: `%${escapeLike(f.nameContains)}%` } } : {},
    ],
  };
  return paginate(ctx.em, Organization, where, page);
}

/** An organization the viewer may see, or NOT_FOUND. */
export async function getOrganization(ctx: RequestContext, id: string): Promise<Organization> {
  const v = requireViewer(ctx.viewer);
  const o = await ctx.em.findOne(Organization, { $and: [{ id }, organizationWhere(v)] });
  if (!o) throw notFound('Organization');
  return o;
}

const uuid = z.string().uuid();

const details = {
  creditCode: creditCode.nullish(),
  address: optionalText(300),
  contactName: optionalText(50),
  contactPhone: phone.nullish(),
};

const createInput = z.object({
  gridId: uuid.nullish(),
  communityId: uuid.nullish(),
  name: text(200),
  kind: z.nativeEnum(OrganizationKind),
  ...details,
});

const patchInput = z.object({
  name: text(200).optional(),
  kind: z.nativeEnum(OrganizationKind).optional(),
  ...details,
});

/** Unvalidated organization input as resolvers pass it; the service validates. */
export interface OrganizationInput {
  gridId?: string | null;
  communityId?: string | null;
  name: string;
  kind: OrganizationKind;
  creditCode?: string | null;
  address?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
}

const ORGANIZATION_FIELDS = ['name', 'kind', 'creditCode', 'address', 'contactName', 'contactPhone'] as const;

/** Registers an organization in a grid, or at community level (administrators of the community and above). */
export async function createOrganization(
  ctx: RequestContext,
  input: OrganizationInput,
): Promise<Organization> {
  const v = requirePeopleWriter(ctx.viewer);
  const data = parseInput(createInput, input);
  if (!!data.gridId === !!data.communityId) {
    throw badInput('input.gridId', {
      en: 'Give exactly one of input.gridId or input.communityId',
      zh: 'input.gridId 与 input.communityId 须且只能提供一个',
    });
  }
  let place: { streetId: string; communityId: string; gridId: string | null };
  if (data.gridId) {
    const grid = await gridForWrite(ctx, v, data.gridId, 'input.gridId');
    place = { streetId: grid.streetId, communityId: grid.communityId, gridId: grid.id };
  } else {
    const community = await ctx.em.findOne(Community, { id: data.communityId! });
    if (!community) throw notFound('Community');
    place = { streetId: community.streetId, communityId: community.id, gridId: null };
    assertCovers(v.jurisdiction, place);
  }
  const org = ctx.em.create(Organization, {
    ...place,
    name: data.name,
    kind: data.kind,
    creditCode: data.creditCode ?? null,
    address: data.address ?? null,
    contactName: data.contactName ?? null,
    contactPhone: data.contactPhone ?? null,
  });
  recordEvent(ctx, 'organization.created', { type: 'Organization', id: org.id }, org, {
    fields: ORGANIZATION_FIELDS.filter((k) => org[k] != null),
  });
  await ctx.em.flush();
  return org;
}

export async function updateOrganization(
  ctx: RequestContext,
  id: string,
  patch: Patch<Omit<OrganizationInput, 'gridId' | 'communityId'>>,
): Promise<Organization> {
  const v = requirePeopleWriter(ctx.viewer);
  const data = parseInput(patchInput, patch);
  const org = await ctx.em.findOne(Organization, { id });
  if (!org) throw notFound('Organization');
  assertCovers(v.jurisdiction, org);
  const before = { ...org };
  for (const k of ORGANIZATION_FIELDS) {
    const value = data[k];
    if (value !== undefined) (org as unknown as Record<string, unknown>)[k] = value;
  }
  const changed = ORGANIZATION_FIELDS.filter((k) => (before[k] ?? null) !== (org[k] ?? null));
  recordEvent(ctx, 'organization.updated', { type: 'Organization', id: org.id }, org, { changed });
  await ctx.em.flush();
  return org;
}
