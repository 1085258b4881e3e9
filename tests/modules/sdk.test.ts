import { z } from 'zod';
import { buildDetailsTypes, detailsFromApi, detailsToApi, ref } from '../../src/modules/details';
import { toGlobalId } from '../../src/graphql/global-id';
import { camelCase, pascalCase, snakeCase } from '../../src/modules/naming';
import {
  checkSettingsSpec,
  defaultSettings,
  mergeSettings,
  readSettings,
  type SettingsValues,
} from '../../src/modules/settings';
import { declareGridModule, defineGridModule, defineSettings, kindsFor } from '../../src/modules/define';
import { manifestProblems } from '../../src/modules/registry';

/* The SDK without a database: settings, details mapping, manifest checks and the inferred types. */

const spec = defineSettings({
  days: {
    type: 'int',
    label: { zh: '天', en: 'Days' },
    description: { zh: '天数', en: 'Days' },
    default: 7,
    min: 1,
  },
  owner: {
    type: 'string',
    label: { zh: '人', en: 'Owner' },
    description: { zh: '负责人', en: 'Owner' },
    required: true,
  },
  note: { type: 'text', label: { zh: '注', en: 'Note' }, description: { zh: '备注', en: 'Note' } },
  mode: {
    type: 'enum',
    label: { zh: '模式', en: 'Mode' },
    description: { zh: '模式', en: 'Mode' },
    values: [
      { value: 'A', label: { zh: '甲', en: 'A' } },
      { value: 'B', label: { zh: '乙', en: 'B' } },
    ],
    default: 'A',
  },
});

describe('settings', () => {
  it('infers value types from the declaration', () => {
    const v: SettingsValues<typeof spec> = { days: 3, owner: '王', note: null, mode: 'B' };
    const days: number = v.days;
    const owner: string = v.owner;
    const note: string | null = v.note;
    const mode: 'A' | 'B' = v.mode;
    // @ts-expect-error a defaulted int is a number, never null
    const wrong: null = v.days;
    // @ts-expect-error enum values are a union of the declared values
    const other: 'C' = v.mode;
    expect([days, owner, note, mode, wrong, other]).toHaveLength(6);
  });

  it('requires required settings, resets to defaults on null, refuses unknown keys', () => {
    const defaults = defaultSettings(spec);
    expect(defaults).toEqual({ days: 7, owner: null, note: null, mode: 'A' });
    expect(() => mergeSettings(spec, defaults, {})).toThrow(/input\.settings\.owner/);
    const set = mergeSettings(spec, defaults, { owner: '王', days: 3 });
    expect(set).toEqual({ days: 3, owner: '王', note: null, mode: 'A' });
    expect(mergeSettings(spec, set, { days: null })).toMatchObject({ days: 7 });
    expect(() => mergeSettings(spec, set, { extra: 1 })).toThrow(/input\.settings\.extra/);
    expect(() => mergeSettings(spec, set, { mode: 'C' })).toThrow(/input\.settings\.mode/);
    expect(() => mergeSettings(spec, set, { days: 1.5 })).toThrow(/input\.settings\.days/);
  });

  it('reads stored values against the current declaration', () => {
    expect(readSettings(spec, { days: 'x', owner: '李', retired: true })).toEqual({
      days: 7,
      owner: '李',
      note: null,
      mode: 'A',
    });
  });

  it('reports defaults that break their own schema', () => {
    const bad = defineSettings({
      n: { type: 'int', label: { zh: 'n', en: 'n' }, description: { zh: 'n', en: 'n' }, default: 0, min: 1 },
      d: {
        type: 'date',
        label: { zh: 'd', en: 'd' },
        description: { zh: 'd', en: 'd' },
        default: '2026-02-30',
      },
    });
    expect(checkSettingsSpec(bad)).toEqual([
      'setting n: default 0 is not valid for its own schema',
      'setting d: default "2026-02-30" is not valid for its own schema',
    ]);
    expect(checkSettingsSpec(spec)).toEqual([]);
  });
});

