import { defineSettings } from '../../src/modules';

/** Per-grid settings of the home elderly care module. */
export const elderlyCareSettings = defineSettings({
  visitIntervalDays: {
    type: 'int',
    label: { zh: '探访周期（天）', en: 'Visit interval (days)' },
    description: {
      zh: '每位在册老人至少每隔多少天探访一次；超过即计为逾期未探访',
      en: 'Every registered elderly person is visited at least this often; longer counts as overdue',
    },
    default: 30,
    min: 1,
    max: 365,
  },
  minAge: {
    type: 'int',
    label: { zh: '建档最低年龄', en: 'Minimum age' },
    description: {
      zh: '登记老人档案的最低年龄（出生日期已知时校验）',
      en: 'Youngest age at which a resident can be registered (checked when the birth date is known)',
    },
    default: 60,
    min: 50,
    max: 100,
  },
});
