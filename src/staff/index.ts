import { admin, authenticated } from '../auth/permissions';
import type { Feature } from '../graphql/feature';
import { LogBook, SentimentLog } from './sentiment-log.entity';
import { getLogBook, getSentimentLog } from './sentiment-log.service';
import { StaffAssignment } from './staff-assignment.entity';
import { StaffMember } from './staff-member.entity';
import {
  GridStaffFieldResolver,
  LogBookFieldResolver,
  SentimentLogFieldResolver,
  StaffAssignmentFieldResolver,
  StaffMemberFieldResolver,
  StaffResolver,
  TrainingFieldResolver,
  ViewerStaffFieldResolver,
} from './staff.resolver';
import { staffMetrics } from './staff.metrics';
import { seedStaff } from './staff.seed';
import { getStaffAssignment, getStaffMember } from './staff.service';
import { Training, TrainingAttendance } from './training.entity';
import { getTraining } from './training.service';

export { LogBook, SentimentLog, StaffAssignment, StaffMember, Training, TrainingAttendance };
export { Department, PostLevel, SentimentCategory, StaffRole, STAFF_ROLES } from './staff.enums';
export { ageBandsOf, DEFAULT_AGE_BANDS, roster, rosters, trainingRate } from './roster.service';
export { sentimentLogCounts } from './sentiment-log.service';
export { Roster, TrainingRate } from './staff.types';
export { staffMetrics } from './staff.metrics';

/** Staff members, assignments on the ladder, roster, trainings, sentiment logs. */
export const staffFeature: Feature = {
  name: 'staff',
  area: 'people',
  entities: [StaffMember, StaffAssignment, Training, TrainingAttendance, SentimentLog, LogBook],
  resolvers: [
    StaffResolver,
    StaffMemberFieldResolver,
    StaffAssignmentFieldResolver,
    GridStaffFieldResolver,
    TrainingFieldResolver,
    SentimentLogFieldResolver,
    LogBookFieldResolver,
    ViewerStaffFieldResolver,
  ],
  permissions: {
    Query: {
      staffMembers: authenticated,
      roster: authenticated,
      trainingRate: authenticated,
      trainings: authenticated,
      sentimentLogs: authenticated,
      logBooks: authenticated,
      sentimentLogCounts: authenticated,
    },
    Mutation: {
      createStaffMember: admin,
      updateStaffMember: admin,
      assignStaff: admin,
      endAssignment: admin,
      createTraining: admin,
      recordAttendance: admin,
      issueLogBook: admin,
      // Grid staff write their own entries; the service checks who may write what.
      createSentimentLog: authenticated,
    },
    StaffMember: authenticated,
    StaffMemberConnection: authenticated,
    StaffMemberEdge: authenticated,
    StaffAssignment: authenticated,
    StaffAssignmentConnection: authenticated,
    StaffAssignmentEdge: authenticated,
    Training: authenticated,
    TrainingConnection: authenticated,
    TrainingEdge: authenticated,
    SentimentLog: authenticated,
    SentimentLogConnection: authenticated,
    SentimentLogEdge: authenticated,
    LogBook: authenticated,
    LogBookConnection: authenticated,
    LogBookEdge: authenticated,
    Roster: authenticated,
    StaffRoleCount: authenticated,
    AgeBandCount: authenticated,
    TrainingRate: authenticated,
    GridStaffLogCount: authenticated,
  },
  nodes: {
    StaffMember: getStaffMember,
    StaffAssignment: getStaffAssignment,
    Training: getTraining,
    SentimentLog: getSentimentLog,
    LogBook: getLogBook,
  },
  seed: seedStaff,
  metrics: staffMetrics,
};
