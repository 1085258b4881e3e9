import { declareGridModule } from '../../src/modules';
import { discussion, step } from './self-governance.kinds';
import { selfGovernanceSettings } from './self-governance.settings';

/** 居民自治: residents' matters from proposal to evaluation; any grid may enable it. */
export const selfGovernance = declareGridModule({
  id: 'self-governance',
  version: '1.0.0',
  name: { zh: '居民自治', en: "Residents' self-governance" },
  description: {
    zh: '民事民提、民事民议、民事民决（一户一票）、民事民筹、民事民办，完成后由居民评价',
    en: "Residents' matters: proposed by a resident, discussed, decided by the households' vote (one household one vote), funded, carried out and evaluated",
  },
  settings: selfGovernanceSettings,
  activityKinds: { discussion, step },
});
