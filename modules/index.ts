import type { AnyGridModule } from '../src/modules';
import care from './care';
import elderlyCare from './elderly-care';
import legal from './legal';
import selfGovernance from './self-governance';
import volunteer from './volunteer';

/**
 * The installed characteristic-grid modules, listed explicitly. Adding a module is one folder
 * (modules/<id>) and one line here; nothing else in the core changes.
 */
export const installedModules: readonly AnyGridModule[] = [
  volunteer,
  elderlyCare,
  legal,
  care,
  selfGovernance,
];
