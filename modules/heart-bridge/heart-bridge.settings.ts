import { defineSettings } from '../../src/modules';

/** Per-grid settings of the heart-bridge module. */
export const heartBridgeSettings = defineSettings({
  concernTargetDays: {
    type: 'int',
    label: { zh: '三事办结时限（天）', en: 'Concern target (days)' },
    description: {
      zh: '操心事、烦心事、揪心事应在登记后多少天内解决；超过仍未解决即标记为超期',
      en: 'Days within which a concern should be resolved after it is raised; longer is flagged overdue',
    },
    default: 15,
    min: 1,
    max: 365,
  },
  distressTargetDays: {
    type: 'int',
    label: { zh: '揪心事办结时限（天）', en: 'Distress target (days)' },
    description: {
      zh: '揪心事（最急迫的难事）应在多少天内解决，通常短于一般时限',
      en: 'Days within which a distress (the most pressing kind) should be resolved; usually shorter',
    },
    default: 7,
    min: 1,
    max: 365,
  },
});
