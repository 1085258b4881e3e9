import { declareGridModule } from '../../src/modules';
import { consultation, phase_change } from './livelihood.kinds';
import { livelihoodSettings } from './livelihood.settings';

/** 惠民型网格: the livelihood module's identity, settings and activity kinds. */
export const livelihood = declareGridModule({
  id: 'livelihood',
  version: '1.0.0',
  name: { zh: '惠民型网格', en: 'Livelihood' },
  description: {
    zh: '老旧小区改造：项目与改造内容（管网、线路、道路、拆墙、拆违、环境），拆整改建清管六个阶段，问需、问计、问效于民',
    en: 'Old-community renovation: projects and their scope (pipes, wiring, roads, fences, illegal structures, environment) through six phases, resident consultations before, during and after',
  },
  settings: livelihoodSettings,
  activityKinds: { phase_change, consultation },
});
