import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType, type ClassType } from 'type-graphql';
import { z } from 'zod';
import { fromGlobalId, toGlobalId } from '../graphql/global-id';
import { isCalendarDate } from './settings';
import { pascalCase } from './naming';

/*
 * Activity details are declared once, as a zod object, and everything else is derived from it: the
 * validation on write, the TypeScript type in the module's code, and typed GraphQL output and input
 * types. Supported: strings, numbers (int when `.int()`), booleans, enums (`z.enum` or a registered
 * `z.nativeEnum`), calendar dates (`localDate`), references to other records (`ref`), arrays and
 * nested objects of these, each optional, nullable or defaulted. Every field needs `.describe()`.
 */

const refTypes = new WeakMap<z.ZodTypeAny, string>();
const dateTypes = new WeakSet<z.ZodTypeAny>();

/** A reference to another record, by its GraphQL type: global id in the API, uuid in the stored details. */
export function ref(typeName: string, description: string): z.ZodString {
  const s = z.string().uuid().describe(description);
  refTypes.set(s, typeName);
  return s;
}

/** A calendar date 'YYYY-MM-DD' (LocalDate in the API). */
export function localDate(description: string): z.ZodType<string> {
  const s = z
    .string()
    .refine(isCalendarDate, {
      message: 'must be a date YYYY-MM-DD',
      params: { zh: '必须是 YYYY-MM-DD 格式的日期' },
    })
    .describe(description);
  dateTypes.add(s);
  return s;
}

type TypeFn = () => unknown;

/** One field of a details shape, with what GraphQL needs in both directions. */
export interface DetailField {
  name: string;
  description: string;
  /** Null may be returned (optional or nullable in the schema). */
  nullable: boolean;
  /** May be left out on input (optional, nullable or defaulted). */
  optionalInput: boolean;
  array: boolean;
  refType?: string;
  nested?: DetailsShape;
  out: TypeFn;
  in: TypeFn;
}

export interface DetailsShape {
  fields: DetailField[];
  outType?: ClassType;
  inType?: ClassType;
}

interface Peeled {
  inner: z.ZodTypeAny;
  nullable: boolean;
  optionalInput: boolean;
  description?: string;
  refType?: string;
  date: boolean;
}

function peel(schema: z.ZodTypeAny): Peeled {
  let s = schema;
  const out: Peeled = { inner: s, nullable: false, optionalInput: false, date: false };
  for (;;) {
    out.description ??= s.description;
    out.refType ??= refTypes.get(s);
    if (dateTypes.has(s)) out.date = true;
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) {
      out.nullable = true;
      out.optionalInput = true;
      s = s.unwrap();
    } else if (s instanceof z.ZodDefault) {
      out.optionalInput = true;
      s = s.removeDefault();
    } else if (s instanceof z.ZodEffects) {
      s = s.innerType();
    } else break;
  }
  out.inner = s;
  return out;
}

/** The object schema under refinements of the details (a `.refine` across fields is allowed). */
export function objectOf(schema: z.ZodTypeAny): z.AnyZodObject | null {
  let s = schema;
  while (s instanceof z.ZodEffects) s = s.innerType();
  return s instanceof z.ZodObject ? s : null;
}

/**
 * Builds the GraphQL output and input classes for a details schema, named `<typeName>` and
 * `<typeName>Input` (nested objects append the field name). Throws on anything it cannot map, so a
 * module with an unsupported details field fails at start-up, not at run time.
 */
export function buildDetailsTypes(typeName: string, schema: z.ZodTypeAny, what: string): DetailsShape {
  const obj = objectOf(schema);
  if (!obj) throw new Error(`${what}: details must be a zod object`);
  const fields: DetailField[] = Object.entries(obj.shape as Record<string, z.ZodTypeAny>).map(([name, s]) =>
    buildField(typeName, name, s, `${what}.${name}`),
  );
  const shape: DetailsShape = { fields };
  if (!fields.length) return shape;

  const Out = namedClass(typeName);
  const In = namedClass(`${typeName}Input`);
  for (const f of fields) {
    const wrap = (t: TypeFn) => (f.array ? () => [t()] : t);
    Field(wrap(f.out) as never, { nullable: f.nullable, description: f.description })(Out.prototype, f.name);
    Field(wrap(f.in) as never, { nullable: f.optionalInput, description: f.description })(
      In.prototype,
      f.name,
    );
  }
  ObjectType(typeName, { description: `Details of ${what}.` })(Out);
  InputType(`${typeName}Input`, { description: `Details of ${what}.` })(In);
  shape.outType = Out;
  shape.inType = In;
  return shape;
}