describe('activity details', () => {
  it('maps a details schema to GraphQL types and converts references both ways', () => {
    const schema = z.object({
      thingId: ref('SdkThing', 'A thing.'),
      count: z.number().int().describe('How many.'),
      tags: z.array(z.string().describe('A tag.')).default([]).describe('Tags.'),
      place: z
        .object({ name: z.string().describe('Name.') })
        .optional()
        .describe('Where.'),
    });
    const shape = buildDetailsTypes('SdkTestDetails', schema, 'sdk.test');
    expect(
      shape.fields.map((f) => [f.name, f.nullable, f.optionalInput, f.array, f.refType ?? null]),
    ).toEqual([
      ['thingId', false, false, false, 'SdkThing'],
      ['count', false, false, false, null],
      ['tags', false, true, true, null],
      ['place', true, true, false, null],
    ]);
    const uuid = '0190a0a0-0000-7000-8000-000000000001';
    const gid = toGlobalId('SdkThing', uuid);
    expect(detailsFromApi(shape, { thingId: gid, count: 2 })).toEqual({ thingId: uuid, count: 2 });
    expect(() => detailsFromApi(shape, { thingId: toGlobalId('Other', uuid) })).toThrow(
      /input\.details\.thingId/,
    );
    expect(detailsToApi(shape, { thingId: uuid, count: 2, tags: [] })).toEqual({
      thingId: gid,
      count: 2,
      tags: [],
      place: null,
    });
  });

  it('refuses fields without a description and types it cannot map', () => {
    expect(() => buildDetailsTypes('SdkBad1', z.object({ x: z.string() }), 'sdk.bad1')).toThrow(
      /needs \.describe/,
    );
    expect(() =>
      buildDetailsTypes('SdkBad2', z.object({ x: z.date().describe('When.') }), 'sdk.bad2'),
    ).toThrow(/unsupported details type ZodDate/);
    expect(() => buildDetailsTypes('SdkBad3', z.string(), 'sdk.bad3')).toThrow(/must be a zod object/);
  });
});

describe('manifests', () => {
  const kind = kindsFor<typeof spec>();
  const make = (id: string, codes: string[]) =>
    defineGridModule(
      declareGridModule({
        id,
        version: '1.0.0',
        name: { zh: '测', en: 'Test' },
        description: { zh: '测', en: 'Test' },
        settings: spec,
        activityKinds: {
          done: kind({
            label: { zh: '做', en: 'Done' },
            description: { zh: '做', en: 'Done' },
            details: z.object({ n: z.number().describe('N.') }),
            counts: (d) => ({ beneficiaries: d.n }),
            async validate(_ctx, { settings }, d) {
              const days: number = settings.days;
              expect(days + d.n).toBeGreaterThan(0);
            },
            example: async () => ({ n: 1 }),
          }),
        },
      }),
      {
        metrics: codes.map((code) => ({
          code,
          label: { zh: '数', en: 'Count' },
          unit: '次',
          compute: async () => 0,
        })),
      },
    );

  it('accepts a valid one and names what is wrong with a bad one', () => {
    expect(manifestProblems(make('sdk-test', ['sdk-test.done']))).toEqual([]);
    expect(manifestProblems(make('SdkTest', []))).toEqual(['id "SdkTest" is not kebab-case']);
    expect(manifestProblems(make('sdk-test', ['other.done', 'sdk-test.x', 'sdk-test.x']))).toEqual([
      'metric code "other.done" must be "sdk-test.<snake_case>"',
      'metric code "sdk-test.x" declared twice',
    ]);
  });

  it('derives the prefixes from the id', () => {
    expect([pascalCase('elderly-care'), camelCase('elderly-care'), snakeCase('elderly-care')]).toEqual([
      'ElderlyCare',
      'elderlyCare',
      'elderly_care',
    ]);
  });
});
