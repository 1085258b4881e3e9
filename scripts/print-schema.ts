import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildAppSchema, printAppSchema } from '../src/graphql/schema';

/** Writes schema/schema.graphql; with --check, fails when the committed file differs. */
async function main(): Promise<void> {
  const file = resolve(__dirname, '../schema/schema.graphql');
  const sdl = printAppSchema((await buildAppSchema()).bare);
  if (process.argv.includes('--check')) {
    const committed = readFileSync(file, 'utf8');
    if (committed !== sdl) {
      console.error('schema/schema.graphql is out of date: run `npm run schema`');
      process.exit(1);
    }
    return;
  }
  writeFileSync(file, sdl);
  console.log('Wrote schema/schema.graphql');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
