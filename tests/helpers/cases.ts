import { errorCode, ok, type GqlResult, type TestServer } from './test-server';

/** Fields most case tests look at. */
export const CASE = `id version state level scale source title description grid { id code } community { id }
  category { code } responsibleKind department dueAt overallDueAt stepNo reportedAt resolvedAt closedAt
  rating overdue dueSoon availableActions lng lat`;

export const MUTATIONS = {
  accept: ['acceptCase', 'AcceptCaseInput'],
  assign: ['assignCase', 'AssignCaseInput'],
  start: ['startCase', 'CaseActionInput'],
  resolve: ['resolveCase', 'ResolveCaseInput'],
  feedback: ['giveCaseFeedback', 'CaseFeedbackInput'],
  rate: ['rateCase', 'RateCaseInput'],
  close: ['closeCase', 'CaseActionInput'],
  reopen: ['reopenCase', 'CaseReasonInput'],
  reject: ['rejectCase', 'CaseReasonInput'],
  escalate: ['escalateCase', 'CaseActionInput'],
  sendToMeeting: ['sendCaseToJointMeeting', 'SendToJointMeetingInput'],
  requestExtension: ['requestCaseExtension', 'RequestExtensionInput'],
  approveExtension: ['approveCaseExtension', 'ApproveExtensionInput'],
  denyExtension: ['denyCaseExtension', 'CaseActionInput'],
  requestReturn: ['requestCaseReturn', 'CaseReasonInput'],
  approveReturn: ['approveCaseReturn', 'CaseActionInput'],
  denyReturn: ['denyCaseReturn', 'CaseActionInput'],
  supervise: ['superviseCase', 'CaseReasonInput'],
  decide: ['recordJointMeetingDecision', 'JointMeetingDecisionInput'],
} as const;

export type Step = keyof typeof MUTATIONS;

/** Runs one case mutation and returns the raw result. */
export function act(
  s: TestServer,
  token: string,
  step: Step,
  input: Record<string, unknown>,
  fields = CASE,
): Promise<GqlResult> {
  const [name, type] = MUTATIONS[step];
  return s.gql(`mutation($input: ${type}!) { ${name}(input: $input) { ${fields} } }`, { input }, { token });
}

/** Runs one case mutation that must succeed and returns the case. */
export async function must(
  s: TestServer,
  token: string,
  step: Step,
  input: Record<string, unknown>,
  fields = CASE,
): Promise<any> {
  const [name] = MUTATIONS[step];
  return ok(await act(s, token, step, input, fields))[name];
}

export async function report(
  s: TestServer,
  token: string,
  input: Record<string, unknown>,
  fields = CASE,
): Promise<GqlResult> {
  return s.gql(
    `mutation($input: ReportCaseInput!) { reportCase(input: $input) { ${fields} } }`,
    { input },
    { token },
  );
}

export async function mustReport(s: TestServer, token: string, input: Record<string, unknown>): Promise<any> {
  return ok(await report(s, token, input)).reportCase;
}

export async function categories(s: TestServer, token: string): Promise<Record<string, string>> {
  const list = ok(await s.gql('{ caseCategories { id code } }', {}, { token })).caseCategories as any[];
  return Object.fromEntries(list.map((c) => [c.code, c.id]));
}

/** Grid global ids by code. */
export async function grids(s: TestServer, token: string): Promise<Record<string, any>> {
  const list = ok(await s.gql('{ grids(first: 50) { nodes { id code boundary } } }', {}, { token })).grids
    .nodes;
  return Object.fromEntries(list.map((g: any) => [g.code, g]));
}

export async function getCase(s: TestServer, token: string, id: string, fields = CASE): Promise<any> {
  return ok(await s.gql(`query($id: ID!) { node(id: $id) { ... on Case { ${fields} } } }`, { id }, { token }))
    .node;
}

export function gid(type: string, uuid: string): string {
  return Buffer.from(`${type}:${uuid}`).toString('base64url');
}

export function uuidOf(globalId: string): string {
  return Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]!;
}

/** A staff member on a grid's roster as a grid worker today (from the database, as a fixture). */
export async function gridWorkerStaff(s: TestServer, gridCode: string): Promise<string> {
  const rows = await s
    .em()
    .getConnection()
    .execute(
      `select a.staff_member_id as id from staff_assignment a join grid g on g.id = a.grid_id
       where g.code = ? and a.role = 'GRID_WORKER' and a.end_date is null order by a.staff_member_id limit 1`,
      [gridCode],
    );
  return gid('StaffMember', rows[0].id);
}

/** Counts of the rows an action writes: nothing may change when it is refused. */
export async function writeCounts(s: TestServer): Promise<Record<string, number>> {
  const [row] = await s
    .em()
    .getConnection()
    .execute(
      `select (select count(*) from case_record)::int as cases, (select count(*) from case_event)::int as steps,
              (select count(*) from event)::int as events, (select coalesce(sum(version), 0) from case_record)::int as versions,
              (select count(*) from joint_meeting_item)::int as items`,
    );
  return row;
}

export function expectCode(res: GqlResult, code: string, field?: string): void {
  if (errorCode(res) !== code)
    throw new Error(`expected ${code}, got ${JSON.stringify(res.errors ?? res.data)}`);
  if (field !== undefined && res.errors?.[0]?.extensions?.field !== field) {
    throw new Error(`expected field ${field}, got ${JSON.stringify(res.errors?.[0]?.extensions)}`);
  }
}

export const hoursFrom = (d: Date, h: number): string =>
  new Date(d.getTime() + h * 3600 * 1000).toISOString();
