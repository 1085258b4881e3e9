import { coreFeatures } from '../../features';
import type { DemoSeedStep } from './demo.seed';

/** Demo seed steps of the core features after territory and accounts, in feature order. */
export const demoSeedSteps: DemoSeedStep[] = coreFeatures.flatMap((f) => (f.seed ? [f.seed] : []));
