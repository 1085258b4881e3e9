import { declareGridModule } from '../../src/modules';
import { campaign, inspection } from './civility.kinds';
import { civilitySettings } from './civility.settings';

/** 文明型网格: the civility module's identity, settings and activity kinds. */
export const civility = declareGridModule({
  id: 'civility',
  version: '1.0.0',
  name: { zh: '文明型网格', en: 'Civility' },
  description: {
    zh: '文明创建活动、楼栋与区域环境卫生检查评分、不文明行为报告与跟进处理',
    en: 'Civility campaigns, scored environment inspections of buildings and areas, uncivil-behaviour reports followed up to resolution',
  },
  settings: civilitySettings,
  activityKinds: { campaign, inspection },
});
