import type { MigrationObject } from '@mikro-orm/core';
import { Migration20260101000000_Initial } from './Migration20260101000000_Initial';
import { Migration20260101000050_EventCommitOrder } from './Migration20260101000050_EventCommitOrder';
import { Migration20260101000100_AuditAppendOnly } from './Migration20260101000100_AuditAppendOnly';
import { Migration20260101000200_CaseCategories } from './Migration20260101000200_CaseCategories';
import { Migration20260101000300_EventNotify } from './Migration20260101000300_EventNotify';
import { Migration20261129090121_ResidentRefusalReason } from './Migration20261129090121_ResidentRefusalReason';
import { Migration20261129090805_ModulesLivelihoodCivilityScience } from './Migration20261129090805_ModulesLivelihoodCivilityScience';
import { Migration20261129090923_Reports } from './Migration20261129090923_Reports';
import { Migration20261129091821_ModulesHeartBridgeSafety } from './Migration20261129091821_ModulesHeartBridgeSafety';
import { Migration20261129092712_ModulesCareSelfGovernance } from './Migration20261129092712_ModulesCareSelfGovernance';
import { Migration20261129093204_PerfIndexes } from './Migration20261129093204_PerfIndexes';
import { Migration20261129132212_CaseEventActionIndex } from './Migration20261129132212_CaseEventActionIndex';

/** Every migration, in order; `npm run migration:create` appends to this list. */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20260101000000_Initial', class: Migration20260101000000_Initial },
  { name: 'Migration20260101000050_EventCommitOrder', class: Migration20260101000050_EventCommitOrder },
  { name: 'Migration20260101000100_AuditAppendOnly', class: Migration20260101000100_AuditAppendOnly },
  { name: 'Migration20260101000200_CaseCategories', class: Migration20260101000200_CaseCategories },
  { name: 'Migration20260101000300_EventNotify', class: Migration20260101000300_EventNotify },
  { name: 'Migration20261129090121_ResidentRefusalReason', class: Migration20261129090121_ResidentRefusalReason },
  { name: 'Migration20261129090805_ModulesLivelihoodCivilityScience', class: Migration20261129090805_ModulesLivelihoodCivilityScience },
  { name: 'Migration20261129090923_Reports', class: Migration20261129090923_Reports },
  { name: 'Migration20261129091821_ModulesHeartBridgeSafety', class: Migration20261129091821_ModulesHeartBridgeSafety },
  { name: 'Migration20261129092712_ModulesCareSelfGovernance', class: Migration20261129092712_ModulesCareSelfGovernance },
  { name: 'Migration20261129093204_PerfIndexes', class: Migration20261129093204_PerfIndexes },
  { name: 'Migration20261129132212_CaseEventActionIndex', class: Migration20261129132212_CaseEventActionIndex },
];
