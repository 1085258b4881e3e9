import { admin, authenticated } from '../auth/permissions';
import type { Feature } from '../graphql/feature';
import { CaseCategory } from './case-category.entity';
import { CaseCategoryResolver } from './case-category.resolver';
import { getCategory } from './case-category.service';
import { Case } from './case.entity';
import { CaseEvent } from './case-event.entity';
import { caseMetricDefinitions } from './case-metrics';
import { CaseOverdue } from './case-overdue.entity';
import { CaseFieldResolver, CaseResolver } from './case.resolver';
import { getCase } from './case.service';
import { SWEEP_INTERVAL_MS } from './case-sla';
import { sweepCases } from './case-sweeper';
import { seedCases } from './cases.seed';
import { JointMeeting, JointMeetingItem } from './joint-meeting.entity';
import {
  JointMeetingFieldResolver,
  JointMeetingItemFieldResolver,
  JointMeetingResolver,
} from './joint-meeting.resolver';
import { getJointMeeting } from './joint-meeting.service';

export { Case, CaseCategory, CaseEvent, CaseOverdue, JointMeeting, JointMeetingItem };
export {
  CaseAction,
  CaseLevel,
  CaseScale,
  CaseSource,
  CaseState,
  FeedbackChannel,
  OPEN_STATES,
  ResponsibleKind,
} from './case.enums';
export { TRANSITIONS, allowedActions } from './case-state-machine';
export { sweepCases, type SweepResult } from './case-sweeper';
export { caseMetricDefinitions } from './case-metrics';
export { reportCase, type ReportCaseData } from './case.service';
export { observeCaseStates, type CaseStateChange, type CaseStateObserver } from './case-observers';

/** The closed loop of cases (问题处理闭环). */
export const casesFeature: Feature = {
  name: 'cases',
  area: 'cases',
  entities: [CaseCategory, Case, CaseEvent, CaseOverdue, JointMeeting, JointMeetingItem],
  resolvers: [
    CaseResolver,
    CaseFieldResolver,
    CaseCategoryResolver,
    JointMeetingResolver,
    JointMeetingFieldResolver,
    JointMeetingItemFieldResolver,
  ],
  permissions: {
    Query: {
      cases: authenticated,
      caseLedger: authenticated,
      caseMetrics: authenticated,
      caseTransitions: authenticated,
      caseCategories: authenticated,
      jointMeetings: authenticated,
    },
    Mutation: {
      reportCase: authenticated,
      acceptCase: authenticated,
      assignCase: authenticated,
      startCase: authenticated,
      resolveCase: authenticated,
      giveCaseFeedback: authenticated,
      rateCase: authenticated,
      closeCase: authenticated,
      reopenCase: authenticated,
      rejectCase: authenticated,
      escalateCase: authenticated,
      sendCaseToJointMeeting: authenticated,
      requestCaseExtension: authenticated,
      approveCaseExtension: authenticated,
      denyCaseExtension: authenticated,
      requestCaseReturn: authenticated,
      approveCaseReturn: authenticated,
      denyCaseReturn: authenticated,
      superviseCase: authenticated,
      scheduleJointMeeting: admin,
      recordJointMeetingDecision: admin,
      createCaseCategory: admin,
      updateCaseCategory: admin,
    },
    Case: authenticated,
    CaseConnection: authenticated,
    CaseEdge: authenticated,
    CaseEvent: authenticated,
    CaseOverdueRecord: authenticated,
    CaseCategory: authenticated,
    CaseCategoryCount: authenticated,
    CaseMetrics: authenticated,
    CaseTransition: authenticated,
    JointMeeting: authenticated,
    JointMeetingConnection: authenticated,
    JointMeetingEdge: authenticated,
    JointMeetingItem: authenticated,
  },
  nodes: { Case: getCase, CaseCategory: getCategory, JointMeeting: getJointMeeting },
  seed: seedCases,
  metrics: caseMetricDefinitions,
  workers: [
    {
      name: 'cases.sla-sweeper',
      intervalMs: SWEEP_INTERVAL_MS,
      run: async (em, app) => {
        await sweepCases(em, app);
      },
    },
  ],
};
