import { defineSettings } from '../../src/modules';

/** Per-grid settings of the care module. */
export const careSettings = defineSettings({
  visitIntervalDays: {
    type: 'int',
    label: { zh: '关爱周期（天）', en: 'Contact interval (days)' },
    description: {
      zh: '每位关爱对象至少每隔多少天被敲门探访或电话关爱一次；超过即计为逾期',
      en: 'Every care target is reached by a door-knock visit or a care call at least this often; longer counts as overdue',
    },
    default: 30,
    min: 1,
    max: 365,
  },
});
