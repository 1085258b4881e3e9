import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Message } from '../graphql/errors';
import { LocalizedText, MetricValue } from '../modules/module.types';
import { AgeBandCount } from '../staff/staff.types';
import { Department, StaffRole } from '../staff/staff.enums';
import { ReportNarrative, ReportSection, ReportSettings } from './report.entities';

@InputType('ReportPeriodInput', {
  description: 'A report period: calendar days in China, both ends included.',
})
export class ReportPeriodInput {
  @Field(() => GraphQLLocalDate, { description: 'First day, e.g. 2026-01-01.' })
  from!: string;

  @Field(() => GraphQLLocalDate, { description: 'Last day, e.g. 2026-03-31.' })
  to!: string;
}

@ObjectType('ReportGrid', { description: 'A grid named in a report.' })
export class ReportGrid {
  @Field(() => ID, { description: 'Global id of the grid.' })
  id!: string;

  @Field(() => String, { description: 'Grid code.' })
  code!: string;

  @Field(() => String, { description: 'Grid name.' })
  name!: string;
}

@ObjectType('ReportTerritory', { description: 'The community or street a report is about.' })
export class ReportTerritory {
  @Field(() => ID, { description: 'Global id.' })
  id!: string;

  @Field(() => String, { description: 'Code.' })
  code!: string;

  @Field(() => String, { description: 'Name.' })
  name!: string;
}

@ObjectType('ReportRoleCount', { description: 'People serving in one role on the last day of the period.' })
export class ReportRoleCount {
  @Field(() => StaffRole, { description: 'Role.' })
  role!: StaffRole;

  @Field(() => Int, { description: 'Distinct people.' })
  count!: number;
}

@ObjectType('ReportBasics', {
  description: '一、基本情况: the community as it stands at the end of the period.',
})
export class ReportBasics {
  @Field(() => GraphQLLocalDate, {
    description: 'The day staff figures describe: the last day of the period, or today if that is later.',
  })
  asOf!: string;

  @Field(() => Int, { description: 'Registered households (户).' })
  households!: number;

  @Field(() => Int, { description: 'Registered residents (人).' })
  residents!: number;

  @Field(() => Int, { description: 'Residential buildings (栋).' })
  residentialBuildings!: number;

  @Field(() => Int, { description: 'Active grids.' })
  grids!: number;

  @Field(() => Int, { description: '网格长 grid chiefs.' })
  gridChiefs!: number;

  @Field(() => Int, { description: '网格长助理 grid-chief assistants.' })
  gridChiefAssistants!: number;

  @Field(() => Int, { description: '网格协管员 co-managers.' })
  coManagers!: number;

  @Field(() => Int, { description: '网格员 grid workers.' })
  gridWorkers!: number;

  @Field(() => Int, { description: '网格联络员 liaisons.' })
  liaisons!: number;

  @Field(() => Int, { description: 'Distinct people holding any post in the community.' })
  staffTotal!: number;

  @Field(() => [ReportRoleCount], { description: 'People per role, every role of the ladder.' })
  staffByRole!: ReportRoleCount[];

  @Field(() => [AgeBandCount], { description: 'Grid workers per age band (<35, 35–50, >50).' })
  gridWorkerAgeBands!: AgeBandCount[];

  @Field(() => Int, { description: 'Grid workers whose birth date is not recorded.' })
  gridWorkersUnknownAge!: number;

  @Field(() => [ReportGrid], { description: 'Active grids without a grid chief in post.' })
  gridsWithoutChief!: ReportGrid[];

  @Field(() => [ReportGrid], { description: 'Active grids without a party organization.' })
  gridsWithoutPartyOrganization!: ReportGrid[];

  @Field(() => Boolean, { description: 'Every active grid has a grid chief (全覆盖).' })
  chiefCoverage!: boolean;

  @Field(() => Boolean, { description: 'Every active grid has a party organization (全覆盖).' })
  partyCoverage!: boolean;
}

@ObjectType('ReportDepartmentCount', { description: 'Co-managers from one department.' })
export class ReportDepartmentCount {
  @Field(() => Department, { description: 'Department.' })
  department!: Department;

