import { defineSettings } from '../../src/modules';

/** Per-grid settings of the science module. */
export const scienceSettings = defineSettings({
  youthMaxAge: {
    type: 'int',
    label: { zh: '青少年年龄上限', en: 'Youth age limit' },
    description: {
      zh: '参与者在此年龄及以下计为青少年；记录活动时据此统计青少年人数',
      en: 'Participants of this age or younger count as young people when events are recorded',
    },
    default: 18,
    min: 6,
    max: 45,
  },
});
