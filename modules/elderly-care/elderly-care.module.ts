import { declareGridModule } from '../../src/modules';
import { birthday, clinic, visit } from './elderly-care.kinds';
import { elderlyCareSettings } from './elderly-care.settings';

/** 居家养老型网格: the home elderly care module's identity, settings and activity kinds. */
export const elderlyCare = declareGridModule({
  id: 'elderly-care',
  version: '1.0.0',
  name: { zh: '居家养老型网格', en: 'Home elderly care' },
  description: {
    zh: '空巢、独居、失能老人建档，结对帮扶，上门探访与慰问，健康义诊，集体生日会；按探访周期提示逾期未探访的老人',
    en: 'Profiles of empty-nest, living-alone and dependent elderly, helper pairings, home and condolence visits, health clinics, birthday celebrations; flags elderly overdue for a visit',
  },
  settings: elderlyCareSettings,
  activityKinds: { visit, clinic, birthday },
});
