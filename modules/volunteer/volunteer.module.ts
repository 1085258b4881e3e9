import { declareGridModule } from '../../src/modules';
import { service } from './volunteer.kinds';
import { volunteerSettings } from './volunteer.settings';

/** 志愿型网格: the volunteer module's identity, settings and activity kinds. */
export const volunteer = declareGridModule({
  id: 'volunteer',
  version: '1.0.0',
  name: { zh: '志愿型网格', en: 'Volunteer grid' },
  description: {
    zh: '志愿服务队与志愿者登记、志愿服务记录（跑腿代购、垃圾清运、心理疏导、上门检测与接种陪同）、志愿者与住户结对子',
    en: 'Volunteer teams and volunteers, services (errands, waste removal, counselling, testing and vaccination escort), pairings of volunteers with households',
  },
  settings: volunteerSettings,
  activityKinds: { service },
});
