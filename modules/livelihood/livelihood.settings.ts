import { defineSettings } from '../../src/modules';

/** Per-grid settings of the livelihood module. */
export const livelihoodSettings = defineSettings({
  requireNeedsConsultation: {
    type: 'boolean',
    label: { zh: '先问需后施工', en: 'Ask residents first' },
    description: {
      zh: '开启后，项目须先有“问需于民”征询记录，才能推进到下一阶段',
      en: 'When on, a project moves forward only once a needs consultation (问需于民) is on record',
    },
    default: true,
  },
});
