import { declareGridModule } from '../../src/modules';
import { anti_fraud_help, consultation, lecture, mediation_session } from './legal.kinds';
import { legalSettings } from './legal.settings';

/** 法治型网格: the legal module's identity, settings and activity kinds. */
export const legal = declareGridModule({
  id: 'legal',
  version: '1.0.0',
  name: { zh: '法治型网格', en: 'Rule of law' },
  description: {
    zh: '法律顾问登记、法治讲座、“你问我答”法律咨询、帮助老年人安装反诈APP、矛盾纠纷调解（可关联问题工单）',
    en: 'Legal advisers, legal lectures, Q&A consultations, anti-fraud app help for the elderly, mediations of disputes (linked to cases)',
  },
  settings: legalSettings,
  activityKinds: { lecture, consultation, anti_fraud_help, mediation_session },
});
