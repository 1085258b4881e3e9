import { defineSettings } from '../../src/modules';

const day = (value: string, zh: string, en: string) => ({ value, label: { zh, en } });

/** Per-grid settings of the legal module. */
export const legalSettings = defineSettings({
  consultationDay: {
    type: 'enum',
    label: { zh: '律师坐班日', en: 'Consultation day' },
    description: {
      zh: '法律顾问每周在网格坐班、接受“你问我答”咨询的日子，向居民公示',
      en: 'The weekday the legal adviser holds Q&A hours on the grid, shown to residents',
    },
    values: [
      day('MONDAY', '星期一', 'Monday'),
      day('TUESDAY', '星期二', 'Tuesday'),
      day('WEDNESDAY', '星期三', 'Wednesday'),
      day('THURSDAY', '星期四', 'Thursday'),
      day('FRIDAY', '星期五', 'Friday'),
      day('SATURDAY', '星期六', 'Saturday'),
      day('SUNDAY', '星期日', 'Sunday'),
    ],
    default: 'WEDNESDAY',
  },
  mediationTargetDays: {
    type: 'int',
    label: { zh: '调解办结时限（天）', en: 'Mediation target (days)' },
    description: {
      zh: '调解应在受理后多少天内办结；超过即标记为超期',
      en: 'Days within which a mediation should end after it is taken on; longer is flagged overdue',
    },
    default: 30,
    min: 1,
    max: 365,
  },
});
