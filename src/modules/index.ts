/*
 * The module SDK: everything a characteristic-grid module (modules/<id>) imports from the core
 * besides the public exports of core folders (src/territory, src/people...). See README.md.
 */
export {
  activityKind,
  declareGridModule,
  defineGridModule,
  defineSettings,
  kindsFor,
  type ActivityKindSpec,
  type ActivityKinds,
  type AnyGridModule,
  type GridModuleManifest,
  type ModuleContract,
  type ModuleHooks,
  type ModuleSeed,
} from './define';
export { ref, localDate } from './details';
export { ModuleRecord } from './module-record';
export {
  linkedCase,
  linkedCaseOutcome,
  linkedRecords,
  openLinkedCase,
  seedCaseLink,
  type LinkedCaseChange,
  type LinkedCaseInput,
  type LinkedCaseOutcome,
} from './case-link';
export { ModuleCaseLink } from './case-link.entity';
export { moduleEvent } from './events';
export { Node } from '../db/base.entity';
export { Activity } from './activity.entity';
export { toView as activityView, type ActivityData } from './activity.service';
export type { EnabledGrid } from './enablement.service';
export { LocalDateType } from '../db/local-date.type';
export {
  addDays,
  asCalendarDate,
  calendarDate,
  daysBetween,
  localDateOf,
  notAfterToday,
  PLATFORM_TIME_ZONE,
  todayOf,
} from './dates';
export { fenToYuan, MAX_YUAN, yuanAmount, yuanToFen } from './money';
export {
  activeOn,
  asOf,
  AS_OF_DAY,
  contactDueOn,
  endEntry,
  endEntryInput,
  lastContactLoader,
  registerCounts,
  type ContactRegister,
  type RegisterCounts,
} from './register';
export type { SettingsSpec, SettingsValues, SettingSpec } from './settings';
export { pgUuidArray, type MetricDefinition, type MetricEnv, type MetricScope, type Period } from './metric';
export { activityAggregate, activityMetric, percent, periodAggregate, sqlValue } from './sql';
export { daysAgo, demoGrid, seedActivity, seedEnable } from './seed';
export {
  findReadable,
  listFiltered,
  listReadable,
  readableWhere,
  sameGridRecord,
  sameGridRecords,
  writableRecord,
} from './records';
export { checkPhaseMove, type PhaseMove, type PhaseMoveFields } from './phases';
export { notMoreThan, score } from './fields';
export { appendFollowUp, checkPastTime, FollowUpEntry, MAX_FOLLOW_UPS, type FollowUpData } from './follow-up';

// Core helpers modules need, re-exported so a module depends on one import path.
export { admin, allow, authenticated, type RuleMap } from '../auth/permissions';
export { isAdmin, requireViewer } from '../auth/viewer';
export { escapeLike, flushOrConflict } from '../db/helpers';
export type { DemoTerritory } from '../db/seed/demo.seed';
export { chineseName, SeededRandom } from '../db/seed/random';
export { ConnectionResult, ConnectionType, PageArgs, toPage, type Page } from '../graphql/connection';
export { badInput, conflict, forbidden, invalidTransition, notFound, type Message } from '../graphql/errors';
export { fromGlobalId, fromOptionalGlobalId, toGlobalId } from '../graphql/global-id';
export { decodeIds } from './ids';
export { byId, countBy } from '../graphql/loaders';
export { longText, parseInput, text } from '../graphql/validate';
export { loader, type RequestContext } from '../server/context';