  @Field(() => Int, { description: 'Distinct people.' })
  count!: number;
}

@ObjectType('ReportCategoryCount', { description: 'Cases solved in one category, with examples.' })
export class ReportCategoryCount {
  @Field(() => String, { description: 'Category code.' })
  code!: string;

  @Field(() => String, { description: 'Category name (Chinese).' })
  name!: string;

  @Field(() => Int, { description: 'Cases solved in the period.' })
  count!: number;

  @Field(() => [String], { description: 'Titles of up to three of them, latest first.' })
  examples!: string[];
}

@ObjectType('ReportProgress', { description: '二、推进情况与成效: what was done in the period.' })
export class ReportProgress {
  @Field(() => Int, { description: 'Trainings held (培训).' })
  trainings!: number;

  @Field(() => Int, { description: 'Grid workers in post during the period.' })
  activeGridWorkers!: number;

  @Field(() => Int, { description: 'Of those, grid workers who attended a training in the period.' })
  trainedGridWorkers!: number;

  @Field(() => Float, { nullable: true, description: 'Training rate (%); null without grid workers.' })
  trainingRate!: number | null;

  @Field(() => Int, { description: 'Log books issued (民情日志本).' })
  logBooksIssued!: number;

  @Field(() => Int, { description: 'Sentiment-log entries (民情日志).' })
  sentimentLogs!: number;

  @Field(() => Int, { description: 'Grid chiefs’ ledgers (网格长台账): one per grid chief in post.' })
  gridChiefLedgers!: number;

  @Field(() => Int, { description: 'Grid party branches (网格党支部).' })
  gridPartyBranches!: number;

  @Field(() => Int, { description: 'Residential party branches (小区党支部).' })
  residentialPartyBranches!: number;

  @Field(() => Int, { description: 'Party groups, building groups included (党小组).' })
  partyGroups!: number;

  @Field(() => Int, { description: 'Party members on the rolls.' })
  partyMembers!: number;

  @Field(() => Int, { description: 'Residents with a record (人口信息).' })
  residentsRecorded!: number;

  @Field(() => Int, { description: 'Organizations with a record (单位).' })
  organizations!: number;

  @Field(() => Int, { description: 'New economic and social organizations (两新组织).' })
  newOrganizations!: number;

  @Field(() => Int, { description: 'Residents in a vulnerable group (弱势群体).' })
  vulnerableResidents!: number;

  @Field(() => Int, { description: 'Veterans (退役军人).' })
  veterans!: number;

  @Field(() => [ReportDepartmentCount], { description: 'Co-managers per department (三支力量).' })
  coManagersByDepartment!: ReportDepartmentCount[];

  @Field(() => Int, { description: 'Cases reported in the period.' })
  casesReported!: number;

  @Field(() => Int, { description: 'Cases solved in the period.' })
  casesSolved!: number;

  @Field(() => [ReportCategoryCount], { description: 'Cases solved per category, most first.' })
  solvedByCategory!: ReportCategoryCount[];

  @Field(() => Float, { nullable: true, description: 'On-time rate (%) of the cases solved; null if none.' })
  onTimeRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'Satisfaction rate (%) of the ratings; null if none.' })
  satisfactionRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'Feedback rate (%) of the cases solved; null if none.' })
  feedbackRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean hours from report to resolution; null if none.' })
  meanHoursToResolve!: number | null;

  @Field(() => Int, { description: 'Open cases past a deadline at the end of the period.' })
  openOverdue!: number;

  @Field(() => Int, { description: 'Households given aid (扶贫帮困).' })
  aidHouseholds!: number;

  @Field(() => Int, { description: 'People helped by aid.' })
  aidPeopleHelped!: number;

  @Field(() => Int, { description: '“我是党员我帮你” services.' })
  memberServices!: number;

  @Field(() => Int, { description: 'Beneficiaries of those services.' })
  memberServiceBeneficiaries!: number;
}

