import { declareGridModule } from '../../src/modules';
import { handwritten_newspaper, lecture, newsletter, water_saving } from './science.kinds';
import { scienceSettings } from './science.settings';

/** 科普型网格: the science module's identity, settings and activity kinds. */
export const science = declareGridModule({
  id: 'science',
  version: '1.0.0',
  name: { zh: '科普型网格', en: 'Science outreach' },
  description: {
    zh: '科普讲座、节水宣传、电子科普报、科普手抄报，统计青少年参与',
    en: 'Science lectures, water-saving campaigns, e-newsletters and hand-written newspapers, counting young participants',
  },
  settings: scienceSettings,
  activityKinds: { lecture, water_saving, newsletter, handwritten_newspaper },
});
