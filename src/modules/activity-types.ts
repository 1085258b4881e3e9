import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType, Int, InterfaceType, ObjectType, type ClassType } from 'type-graphql';
import { Node } from '../db/base.entity';
import { toGlobalId } from '../graphql/global-id';
import type { Activity } from './activity.entity';
import { buildDetailsTypes, detailsToApi, type DetailsShape } from './details';
import type { ActivityKindSpec } from './define';
import { pascalCase } from './naming';

/**
 * `interface Activity`: the cross-module feed. Each activity kind of each module has its own
 * concrete type (`ElderlyCareClinicActivity`) implementing it, with the kind's details as typed
 * fields under `details`; `detailsJson` carries the same values as JSON for generic renderers.
 */
@InterfaceType('Activity', {
  implements: Node,
  description:
    'Something that happened on a grid, recorded by a module. One concrete type per activity kind; ' +
    'query the kind-specific `details` with an inline fragment.',
  resolveType: (value: object) => value.constructor.name,
})
export abstract class ActivityBase {
  @Field(() => ID, { name: 'id', description: 'Global id (opaque).' })
  gid!: string;

  /** uuid of the row. */
  id!: string;
  gridId!: string;
  communityId!: string;
  streetId!: string;
  recordedById?: string | null;

  @Field(() => String, { description: 'Id of the module that recorded it, e.g. "legal".' })
  moduleId!: string;

  @Field(() => String, { description: 'Activity kind, `<module id>.<kind>`, e.g. "legal.lecture".' })
  kind!: string;

  @Field(() => Date, { description: 'When it happened.' })
  occurredAt!: Date;

  @Field(() => String, { description: 'Short title for lists.' })
  title!: string;

  @Field(() => Int, {
    description: 'People taking part on the giving side (volunteers, doctors, speakers...).',
  })
  participants!: number;

  @Field(() => Int, { description: 'People served or reached (attendees, residents helped...).' })
  beneficiaries!: number;

  @Field(() => GraphQLJSONObject, {
    description: 'The kind-specific details as JSON (references as global ids), for generic renderers.',
  })
  detailsJson!: Record<string, unknown>;

  @Field(() => Date, { description: 'When it was recorded.' })
  createdAt!: Date;
}

/** An activity of a module that is no longer installed: its rows stay readable. */
@ObjectType('UninstalledModuleActivity', {
  implements: [ActivityBase, Node],
  description: 'An activity recorded by a module that is no longer installed; details only as JSON.',
})
export class UninstalledModuleActivity extends ActivityBase {}

/** The GraphQL types generated for one activity kind. */
export interface KindTypes {
  /** `<Module><Kind>`, e.g. `ElderlyCareClinic`. */
  baseName: string;
  objectType: ClassType;
  recordInput: ClassType;
  details: DetailsShape;
  /** `record<Module><Kind>`. */
  mutationName: string;
}

/** Builds `<Base>Activity`, `<Base>ActivityDetails(Input)` and `<Base>ActivityInput` for a kind. */
export function buildKindTypes(moduleId: string, key: string, spec: ActivityKindSpec): KindTypes {
  const baseName = `${pascalCase(moduleId)}${pascalCase(key)}`;
  const code = `${moduleId}.${key}`;
  const details = buildDetailsTypes(`${baseName}ActivityDetails`, spec.details, `activity kind ${code}`);
  const describe = `${spec.label.zh} ${spec.label.en} (${code}): ${spec.description.en}`;

  const holder = { [`${baseName}Activity`]: class extends ActivityBase {} };
  const Obj = holder[`${baseName}Activity`]!;
  if (details.outType) {
    Field(() => details.outType!, { description: `The ${code} details.` })(Obj.prototype, 'details');
  }
  ObjectType(`${baseName}Activity`, { implements: [ActivityBase, Node], description: describe })(Obj);

  const inputHolder = { [`${baseName}ActivityInput`]: class {} };
  const In = inputHolder[`${baseName}ActivityInput`]!;
  const field = (name: string, type: () => unknown, nullable: boolean, description: string) =>
    Field(type as never, { nullable, description })(In.prototype, name);
  field('gridId', () => ID, false, 'The grid it happened on (the module must be enabled there).');
  field('occurredAt', () => Date, false, 'When it happened (not in the future).');
  field('title', () => String, true, `Short title; default: "${spec.label.zh}".`);
  field('participants', () => Int, true, 'People on the giving side; default: derived from the details.');
  field('beneficiaries', () => Int, true, 'People served or reached; default: derived from the details.');
  if (details.inType) field('details', () => details.inType!, false, `The ${code} details.`);
  InputType(`${baseName}ActivityInput`, { description: `A new ${code} activity.` })(In);

  return { baseName, objectType: Obj, recordInput: In, details, mutationName: `record${baseName}` };
}

/** An activity row as its concrete GraphQL type (a plain view; the row stays in the unit of work). */
export function activityView(row: Activity, types: KindTypes | undefined): ActivityBase {
  const Cls = types?.objectType ?? UninstalledModuleActivity;
  const api = types ? detailsToApi(types.details, row.details) : row.details;
  return Object.assign(Object.create(Cls.prototype) as ActivityBase, {
    gid: toGlobalId('Activity', row.id),
    id: row.id,
    gridId: row.gridId,
    communityId: row.communityId,
    streetId: row.streetId,
    recordedById: row.recordedById ?? null,
    moduleId: row.moduleId,
    kind: row.kind,
    occurredAt: row.occurredAt,
    title: row.title,
    participants: row.participants,
    beneficiaries: row.beneficiaries,
    detailsJson: api,
    details: api,
    createdAt: row.createdAt,
  });
}