@ObjectType('ReportModuleSection', {
  description: 'One characteristic-grid module enabled in the community.',
})
export class ReportModuleSection {
  @Field(() => String, { description: 'Module id, e.g. "volunteer".' })
  moduleId!: string;

  @Field(() => String, { description: 'Module name, e.g. 志愿型网格.' })
  name!: string;

  @Field(() => [ReportGrid], { description: 'Grids where it was enabled during the period.' })
  grids!: ReportGrid[];

  @Field(() => [MetricValue], { description: 'Its metrics over those grids and the period.' })
  metrics!: MetricValue[];
}

@ObjectType('ReportFinding', { description: 'A threshold the data crossed (存在的问题).' })
export class ReportFinding {
  @Field(() => String, { description: 'Stable code, e.g. "TRAINING_RATE".' })
  code!: string;

  @Field(() => String, { description: 'The finding in Chinese.' })
  text!: string;

  @Field(() => Float, { description: 'The figure.' })
  value!: number;

  @Field(() => Float, { nullable: true, description: 'The threshold it crossed; null for structural gaps.' })
  threshold!: number | null;
}

@ObjectType('ReportProblems', { description: '四、存在的问题.' })
export class ReportProblems {
  @Field(() => [ReportFinding], { description: 'Findings from the data.' })
  findings!: ReportFinding[];

  @Field(() => String, { nullable: true, description: 'The community’s own text; null if none saved.' })
  text!: string | null;
}

@ObjectType('CommunityReport', {
  description: '社区工作总结: the figures of a community’s work report for a period, in the seed’s sections.',
})
export class CommunityReport {
  @Field(() => ReportTerritory, { description: 'The community.' })
  community!: ReportTerritory;

  @Field(() => ReportTerritory, { description: 'Its street.' })
  street!: ReportTerritory;

  @Field(() => GraphQLLocalDate, { description: 'First day of the period.' })
  from!: string;

  @Field(() => GraphQLLocalDate, { description: 'Last day of the period.' })
  to!: string;

  @Field(() => Date, { description: 'When the figures were computed.' })
  generatedAt!: Date;

  @Field(() => ReportBasics, { description: '一、基本情况.' })
  basics!: ReportBasics;

  @Field(() => ReportProgress, { description: '二、推进情况与成效.' })
  progress!: ReportProgress;

  @Field(() => [ReportModuleSection], {
    description: '三、九型网格: every module enabled during the period.',
  })
  modules!: ReportModuleSection[];

  @Field(() => ReportProblems, { description: '四、存在的问题.' })
  problems!: ReportProblems;

  @Field(() => String, {
    nullable: true,
    description: '五、下一步工作安排: the community’s text; null if none.',
  })
  nextSteps!: string | null;

  @Field(() => [ReportNarrative], { description: 'Every text saved for this period, per section.' })
  narratives!: ReportNarrative[];

  @Field(() => ReportSettings, { description: 'The thresholds the findings used.' })
  settings!: ReportSettings;

  @Field(() => [MonthlyCases], { description: 'Cases reported and solved per month of the period.' })
  monthly!: MonthlyCases[];
}

@ObjectType('MonthlyCases', { description: 'Cases reported and solved in one month (or part of it).' })
export class MonthlyCases {
  @Field(() => String, { description: 'Month, YYYY-MM.' })
  month!: string;

  @Field(() => Int, { description: 'Cases reported.' })
  reported!: number;

  @Field(() => Int, { description: 'Cases solved.' })
  solved!: number;
}

@ObjectType('StreetReportRow', { description: 'The key figures of one community (or of the whole street).' })
export class StreetReportRow {
  @Field(() => ReportTerritory, { description: 'The community, or the street for the totals.' })
  territory!: ReportTerritory;

  @Field(() => Int, { description: 'Households.' })
  households!: number;

  @Field(() => Int, { description: 'Residents.' })
  residents!: number;

  @Field(() => Int, { description: 'Active grids.' })
  grids!: number;

  @Field(() => Int, { description: 'Grid workers in post on the last day.' })
  gridWorkers!: number;

