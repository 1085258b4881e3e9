import { z } from 'zod';
import { badInput, type Message } from '../graphql/errors';
import { longText, parseInput, text } from '../graphql/validate';

/** The kinds of per-grid setting a module may declare; a frontend renders one form control per kind. */
export type SettingType = 'boolean' | 'int' | 'float' | 'string' | 'text' | 'date' | 'enum';

interface SettingCommon {
  label: Message;
  description: Message;
  /** Must have a value; with no default, enabling the module requires one. */
  required?: boolean;
}
export interface BooleanSetting extends SettingCommon {
  type: 'boolean';
  default?: boolean;
}
export interface IntSetting extends SettingCommon {
  type: 'int';
  default?: number;
  min?: number;
  max?: number;
}
export interface FloatSetting extends SettingCommon {
  type: 'float';
  default?: number;
  min?: number;
  max?: number;
}
/** One line of text (at most `maxLength`, 200 by default). */
export interface StringSetting extends SettingCommon {
  type: 'string';
  default?: string;
  maxLength?: number;
}
/** Free text over several lines (at most `maxLength`, 5000 by default). */
export interface TextSetting extends SettingCommon {
  type: 'text';
  default?: string;
  maxLength?: number;
}
/** A calendar date, 'YYYY-MM-DD'. */
export interface DateSetting extends SettingCommon {
  type: 'date';
  default?: string;
}
export interface EnumSetting<V extends string = string> extends SettingCommon {
  type: 'enum';
  values: readonly { value: V; label: Message }[];
  default?: V;
}
export type SettingSpec =
  | BooleanSetting
  | IntSetting
  | FloatSetting
  | StringSetting
  | TextSetting
  | DateSetting
  | EnumSetting;

export type SettingsSpec = Readonly<Record<string, SettingSpec>>;

type ValueOf<F> = F extends { type: 'boolean' }
  ? boolean
  : F extends { type: 'int' | 'float' }
    ? number
    : F extends { type: 'enum'; values: readonly { value: infer V }[] }
      ? V
      : string;
type AlwaysSet<F> = F extends { default: unknown } ? true : F extends { required: true } ? true : false;

/** The values a module's code reads, inferred from its declaration: defaulted or required fields are never null. */
export type SettingsValues<S extends SettingsSpec> = {
  readonly [K in keyof S]: AlwaysSet<S[K]> extends true ? ValueOf<S[K]> : ValueOf<S[K]> | null;
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const isCalendarDate = (s: string): boolean =>
  DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

/** The zod schema of one setting's value. */
export function settingSchema(f: SettingSpec): z.ZodTypeAny {
  let s: z.ZodTypeAny;
  switch (f.type) {
    case 'boolean':
      s = z.boolean();
      break;
    case 'int':
    case 'float': {
      let n = f.type === 'int' ? z.number().int() : z.number().finite();
      if (f.min !== undefined) n = n.min(f.min);
      if (f.max !== undefined) n = n.max(f.max);
      s = n;
      break;
    }
    case 'string':
      s = text(f.maxLength ?? 200);
      break;
    case 'text':
      s = longText(f.maxLength ?? 5000);
      break;
    case 'date':
      s = z.string().refine(isCalendarDate, {
        message: 'must be a date YYYY-MM-DD',
        params: { zh: '必须是 YYYY-MM-DD 格式的日期' },
      });
      break;
    case 'enum': {
      const values = f.values.map((v) => v.value);
      s = z.enum(values as [string, ...string[]]);
      break;
    }
  }
  return f.required || f.default !== undefined ? s : s.nullable();
}

/** Default values: the declared default, or null for optional settings without one. */
export function defaultSettings(spec: SettingsSpec): Record<string, unknown> {
  return Object.fromEntries(Object.entries(spec).map(([k, f]) => [k, f.default ?? null]));
}

/**
 * Merges a change into the current values and validates the result. Unknown keys and values of the
 * wrong type are BAD_USER_INPUT naming `input.settings.<key>`; null resets a setting to its default.
 */
export function mergeSettings(
  spec: SettingsSpec,
  current: Record<string, unknown>,
  change: Record<string, unknown> | null | undefined,
): Record<string, unknown> {
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(change ?? {})) {
    const f = spec[key];
    if (!f) {
      throw badInput(`input.settings.${key}`, {
        en: `input.settings.${key}: this module has no such setting`,
        zh: `input.settings.${key}：该模块没有此设置项`,
      });
    }
    next[key] = value === null ? (f.default ?? null) : value;
  }
  const shape = Object.fromEntries(Object.entries(spec).map(([k, f]) => [k, settingSchema(f)]));
  for (const [key, f] of Object.entries(spec)) {
    if (next[key] === undefined) next[key] = f.default ?? (f.required ? undefined : null);
  }
  return parseInput(z.object(shape).strict(), next, 'input.settings') as Record<string, unknown>;
}

/**
 * Values as stored, read against the current declaration: a setting added by a later module version
 * gets its default, one that no longer validates (its type changed) falls back to the default.
 */
export function readSettings(spec: SettingsSpec, stored: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, f] of Object.entries(spec)) {
    const parsed = settingSchema(f).safeParse(stored[key]);
    out[key] = parsed.success && stored[key] !== undefined ? parsed.data : (f.default ?? null);
  }
  return out;
}

/** Problems with a settings declaration (empty when valid): defaults must satisfy their own schema. */
export function checkSettingsSpec(spec: SettingsSpec): string[] {
  const problems: string[] = [];
  for (const [key, f] of Object.entries(spec)) {
    if (!/^[a-z][A-Za-z0-9]*$/.test(key)) problems.push(`setting ${key}: name must be camelCase`);
    if (!f.label?.zh || !f.label?.en) problems.push(`setting ${key}: label needs zh and en`);
    if (!f.description?.zh || !f.description?.en)
      problems.push(`setting ${key}: description needs zh and en`);
    if (f.type === 'enum') {
      if (!f.values.length) problems.push(`setting ${key}: enum without values`);
      if (new Set(f.values.map((v) => v.value)).size !== f.values.length)
        problems.push(`setting ${key}: duplicate enum values`);
    }
    if (f.default !== undefined && !settingSchema(f).safeParse(f.default).success)
      problems.push(`setting ${key}: default ${JSON.stringify(f.default)} is not valid for its own schema`);
  }
  return problems;
}
