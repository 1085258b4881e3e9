import { defineGridModule } from '../../src/modules';
import { scienceMetrics } from './science.metrics';
import { science } from './science.module';
import { seedScience } from './science.seed';

/** 科普型网格 — science lectures, water-saving campaigns, e-newsletters and hand-written newspapers. */
export default defineGridModule(science, {
  metrics: scienceMetrics,
  seed: seedScience,
});
