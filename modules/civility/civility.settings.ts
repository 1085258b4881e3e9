import { defineSettings } from '../../src/modules';

/** Per-grid settings of the civility module. */
export const civilitySettings = defineSettings({
  passingScore: {
    type: 'int',
    label: { zh: '环境检查合格分', en: 'Passing score' },
    description: {
      zh: '环境卫生检查得分达到该分数即为合格，用于计算合格率',
      en: 'An environment inspection scoring at least this passes; used for the pass rate',
    },
    default: 80,
    min: 0,
    max: 100,
  },
});
