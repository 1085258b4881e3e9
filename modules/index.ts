import type { AnyGridModule } from '../src/modules';
import care from './care';
import civility from './civility';
import elderlyCare from './elderly-care';
import heartBridge from './heart-bridge';
import legal from './legal';
import livelihood from './livelihood';
import safety from './safety';
import science from './science';
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
  heartBridge,
  safety,
  livelihood,
  civility,
  science,
  care,
  selfGovernance,
];
