import { declareGridModule } from '../../src/modules';
import { briefing } from './heart-bridge.kinds';
import { heartBridgeSettings } from './heart-bridge.settings';

/** 连心桥型网格: the heart-bridge module's identity, settings and activity kinds. */
export const heartBridge = declareGridModule({
  id: 'heart-bridge',
  version: '1.0.0',
  name: { zh: '连心桥型网格', en: 'Heart bridge' },
  description: {
    zh: '“三事”台账（操心事、烦心事、揪心事，网格办理或转入问题处理闭环）、政策宣讲、民情台账',
    en: 'The three-concerns ledger (worries, annoyances, distresses; handled on the grid or turned into cases), policy briefings, the sentiment ledger',
  },
  settings: heartBridgeSettings,
  activityKinds: { briefing },
});
