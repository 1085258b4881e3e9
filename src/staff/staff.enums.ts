import { registerEnumType } from 'type-graphql';

/** The staff ladder (网格员队伍), from the community supervisor down to a building head. */
export enum StaffRole {
  SUPERVISOR = 'SUPERVISOR',
  GRID_CHIEF = 'GRID_CHIEF',
  GRID_CHIEF_ASSISTANT = 'GRID_CHIEF_ASSISTANT',
  CO_MANAGER = 'CO_MANAGER',
  GRID_WORKER = 'GRID_WORKER',
  LIAISON = 'LIAISON',
  MICRO_GRID_CHIEF = 'MICRO_GRID_CHIEF',
  BUILDING_HEAD = 'BUILDING_HEAD',
}
registerEnumType(StaffRole, {
  name: 'StaffRole',
  description: 'A role on the grid staff ladder.',
  valuesConfig: {
    SUPERVISOR: { description: '督导员 supervisor (community)' },
    GRID_CHIEF: { description: '网格长 grid chief' },
    GRID_CHIEF_ASSISTANT: {
      description: '网格长助理 grid chief assistant (in-service party member from a unit)',
    },
    CO_MANAGER: { description: '网格协管员 co-manager (from a functional department)' },
    GRID_WORKER: { description: '网格员 grid worker' },
    LIAISON: { description: '网格联络员 liaison (from an organization in the area)' },
    MICRO_GRID_CHIEF: { description: '微网格长 micro-grid chief' },
    BUILDING_HEAD: { description: '楼栋长/单元长 building or unit head' },
  },
});

export const STAFF_ROLES: readonly StaffRole[] = Object.values(StaffRole);

/** Functional departments that send co-managers (网格协管员) to the grids. */
export enum Department {
  PUBLIC_SECURITY = 'PUBLIC_SECURITY',
  CIVIL_AFFAIRS = 'CIVIL_AFFAIRS',
  JUSTICE = 'JUSTICE',
  HOUSING = 'HOUSING',
  HEALTH = 'HEALTH',
  MARKET_SUPERVISION = 'MARKET_SUPERVISION',
  URBAN_MANAGEMENT = 'URBAN_MANAGEMENT',
  PARTY_SERVICE_CENTER = 'PARTY_SERVICE_CENTER',
}
registerEnumType(Department, {
  name: 'Department',
  description: 'A functional department a co-manager comes from.',
  valuesConfig: {
    PUBLIC_SECURITY: { description: '公安 public security' },
    CIVIL_AFFAIRS: { description: '民政 civil affairs' },
    JUSTICE: { description: '司法 justice' },
    HOUSING: { description: '住建 housing and construction' },
    HEALTH: { description: '卫健 health' },
    MARKET_SUPERVISION: { description: '市场监督 market supervision' },
    URBAN_MANAGEMENT: { description: '城管 urban management' },
    PARTY_SERVICE_CENTER: { description: '党群服务中心 party and public service centre' },
  },
});

/** The kind of territory node a post sits on. */
export enum PostLevel {
  COMMUNITY = 'COMMUNITY',
  GRID = 'GRID',
  MICRO_GRID = 'MICRO_GRID',
  BUILDING = 'BUILDING',
}
registerEnumType(PostLevel, {
  name: 'PostLevel',
  description: 'The kind of territory node a staff post sits on.',
  valuesConfig: {
    COMMUNITY: { description: '社区 a community' },
    GRID: { description: '网格 a grid' },
    MICRO_GRID: { description: '微网格 a micro-grid' },
    BUILDING: { description: '楼栋 a building' },
  },
});

/** Where each role serves: a supervisor oversees a community, a building head one building. */
export const ROLE_POST: Record<StaffRole, PostLevel> = {
  SUPERVISOR: PostLevel.COMMUNITY,
  GRID_CHIEF: PostLevel.GRID,
  GRID_CHIEF_ASSISTANT: PostLevel.GRID,
  CO_MANAGER: PostLevel.GRID,
  GRID_WORKER: PostLevel.GRID,
  LIAISON: PostLevel.GRID,
  MICRO_GRID_CHIEF: PostLevel.MICRO_GRID,
  BUILDING_HEAD: PostLevel.BUILDING,
};

/** What a sentiment-log entry (民情日志) is about. */
export enum SentimentCategory {
  LIVELIHOOD = 'LIVELIHOOD',
  DISPUTE = 'DISPUTE',
  SAFETY_HAZARD = 'SAFETY_HAZARD',
  ENVIRONMENT = 'ENVIRONMENT',
  POLICY_INQUIRY = 'POLICY_INQUIRY',
  SUGGESTION = 'SUGGESTION',
  CARE = 'CARE',
  OTHER = 'OTHER',
}
registerEnumType(SentimentCategory, {
  name: 'SentimentCategory',
  description: 'What a sentiment-log entry (民情日志) is about.',
  valuesConfig: {
    LIVELIHOOD: { description: '民生诉求 livelihood needs' },
    DISPUTE: { description: '矛盾纠纷 disputes' },
    SAFETY_HAZARD: { description: '安全隐患 safety hazards' },
    ENVIRONMENT: { description: '环境卫生 environment and sanitation' },
    POLICY_INQUIRY: { description: '政策咨询 policy questions' },
    SUGGESTION: { description: '意见建议 opinions and suggestions' },
    CARE: { description: '关爱帮扶 care and help for people in need' },
    OTHER: { description: '其他 other' },
  },
});