  @Field(() => Float, { nullable: true, description: 'Grid-worker training rate (%).' })
  trainingRate!: number | null;

  @Field(() => Int, { description: 'Cases reported.' })
  casesReported!: number;

  @Field(() => Int, { description: 'Cases solved.' })
  casesSolved!: number;

  @Field(() => Float, { nullable: true, description: 'On-time rate (%).' })
  onTimeRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'Satisfaction rate (%).' })
  satisfactionRate!: number | null;

  @Field(() => Int, { description: 'Open cases overdue at the end of the period.' })
  openOverdue!: number;

  @Field(() => Int, { description: 'Households given aid.' })
  aidHouseholds!: number;

  @Field(() => Int, { description: '“我是党员我帮你” services.' })
  memberServices!: number;
}

@ObjectType('StreetReport', { description: 'A street’s communities side by side over a period.' })
export class StreetReport {
  @Field(() => ReportTerritory, { description: 'The street.' })
  street!: ReportTerritory;

  @Field(() => GraphQLLocalDate, { description: 'First day of the period.' })
  from!: string;

  @Field(() => GraphQLLocalDate, { description: 'Last day of the period.' })
  to!: string;

  @Field(() => [StreetReportRow], { description: 'One row per community, in code order.' })
  communities!: StreetReportRow[];

  @Field(() => StreetReportRow, { description: 'The street as a whole (rates over all its cases).' })
  total!: StreetReportRow;
}

export enum SeriesInterval {
  MONTH = 'MONTH',
  WEEK = 'WEEK',
}
registerEnumType(SeriesInterval, {
  name: 'SeriesInterval',
  description: 'Bucket size of a metric series (calendar months, or weeks from Monday, in China time).',
  valuesConfig: { MONTH: { description: '按月 per month' }, WEEK: { description: '按周 per week' } },
});

@ObjectType('MetricPoint', { description: 'A metric over one bucket of a series.' })
export class MetricPoint {
  @Field(() => Date, { description: 'Start of the bucket (inclusive).' })
  from!: Date;

  @Field(() => Date, { description: 'End of the bucket (exclusive).' })
  to!: Date;

  @Field(() => Float, { description: 'The value.' })
  value!: number;
}

@ObjectType('MetricSeries', { description: 'One metric as a time series.' })
export class MetricSeries {
  @Field(() => String, { description: 'Metric code.' })
  code!: string;

  @Field(() => LocalizedText, { description: 'Name of the figure.' })
  label!: Message;

  @Field(() => String, { description: 'Unit.' })
  unit!: string;

  @Field(() => [MetricPoint], { description: 'Points in time order.' })
  points!: MetricPoint[];
}

@InputType('SaveReportNarrativeInput', { description: 'Text for one section of one period’s report.' })
export class SaveReportNarrativeInput {
  @Field(() => ID, { description: 'The community.' })
  communityId!: string;

  @Field(() => ReportPeriodInput, { description: 'The report period.' })
  period!: ReportPeriodInput;

  @Field(() => ReportSection, { description: 'The section.' })
  section!: ReportSection;

  @Field(() => String, { description: 'The text (up to 5000 characters; empty clears it).' })
  text!: string;
}

@InputType('ReportSettingsInput', { description: 'New thresholds; omitted ones stay as they are.' })
export class ReportSettingsInput {
  @Field(() => Int, { nullable: true, description: 'Residents who refused information tolerated (≥ 0).' })
  maxRefusedResidents?: number | null;

  @Field(() => Float, { nullable: true, description: 'Lowest acceptable training rate, 0–100.' })
  minTrainingRate?: number | null;

  @Field(() => Int, { nullable: true, description: 'Overdue open cases tolerated (≥ 0).' })
  maxOverdueCases?: number | null;

  @Field(() => Float, { nullable: true, description: 'Lowest acceptable on-time rate, 0–100.' })
  minOnTimeRate?: number | null;

  @Field(() => Float, { nullable: true, description: 'Lowest acceptable satisfaction rate, 0–100.' })
  minSatisfactionRate?: number | null;
}

export { ReportSection };
