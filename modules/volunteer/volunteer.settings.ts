import { defineSettings } from '../../src/modules';

/** Per-grid settings of the volunteer module. */
export const volunteerSettings = defineSettings({
  maxHoursPerService: {
    type: 'float',
    label: { zh: '单次服务时长上限（小时）', en: 'Longest service (hours)' },
    description: {
      zh: '一次服务每名志愿者可记录的最长时长，超出视为录入错误',
      en: 'Longest time one volunteer may log for one service; more is refused as a likely typo',
    },
    default: 8,
    min: 0.5,
    max: 24,
  },
  residentsOnly: {
    type: 'boolean',
    label: { zh: '仅限本网格居民', en: 'Residents only' },
    description: {
      zh: '开启后，只能登记本网格的居民为志愿者',
      en: 'When on, only residents of the grid can be registered as volunteers',
    },
    default: false,
  },
});