function buildField(parent: string, name: string, schema: z.ZodTypeAny, what: string): DetailField {
  const top = peel(schema);
  let array = false;
  let p = top;
  if (top.inner instanceof z.ZodArray) {
    array = true;
    p = peel(top.inner.element as z.ZodTypeAny);
    if (p.nullable) throw new Error(`${what}: array items cannot be null`);
  }
  const description = top.description ?? p.description;
  if (!description) throw new Error(`${what}: every details field needs .describe()`);
  const base = { name, description, nullable: top.nullable, optionalInput: top.optionalInput, array };
  const inner = p.inner;
  const refType = p.refType;
  if (refType) return { ...base, refType, out: () => ID, in: () => ID };
  if (p.date) return { ...base, out: () => GraphQLLocalDate, in: () => GraphQLLocalDate };
  if (inner instanceof z.ZodString) return { ...base, out: () => String, in: () => String };
  if (inner instanceof z.ZodBoolean) return { ...base, out: () => Boolean, in: () => Boolean };
  if (inner instanceof z.ZodNumber) {
    const t = inner.isInt ? Int : Float;
    return { ...base, out: () => t, in: () => t };
  }
  if (inner instanceof z.ZodNativeEnum) {
    const e = inner.enum as object;
    return { ...base, out: () => e, in: () => e };
  }
  if (inner instanceof z.ZodEnum) {
    const values = inner.options as string[];
    if (!values.every((v) => /^[A-Z][A-Z0-9_]*$/.test(v)))
      throw new Error(`${what}: enum values must be UPPER_CASE names`);
    const e = Object.fromEntries(values.map((v) => [v, v]));
    registerEnumType(e, { name: `${parent}${pascalCase(name)}`, description });
    return { ...base, out: () => e, in: () => e };
  }
  if (inner instanceof z.ZodObject) {
    const nested = buildDetailsTypes(`${parent}${pascalCase(name)}`, inner, what);
    if (!nested.outType) throw new Error(`${what}: nested object without fields`);
    return { ...base, nested, out: () => nested.outType, in: () => nested.inType };
  }
  throw new Error(`${what}: unsupported details type ${inner.constructor.name}`);
}

function namedClass(name: string): ClassType {
  // A named class: type-graphql and the `resolveType` of interfaces go by the class name.
  const holder = { [name]: class {} };
  return holder[name]!;
}

/** Stored details → API shape: references become global ids. */
export function detailsToApi(shape: DetailsShape, value: unknown): Record<string, unknown> {
  const src = (value ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const f of shape.fields) {
    const v = src[f.name];
    if (v === undefined || v === null) {
      out[f.name] = null;
      continue;
    }
    const one = (x: unknown): unknown =>
      f.refType ? toGlobalId(f.refType, String(x)) : f.nested ? detailsToApi(f.nested, x) : x;
    out[f.name] = f.array && Array.isArray(v) ? v.map(one) : one(v);
  }
  return out;
}

/**
 * API input → what the zod schema validates: plain objects, references decoded from global ids
 * (a wrong id is BAD_USER_INPUT naming `input.details.<field>`).
 */
export function detailsFromApi(shape: DetailsShape, value: unknown, path = 'input.details'): unknown {
  if (value === null || value === undefined || typeof value !== 'object') return value;
  const src = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const f of shape.fields) {
    const v = src[f.name];
    if (v === undefined) continue;
    const at = `${path}.${f.name}`;
    const one = (x: unknown, i?: number): unknown => {
      const p = i === undefined ? at : `${at}.${i}`;
      if (x === null || x === undefined) return x;
      if (f.refType) return fromGlobalId(String(x), f.refType, p);
      if (f.nested) return detailsFromApi(f.nested, x, p);
      return x;
    };
    out[f.name] = f.array && Array.isArray(v) ? v.map((x, i) => one(x, i)) : one(v);
  }
  return out;
}

/** Stored (uuid) example details → what a client would send: references as global ids. */
export function detailsExampleToApi(shape: DetailsShape, value: unknown): Record<string, unknown> {
  const api = detailsToApi(shape, value);
  for (const f of shape.fields)
    if ((value as Record<string, unknown>)[f.name] === undefined) delete api[f.name];
  return api;
}
