import { declareGridModule } from '../../src/modules';
import { patrol } from './safety.kinds';
import { safetySettings } from './safety.settings';

/** 平安型网格: the safety module's identity, settings and activity kinds. */
export const safety = declareGridModule({
  id: 'safety',
  version: '1.0.0',
  name: { zh: '平安型网格', en: 'Safe community' },
  description: {
    zh: '微网格长日常巡查、巡查发现隐患转为案件闭环处理、矛盾纠纷受理分流至责任主体并反馈居民（纠纷台账）',
    en: 'Micro-grid patrols, hazards found on patrol handled as cases, disputes routed to the responsible party with a ledger and feedback to the resident',
  },
  settings: safetySettings,
  activityKinds: { patrol },
});
