import { GraphQLJSON } from 'graphql-scalars';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Message } from '../graphql/errors';
import type { AnyGridModule } from './define';
import type { MetricDefinition } from './metric';
import type { KindEntry } from './registry';
import type { SettingSpec } from './settings';

@ObjectType('LocalizedText', { description: 'A text in Chinese and English.' })
export class LocalizedText {
  @Field(() => String, { description: 'Chinese.' })
  zh!: string;

  @Field(() => String, { description: 'English.' })
  en!: string;
}

export enum ModuleSettingType {
  BOOLEAN = 'BOOLEAN',
  INT = 'INT',
  FLOAT = 'FLOAT',
  STRING = 'STRING',
  TEXT = 'TEXT',
  DATE = 'DATE',
  ENUM = 'ENUM',
}
registerEnumType(ModuleSettingType, {
  name: 'ModuleSettingType',
  description: 'Kind of a module setting, i.e. which form control renders it.',
  valuesConfig: {
    BOOLEAN: { description: '开关 yes/no' },
    INT: { description: '整数 whole number (see min/max)' },
    FLOAT: { description: '数值 number (see min/max)' },
    STRING: { description: '单行文本 one line of text (see maxLength)' },
    TEXT: { description: '多行文本 text over several lines (see maxLength)' },
    DATE: { description: '日期 calendar date YYYY-MM-DD' },
    ENUM: { description: '单选 one of `options`' },
  },
});

@ObjectType('ModuleSettingOption', { description: 'One allowed value of an ENUM setting.' })
export class ModuleSettingOption {
  @Field(() => String, { description: 'The value to store.' })
  value!: string;

  @Field(() => LocalizedText, { description: 'Label to show.' })
  label!: Message;
}

@ObjectType('ModuleSettingField', {
  description: 'One per-grid setting of a module: enough to render and check a settings form.',
})
export class ModuleSettingField {
  @Field(() => String, { description: 'Key in `settings`, e.g. "visitIntervalDays".' })
  name!: string;

  @Field(() => ModuleSettingType, { description: 'Kind of value.' })
  type!: ModuleSettingType;

  @Field(() => LocalizedText, { description: 'Form label.' })
  label!: Message;

  @Field(() => LocalizedText, { description: 'Help text.' })
  description!: Message;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Default value; null when there is none.' })
  default!: unknown;

  @Field(() => Boolean, { description: 'Whether a value is always needed (null is not accepted).' })
  required!: boolean;

  @Field(() => Float, { nullable: true, description: 'Smallest allowed number (INT, FLOAT).' })
  min!: number | null;

  @Field(() => Float, { nullable: true, description: 'Largest allowed number (INT, FLOAT).' })
  max!: number | null;

  @Field(() => Int, { nullable: true, description: 'Longest allowed text (STRING, TEXT).' })
  maxLength!: number | null;

  @Field(() => [ModuleSettingOption], { description: 'Allowed values (ENUM); empty otherwise.' })
  options!: ModuleSettingOption[];
}

@ObjectType('ModuleActivityKind', { description: 'A kind of activity a module records.' })
export class ModuleActivityKind {
  @Field(() => String, { description: 'Kind code, `<module id>.<kind>`, e.g. "legal.lecture".' })
  code!: string;

  @Field(() => LocalizedText, { description: 'Name of the kind.' })
  label!: Message;

  @Field(() => LocalizedText, { description: 'What it records.' })
  description!: Message;

  @Field(() => String, { description: 'The GraphQL type of its activities, e.g. "LegalLectureActivity".' })
  typeName!: string;

  @Field(() => String, { description: 'The mutation that records one, e.g. "recordLegalLecture".' })
  mutation!: string;
}

@ObjectType('Metric', { description: 'A figure the `metrics` query can compute (core or module).' })
export class MetricInfo {
  @Field(() => String, { description: 'Code, e.g. "volunteer.service_hours".' })
  code!: string;

  @Field(() => LocalizedText, { description: 'Name of the figure.' })
  label!: Message;

  @Field(() => LocalizedText, { nullable: true, description: 'How it is counted.' })
  description!: Message | null;

  @Field(() => String, { description: 'Unit for display, e.g. "人", "小时", "%".' })
  unit!: string;

  @Field(() => String, { nullable: true, description: 'Module that declares it; null for core metrics.' })
  moduleId!: string | null;
}

@ObjectType('MetricValue', { description: 'A metric computed for a territory node over a period.' })
export class MetricValue extends MetricInfo {
  @Field(() => Float, { description: 'The value (0 when nothing was recorded or no grid counts).' })
  value!: number;

  @Field(() => Int, {
    description: 'Grids counted: for module metrics, those where the module was enabled during the period.',
  })
  gridCount!: number;
}

/** The manifest of an installed module, as frontends read it. */
@ObjectType('Module', {
  description: 'An installed characteristic-grid module (一网格一特色) and its manifest.',
})
export class ModuleInfo {
  @Field(() => String, { description: 'Id (kebab-case, stable), e.g. "elderly-care".' })
  id!: string;

  @Field(() => String, { description: 'Version of the module.' })
  version!: string;

  @Field(() => LocalizedText, { description: 'Name, e.g. 居家养老型网格.' })
  name!: Message;

  @Field(() => LocalizedText, { description: 'What the module is for.' })
  description!: Message;

  @Field(() => [ModuleSettingField], { description: 'Per-grid settings with their schema.' })
  settings!: ModuleSettingField[];

  @Field(() => [ModuleActivityKind], { description: 'Kinds of activity it records.' })
  activityKinds!: ModuleActivityKind[];

  @Field(() => [MetricInfo], { description: 'Metrics it declares.' })
  metrics!: MetricInfo[];
}

function settingField(name: string, f: SettingSpec): ModuleSettingField {
  return {
    name,
    type: f.type.toUpperCase() as ModuleSettingType,
    label: f.label,
    description: f.description,
    default: f.default ?? null,
    required: !!f.required || f.default !== undefined,
    min: f.type === 'int' || f.type === 'float' ? (f.min ?? null) : null,
    max: f.type === 'int' || f.type === 'float' ? (f.max ?? null) : null,
    maxLength: f.type === 'string' ? (f.maxLength ?? 200) : f.type === 'text' ? (f.maxLength ?? 5000) : null,
    options: f.type === 'enum' ? f.values.map((v) => ({ value: v.value, label: v.label })) : [],
  };
}

export function metricInfo(d: MetricDefinition, moduleId: string | null): MetricInfo {
  return { code: d.code, label: d.label, description: d.description ?? null, unit: d.unit, moduleId };
}

export function moduleInfo(m: AnyGridModule, kinds: KindEntry[]): ModuleInfo {
  return {
    id: m.id,
    version: m.version,
    name: m.name,
    description: m.description,
    settings: Object.entries(m.settings as Record<string, SettingSpec>).map(([k, f]) => settingField(k, f)),
    activityKinds: kinds
      .filter((k) => k.module === m)
      .map((k) => ({
        code: k.code,
        label: k.spec.label,
        description: k.spec.description,
        typeName: `${k.types.baseName}Activity`,
        mutation: k.types.mutationName,
      })),
    metrics: m.metrics.map((d) => metricInfo(d, m.id)),
  };
}
