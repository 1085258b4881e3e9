import { declareGridModule } from '../../src/modules';
import { call, help, visit } from './care.kinds';
import { careSettings } from './care.settings';

/** 关爱型网格: the care module's identity, settings and activity kinds. */
export const care = declareGridModule({
  id: 'care',
  version: '1.0.0',
  name: { zh: '关爱型网格', en: 'Care' },
  description: {
    zh: '关爱对象信息资料库，关爱服务队，“敲敲门”上门探访与电话关爱，重大节日全部帮、特困对象重点帮、突发事件及时帮；按关爱周期统计覆盖率与逾期对象',
    en: 'The care register of residents needing care, care volunteer teams, door-knock visits and care calls, festival, hardship and emergency help; coverage and overdue targets under the contact interval',
  },
  settings: careSettings,
  activityKinds: { visit, call, help },
});
