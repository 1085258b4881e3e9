import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { installedModules } from '../../modules';
import { DomainEvent } from '../../src/integration';
import { runModuleContract } from './contract';
import readingCorner from './reading-corner';
import type { TestServer } from '../helpers/test-server';
import { errorCode, ok } from '../helpers/test-server';

/*
 * A fourth module is one folder and one line in modules/index.ts. The folder is ./reading-corner;
 * the line is what this mock adds. Nothing else changes: its table, types, mutations, rules, node
 * fetcher and metrics join the application, and the contract suite runs against it unchanged.
 */
jest.mock('../../modules', () => {
  const actual = jest.requireActual('../../modules');
  return { installedModules: [...actual.installedModules, jest.requireActual('./reading-corner').default] };
});

it('is one folder and one more entry in the module list', () => {
  expect(readdirSync(join(__dirname, 'reading-corner'))).toEqual(['index.ts']);
  expect(installedModules.map((m) => m.id)).toContain('reading-corner');
  expect(installedModules[installedModules.length - 1]).toBe(readingCorner);
});

let checkedServer: TestServer | undefined;

runModuleContract(() => [readingCorner], {
  // Its table exists only here: tests have no migration for it, so the schema is updated for it,
  // and the update must touch nothing but that table.
  async prepare(s) {
    checkedServer = s;
    const sql = await s.app.orm.getSchemaGenerator().getUpdateSchemaSQL({ safe: true, wrap: false });
    const statements = sql
      .split(';')
      .map((x) => x.trim())
      .filter(Boolean);
    expect(statements.length).toBeGreaterThan(0);
    for (const st of statements) expect(st).toContain('reading_corner_book');
    await s.app.orm.em.getConnection().execute(sql);
    const admin = await s.login('community_admin');
    const grids = ok(await s.gql('{ grids(first: 20) { nodes { id code } } }', {}, { token: admin })).grids
      .nodes;
    const grid = grids.find((g: any) => g.code === 'SQ0101-03').id;
    ok(
      await s.gql(
        'mutation($i: EnableModuleInput!) { enableModule(input: $i) { enabled } }',
        {
          i: {
            gridId: grid,
            moduleId: 'reading-corner',
            settings: { coordinator: '王老师', openedOn: '2026-03-01' },
          },
        },
        { token: admin },
      ),
    );
    ok(
      await s.gql(
        'mutation($i: AddReadingCornerBookInput!) { addReadingCornerBook(input: $i) { id } }',
        { i: { gridId: grid, title: '城南旧事' } },
        { token: admin },
      ),
    );
  },
});

describe('reading-corner hooks and settings', () => {
  it('beforeDisable may refuse with a reason; onSettingsChange sees typed values', async () => {
    const s = checkedServer!;
    const admin = await s.login('community_admin');
    const grids = ok(await s.gql('{ grids(first: 20) { nodes { id code } } }', {}, { token: admin })).grids
      .nodes;
    const grid = grids.find((g: any) => g.code === 'SQ0101-03').id;
    const update = (settings: Record<string, unknown>) =>
      s.gql(
        'mutation($i: UpdateModuleSettingsInput!) { updateModuleSettings(input: $i) { settings } }',
        { i: { gridId: grid, moduleId: 'reading-corner', settings } },
        { token: admin },
      );
    const after = ok(await update({ keepOpen: true, audience: 'CHILDREN', budgetYuan: 1500.5 }))
      .updateModuleSettings.settings;
    expect(after).toMatchObject({
      keepOpen: true,
      audience: 'CHILDREN',
      budgetYuan: 1500.5,
      seats: 20,
      coordinator: '王老师',
    });
    const refused = await s.gql(
      'mutation($i: DisableModuleInput!) { disableModule(input: $i) { enabled } }',
      { i: { gridId: grid, moduleId: 'reading-corner' } },
      { token: admin, locale: 'zh' },
    );
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors![0]!.message).toBe('读书角已锁定开放');
    const events = await s.em().find(DomainEvent, { type: 'reading-corner.audience_changed' });
    expect(events.map((e) => e.payload)).toEqual([{ from: 'ALL', to: 'CHILDREN' }]);
    for (const [settings, field] of [
      [{ openedOn: '2026-02-30' }, 'input.settings.openedOn'],
      [{ audience: 'TEENS' }, 'input.settings.audience'],
      [{ seats: 0 }, 'input.settings.seats'],
      [{ seats: 2.5 }, 'input.settings.seats'],
      [{ coordinator: 'x'.repeat(51) }, 'input.settings.coordinator'],
      [{ nope: 1 }, 'input.settings.nope'],
    ] as const) {
      const res = await update(settings);
      expect([errorCode(res), res.errors?.[0]?.extensions?.field]).toEqual(['BAD_USER_INPUT', field]);
    }
    expect(ok(await update({ audience: null, keepOpen: false })).updateModuleSettings.settings.audience).toBe(
      'ALL',
    );
  });
});
