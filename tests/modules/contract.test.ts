import { installedModules } from '../../modules';
import { runModuleContract } from './contract';

it('installs the modules listed in modules/index.ts', () => {
  expect(installedModules.map((m) => m.id)).toEqual(
    expect.arrayContaining([
      'volunteer',
      'livelihood',
      'heart-bridge',
      'civility',
      'legal',
      'safety',
      'science',
      'care',
      'elderly-care',
      'self-governance',
    ]),
  );
});

runModuleContract(() => installedModules);
