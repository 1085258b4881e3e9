/** What the benchmark asks, as a frontend asks it: through the public schema, as a community admin. */

export const OPEN_STATES = [
  'REPORTED',
  'ACCEPTED',
  'ASSIGNED',
  'IN_PROGRESS',
  'EXTENSION_REQUESTED',
  'RETURN_REQUESTED',
  'ESCALATED',
  'JOINT_MEETING',
  'RESOLVED',
  'FEEDBACK_GIVEN',
  'REOPENED',
];

export const GRID_METRICS = [
  'cases.reported',
  'cases.solved',
  'cases.on_time_rate',
  'activities.count',
  'activities.beneficiaries',
];

/** The tag the residents page filters by: common enough that every grid fills a page of 100. */
export const RESIDENT_TAG = 'EMPTY_NEST';

export const GRID_PAGE = `query GridPage($grid: ID!, $period: PeriodInput!, $open: [CaseState!]) {
  node(id: $grid) {
    ... on Grid {
      id
      code
      name
      theme
      householdCount
      residentCount
      roster { total byRole { role count } }
      modules { moduleId enabled enabledAt }
      metrics(codes: ${JSON.stringify(GRID_METRICS)}, period: $period) { code value }
    }
  }
  cases(first: 1, filter: { gridId: $grid, states: $open }) { totalCount }
}`;

export const RESIDENTS_PAGE = `query ResidentsPage($grid: ID!, $first: Int!) {
  residents(first: $first, filter: { gridId: $grid, tags: [${RESIDENT_TAG}] }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id
      name
      gender
      age
      residency
      idNumber
      phone
      tags
      household { id householdNumber address }
    }
  }
}`;

export const CASES_PAGE = `query CasesPage($community: ID!, $first: Int!) {
  cases(first: $first, filter: { communityId: $community }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id
      title
      state
      reportedAt
      dueAt
      category { code nameZh }
      assignee { id name }
      timeline(last: 3) { version action fromState toState at actorName }
    }
  }
}`;

export const ACTIVITY_FEED = `query ActivityFeed($community: ID!, $first: Int!) {
  activities(first: $first, filter: { communityId: $community }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      __typename
      id
      kind
      moduleId
      title
      occurredAt
      participants
      beneficiaries
      grid { id name }
    }
  }
}`;

export const REPORT_CASE = `mutation ReportCase($input: ReportCaseInput!) {
  reportCase(input: $input) { id state dueAt }
}`;

export interface Ids {
  /** Global ids. */
  grid: string;
  community: string;
  category: string;
}

export interface Scenario {
  key: string;
  title: string;
  /** Page size, where the scenario has one. */
  first?: number;
  query: string;
  variables(ids: Ids, now: Date): Record<string, unknown>;
  /** Served by the raw-SQL floor too. */
  floor: boolean;
}

const period = (now: Date) => ({
  from: new Date(now.getTime() - 365 * 86_400_000).toISOString().slice(0, 10) + 'T00:00:00.000Z',
  to: now.toISOString().slice(0, 10) + 'T00:00:00.000Z',
});

export function readScenarios(): Scenario[] {
  return [
    {
      key: 'grid',
      title: '1 grid page',
      query: GRID_PAGE,
      variables: (ids, now) => ({ grid: ids.grid, period: period(now), open: OPEN_STATES }),
      floor: true,
    },
    ...[10, 50, 100].map(
      (first): Scenario => ({
        key: `residents-${first}`,
        title: `2 residents page (${first})`,
        first,
        query: RESIDENTS_PAGE,
        variables: (ids) => ({ grid: ids.grid, first }),
        floor: first === 50,
      }),
    ),
    ...[10, 50, 100].map(
      (first): Scenario => ({
        key: `cases-${first}`,
        title: `3 cases page (${first})`,
        first,
        query: CASES_PAGE,
        variables: (ids) => ({ community: ids.community, first }),
        floor: first === 50,
      }),
    ),
    ...[10, 50, 100].map(
      (first): Scenario => ({
        key: `activities-${first}`,
        title: `4 activity feed (${first})`,
        first,
        query: ACTIVITY_FEED,
        variables: (ids) => ({ community: ids.community, first }),
        floor: first === 50,
      }),
    ),
  ];
}
