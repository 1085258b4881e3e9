import type { DemoSeedStep } from './demo.seed';

/** Demo seed steps of the core features after territory and accounts, in order. */
export const demoSeedSteps: DemoSeedStep[] = [];
