import { toGlobalId } from '../../src/graphql/global-id';
import { DomainEvent } from '../../src/integration';
import { Household, Resident } from '../../src/people';
import { createTestServer, errorCode, ok, TestClock, type TestServer } from '../../tests/helpers/test-server';
import {
  SelfGovernanceBallot,
  SelfGovernanceMatter,
  SelfGovernanceReceipt,
  SelfGovernanceVote,
} from './self-governance.entities';

let s: TestServer;
let admin: string;
let worker: string;
let worker2: string;
let grid: string;
let legalGrid: string;
let otherGrid: string;
const clock = new TestClock();

const DAY = 24 * 3600 * 1000;
const uuidOf = (gid: string) => Buffer.from(gid, 'base64url').toString().split(':')[1]!;
const field = (res: { errors?: { extensions?: Record<string, any> }[] }) =>
  res.errors?.[0]?.extensions?.field;

const MATTER = `id title stage nextStages fundingGoalYuan pledgedYuan receivedYuan evaluationScore proposer { id } grid { id }
  vote { id open ballotsCast eligibleHouseholds quorumPercent majorityPercent forVotes againstVotes abstainVotes turnoutPercent quorumMet approved }`;
const PROPOSE = `mutation($i: ProposeSelfGovernanceMatterInput!) { proposeSelfGovernanceMatter(input: $i) { ${MATTER} } }`;
const move = (name: string, input = 'SelfGovernanceMatterRefInput') =>
  `mutation($i: ${input}!) { ${name}(input: $i) { ${MATTER} } }`;
const DISCUSS = move('startSelfGovernanceDiscussion');
const FUND = move('startSelfGovernanceFunding', 'StartSelfGovernanceFundingInput');
const EXECUTE = move('startSelfGovernanceExecution');
const COMPLETE = move('completeSelfGovernanceMatter', 'CompleteSelfGovernanceMatterInput');
const EVALUATE = move('evaluateSelfGovernanceMatter', 'EvaluateSelfGovernanceMatterInput');
const OPEN = `mutation($i: OpenSelfGovernanceVoteInput!) { openSelfGovernanceVote(input: $i) {
  id question open closesAt quorumPercent majorityPercent matter { stage } } }`;
const CLOSE = `mutation($i: SelfGovernanceMatterRefInput!) { closeSelfGovernanceVote(input: $i) {
  open ballotsCast eligibleHouseholds forVotes againstVotes abstainVotes turnoutPercent quorumMet approved matter { stage } } }`;
const BALLOT = `mutation($i: CastSelfGovernanceBallotInput!) { castSelfGovernanceBallot(input: $i) {
  id choice household { id } vote { ballotsCast } } }`;
const PLEDGE = `mutation($i: PledgeSelfGovernanceFundsInput!) { pledgeSelfGovernanceFunds(input: $i) {
  id pledgerName amountYuan receivedYuan household { id } } }`;
const RECEIVE = `mutation($i: ReceiveSelfGovernanceFundsInput!) { receiveSelfGovernanceFunds(input: $i) {
  id amountYuan pledge { receivedYuan receipts { amountYuan } } } }`;
const METRIC = `query($s: MetricScopeInput!, $p: PeriodInput!, $c: [String!]) { metrics(scope: $s, period: $p, codes: $c) { code value } }`;
const CODES = [
  'self-governance.proposals',
  'self-governance.decided',
  'self-governance.turnout',
  'self-governance.funds_raised',
  'self-governance.completed',
];
const SETTINGS = 'mutation($i: UpdateModuleSettingsInput!) { updateModuleSettings(input: $i) { settings } }';

const period = () => ({
  from: new Date(clock.now().getTime() - 365 * DAY).toISOString(),
  to: new Date(clock.now().getTime() + 1000).toISOString(),
});
async function metrics(scope: object = { gridId: grid }): Promise<Record<string, number>> {
  const res = ok(await s.gql(METRIC, { s: scope, p: period(), c: CODES }, { token: admin })).metrics;
  return Object.fromEntries(res.map((m: any) => [m.code, m.value]));
}

const households = async (gridId: string) =>
  s.em().find(Household, { gridId: uuidOf(gridId) }, { orderBy: { id: 'asc' } });
const hid = (h: Household) => toGlobalId('Household', h.id);
const rows = async () => ({
  matters: await s.em().count(SelfGovernanceMatter, {}),
  votes: await s.em().count(SelfGovernanceVote, {}),
  ballots: await s.em().count(SelfGovernanceBallot, {}),
  receipts: await s.em().count(SelfGovernanceReceipt, {}),
});

async function proposer(gridId: string): Promise<string> {
  const r = await s
    .em()
    .findOneOrFail(
      Resident,
      { gridId: uuidOf(gridId), householdId: { $ne: null } },
      { orderBy: { id: 'desc' } },
    );
  return toGlobalId('Resident', r.id);
}

async function proposeAndDiscuss(title: string): Promise<string> {
  const m = ok(
    await s.gql(
      PROPOSE,
      { i: { proposerResidentId: await proposer(grid), title, description: '说明', category: 'FACILITY' } },
      { token: admin },
    ),
  ).proposeSelfGovernanceMatter;
  ok(await s.gql(DISCUSS, { i: { matterId: m.id } }, { token: admin }));
  return m.id;
}

beforeAll(async () => {
  s = await createTestServer({ clock });
  admin = await s.login('community_admin');
  worker = await s.login('grid_worker');
  worker2 = await s.login('grid_worker2');
  const nodes = ok(await s.gql('{ grids(first: 20) { nodes { id code theme } } }', {}, { token: admin }))
    .grids.nodes;
  grid = nodes.find((g: any) => g.theme === 'volunteer').id;
  legalGrid = nodes.find((g: any) => g.theme === 'legal').id;
  otherGrid = nodes.find((g: any) => g.code === 'SQ0101-02').id;
});
afterAll(() => s.close());

describe('a matter from proposal to evaluation', () => {
  it('goes through every stage; each illegal move is INVALID_TRANSITION and changes nothing', async () => {
    const m0 = await metrics();
    ok(
      await s.gql(
        SETTINGS,
        { i: { gridId: grid, moduleId: 'self-governance', settings: { quorumPercent: 5 } } },
        { token: admin },
      ),
    );
    const matter = ok(
      await s.gql(
        PROPOSE,
        {
          i: {
            proposerResidentId: await proposer(grid),
            title: '单元门加装门禁',
            description: '外来人员随意进出，建议加装门禁',
            category: 'SAFETY',
          },
        },
        { token: admin },
      ),
    ).proposeSelfGovernanceMatter;
    expect(matter).toMatchObject({
      stage: 'PROPOSED',
      nextStages: ['DISCUSSING'],
      vote: null,
      grid: { id: grid },
    });
    const id = matter.id;
    for (const [doc, input] of [
      [OPEN, { matterId: id }],
      [FUND, { matterId: id }],
      [EXECUTE, { matterId: id }],
      [COMPLETE, { matterId: id }],
      [EVALUATE, { matterId: id, score: 5 }],
      [CLOSE, { matterId: id }],
    ] as const) {
      const res = await s.gql(doc, { i: input }, { token: admin });
      expect(errorCode(res)).toBe('INVALID_TRANSITION');
      expect(res.errors![0]!.extensions).toMatchObject({ stage: 'PROPOSED', allowedStages: ['DISCUSSING'] });
    }
    expect(
      ok(await s.gql(DISCUSS, { i: { matterId: id } }, { token: admin })).startSelfGovernanceDiscussion.stage,
    ).toBe('DISCUSSING');
    expect(errorCode(await s.gql(DISCUSS, { i: { matterId: id } }, { token: admin }))).toBe(
      'INVALID_TRANSITION',
    );

    // 民事民议: discussions only while discussing.
    const discussion = ok(
      await s.gql(
        `mutation($i: SelfGovernanceDiscussionActivityInput!) { recordSelfGovernanceDiscussion(input: $i) { participants details { matterId format attendees } } }`,
        {
          i: {
            gridId: grid,
            occurredAt: new Date(clock.now().getTime() - 600_000).toISOString(),
            details: { matterId: id, format: 'MEETING', attendees: 21, summary: '同意加装' },
          },
        },
        { token: admin },
      ),
    ).recordSelfGovernanceDiscussion;
    expect(discussion).toEqual({
      participants: 21,
      details: { matterId: id, format: 'MEETING', attendees: 21 },
    });

    // 民事民决
    const tooLate = await s.gql(
      OPEN,
      { i: { matterId: id, closesAt: new Date(clock.now().getTime() - 1000).toISOString() } },
      { token: admin },
    );
    expect([errorCode(tooLate), field(tooLate)]).toEqual(['BAD_USER_INPUT', 'input.closesAt']);
    const tooFar = await s.gql(
      OPEN,
      { i: { matterId: id, closesAt: new Date(clock.now().getTime() + 91 * DAY).toISOString() } },
      { token: admin },
    );
    expect([errorCode(tooFar), field(tooFar)]).toEqual(['BAD_USER_INPUT', 'input.closesAt']);
    const vote = ok(
      await s.gql(
        OPEN,
        { i: { matterId: id, closesAt: new Date(clock.now().getTime() + DAY).toISOString() } },
        { token: admin },
      ),
    ).openSelfGovernanceVote;
    expect(vote).toMatchObject({
      question: '单元门加装门禁',
      open: true,
      quorumPercent: 5,
      majorityPercent: 50,
      matter: { stage: 'VOTING' },
    });
    // The rules of an open vote do not change with the settings.
    ok(
      await s.gql(
        SETTINGS,
        { i: { gridId: grid, moduleId: 'self-governance', settings: { quorumPercent: 90 } } },
        { token: admin },
      ),
    );

    const hs = await households(grid);
    const voters = hs.slice(0, Math.ceil(hs.length * 0.06));
    for (const [i, h] of voters.entries()) {
      const b = ok(
        await s.gql(
          BALLOT,
          { i: { matterId: id, householdId: hid(h), choice: i % 4 === 3 ? 'AGAINST' : 'FOR' } },
          { token: admin },
        ),
      ).castSelfGovernanceBallot;
      expect(b).toMatchObject({ choice: null, household: { id: hid(h) }, vote: { ballotsCast: i + 1 } });
    }
    const before = await rows();
    const twice = await s.gql(
      BALLOT,
      { i: { matterId: id, householdId: hid(voters[0]!), choice: 'AGAINST' } },
      { token: admin },
    );
    expect(errorCode(twice)).toBe('CONFLICT');
    const [foreign] = await households(legalGrid);
    const outsider = await s.gql(
      BALLOT,
      { i: { matterId: id, householdId: hid(foreign!), choice: 'FOR' } },
      { token: admin },
    );
    expect([errorCode(outsider), field(outsider)]).toEqual(['BAD_USER_INPUT', 'input.householdId']);
    const stranger = await s
      .em()
      .findOneOrFail(Resident, { gridId: uuidOf(grid), householdId: { $ne: hs[hs.length - 1]!.id } });
    const notMember = await s.gql(
      BALLOT,
      {
        i: {
          matterId: id,
          householdId: hid(hs[hs.length - 1]!),
          residentId: toGlobalId('Resident', stranger.id),
          choice: 'FOR',
        },
      },
      { token: admin },
    );
    expect([errorCode(notMember), field(notMember)]).toEqual(['BAD_USER_INPUT', 'input.residentId']);
    const early = await s.gql(CLOSE, { i: { matterId: id } }, { token: admin });
    expect(errorCode(early)).toBe('INVALID_TRANSITION');
    const open = ok(
      await s.gql(
        `query($id: ID!) { node(id: $id) { ... on SelfGovernanceMatter { ${MATTER} } } }`,
        { id },
        { token: admin },
      ),
    ).node;
    expect(open.vote).toMatchObject({
      open: true,
      ballotsCast: voters.length,
      forVotes: null,
      turnoutPercent: null,
      approved: null,
    });
    expect(await rows()).toEqual(before);

    clock.advance(DAY + 1000);
    const late = await s.gql(
      BALLOT,
      { i: { matterId: id, householdId: hid(hs[hs.length - 1]!), choice: 'FOR' } },
      { token: admin },
    );
    expect(errorCode(late)).toBe('INVALID_TRANSITION');
    const against = voters.filter((_, i) => i % 4 === 3).length;
    const closed = ok(await s.gql(CLOSE, { i: { matterId: id } }, { token: admin })).closeSelfGovernanceVote;
    expect(closed).toEqual({
      open: false,
      ballotsCast: voters.length,
      eligibleHouseholds: hs.length,
      forVotes: voters.length - against,
      againstVotes: against,
      abstainVotes: 0,
      turnoutPercent: Math.round((1000 * voters.length) / hs.length) / 10,
      quorumMet: true,
      approved: true,
      matter: { stage: 'APPROVED' },
    });
    expect(errorCode(await s.gql(CLOSE, { i: { matterId: id } }, { token: admin }))).toBe(
      'INVALID_TRANSITION',
    );
    const afterClose = await s.gql(
      BALLOT,
      { i: { matterId: id, householdId: hid(hs[hs.length - 1]!), choice: 'AGAINST' } },
      { token: admin },
    );
    expect(errorCode(afterClose)).toBe('INVALID_TRANSITION');
    const ballots = ok(
      await s.gql(
        'query($f: SelfGovernanceRecordFilter) { selfGovernanceBallots(first: 100, filter: $f) { totalCount nodes { choice } } }',
        { f: { matterId: id } },
        { token: admin },
      ),
    ).selfGovernanceBallots;
    expect(ballots.totalCount).toBe(voters.length);
    expect(ballots.nodes.filter((b: any) => b.choice === 'AGAINST')).toHaveLength(against);

    // 民事民筹, amounts in yuan kept to the fen.
    const funding = ok(
      await s.gql(FUND, { i: { matterId: id, goalYuan: '500.50' } }, { token: admin }),
    ).startSelfGovernanceFunding;
    expect(funding).toMatchObject({ stage: 'FUNDING', fundingGoalYuan: '500.50', pledgedYuan: '0.00' });
    for (const amountYuan of ['1.234', '-5', '0', 'abc', '100000000']) {
      const res = await s.gql(
        PLEDGE,
        { i: { matterId: id, pledgerName: '某单位', amountYuan } },
        { token: admin },
      );
      expect([amountYuan, errorCode(res), field(res)]).toEqual([
        amountYuan,
        'BAD_USER_INPUT',
        'input.amountYuan',
      ]);
    }
    const nameless = await s.gql(PLEDGE, { i: { matterId: id, amountYuan: '5' } }, { token: admin });
    expect([errorCode(nameless), field(nameless)]).toEqual(['BAD_USER_INPUT', 'input.pledgerName']);
    const outsidePledge = await s.gql(
      PLEDGE,
      { i: { matterId: id, householdId: hid(foreign!), amountYuan: '5' } },
      { token: admin },
    );
    expect([errorCode(outsidePledge), field(outsidePledge)]).toEqual(['BAD_USER_INPUT', 'input.householdId']);
    const p1 = ok(
      await s.gql(
        PLEDGE,
        { i: { matterId: id, householdId: hid(hs[0]!), amountYuan: '300.25' } },
        { token: admin },
      ),
    ).pledgeSelfGovernanceFunds;
    expect(p1).toMatchObject({
      pledgerName: hs[0]!.address,
      amountYuan: '300.25',
      receivedYuan: '0.00',
      household: { id: hid(hs[0]!) },
    });
    const p2 = ok(
      await s.gql(
        PLEDGE,
        { i: { matterId: id, pledgerName: '物业服务中心', amountYuan: '200.25' } },
        { token: admin },
      ),
    ).pledgeSelfGovernanceFunds;
    const over = await s.gql(RECEIVE, { i: { pledgeId: p1.id, amountYuan: '300.26' } }, { token: admin });
    expect([errorCode(over), field(over)]).toEqual(['BAD_USER_INPUT', 'input.amountYuan']);
    ok(await s.gql(RECEIVE, { i: { pledgeId: p1.id, amountYuan: '300.25' } }, { token: admin }));
    const short = await s.gql(EXECUTE, { i: { matterId: id } }, { token: admin });
    expect(errorCode(short)).toBe('INVALID_TRANSITION');
    const r1 = ok(
      await s.gql(RECEIVE, { i: { pledgeId: p2.id, amountYuan: '100.1' } }, { token: admin }),
    ).receiveSelfGovernanceFunds;
    const r2 = ok(
      await s.gql(RECEIVE, { i: { pledgeId: p2.id, amountYuan: '100.15' } }, { token: admin }),
    ).receiveSelfGovernanceFunds;
    expect([r1.amountYuan, r2.pledge]).toEqual([
      '100.10',
      { receivedYuan: '200.25', receipts: [{ amountYuan: '100.10' }, { amountYuan: '100.15' }] },
    ]);

    // 民事民办 and evaluation.
    const working = ok(
      await s.gql(EXECUTE, { i: { matterId: id } }, { token: admin }),
    ).startSelfGovernanceExecution;
    expect(working).toMatchObject({ stage: 'IN_EXECUTION', pledgedYuan: '500.50', receivedYuan: '500.50' });
    ok(
      await s.gql(
        `mutation($i: SelfGovernanceStepActivityInput!) { recordSelfGovernanceStep(input: $i) { participants } }`,
        {
          i: {
            gridId: grid,
            occurredAt: new Date(clock.now().getTime() - 60_000).toISOString(),
            details: { matterId: id, work: '安装门禁', residents: 3 },
          },
        },
        { token: admin },
      ),
    );
    expect(
      errorCode(
        await s.gql(
          PLEDGE,
          { i: { matterId: id, pledgerName: '迟到的', amountYuan: '5' } },
          { token: admin },
        ),
      ),
    ).toBe('INVALID_TRANSITION');
    ok(await s.gql(COMPLETE, { i: { matterId: id, resultNote: '已安装' } }, { token: admin }));
    const badScore = await s.gql(EVALUATE, { i: { matterId: id, score: 6 } }, { token: admin });
    expect([errorCode(badScore), field(badScore)]).toEqual(['BAD_USER_INPUT', 'input.score']);
    const done = ok(
      await s.gql(EVALUATE, { i: { matterId: id, score: 4, note: '满意' } }, { token: admin }),
    ).evaluateSelfGovernanceMatter;
    expect(done).toMatchObject({ stage: 'EVALUATED', evaluationScore: 4, nextStages: [] });
    expect(errorCode(await s.gql(EVALUATE, { i: { matterId: id, score: 5 } }, { token: admin }))).toBe(
      'INVALID_TRANSITION',
    );

    const m1 = await metrics();
    expect(m1['self-governance.proposals']).toBe(m0['self-governance.proposals']! + 1);
    expect(m1['self-governance.decided']).toBe(m0['self-governance.decided']! + 1);
    expect(m1['self-governance.completed']).toBe(m0['self-governance.completed']! + 1);
    expect(Math.round(m1['self-governance.funds_raised']! * 100)).toBe(
      Math.round(m0['self-governance.funds_raised']! * 100) + 50050,
    );
    const stages = (
      await s
        .em()
        .find(
          DomainEvent,
          { type: 'self-governance.matter.stage_changed', subjectId: id },
          { orderBy: { seq: 'asc' } },
        )
    ).map((e: any) => e.payload.to);
    expect(stages).toEqual([
      'DISCUSSING',
      'VOTING',
      'APPROVED',
      'FUNDING',
      'IN_EXECUTION',
      'COMPLETED',
      'EVALUATED',
    ]);
    ok(
      await s.gql(
        SETTINGS,
        { i: { gridId: grid, moduleId: 'self-governance', settings: { quorumPercent: 50 } } },
        { token: admin },
      ),
    );
  });

  it('a vote short of the quorum rejects the matter, which then goes nowhere', async () => {
    const id = await proposeAndDiscuss('楼下增设晾衣架');
    ok(await s.gql(OPEN, { i: { matterId: id } }, { token: admin }));
    const [h] = await households(grid);
    ok(await s.gql(BALLOT, { i: { matterId: id, householdId: hid(h!), choice: 'FOR' } }, { token: admin }));
    clock.advance(8 * DAY);
    const closed = ok(await s.gql(CLOSE, { i: { matterId: id } }, { token: admin })).closeSelfGovernanceVote;
    expect(closed).toMatchObject({
      forVotes: 1,
      quorumMet: false,
      approved: false,
      matter: { stage: 'REJECTED' },
    });
    expect(errorCode(await s.gql(FUND, { i: { matterId: id } }, { token: admin }))).toBe(
      'INVALID_TRANSITION',
    );
  });
});

describe('one household, one vote', () => {
  it('two ballots of one household at the same time leave one ballot; the other is CONFLICT', async () => {
    const id = await proposeAndDiscuss('电动车充电桩');
    ok(await s.gql(OPEN, { i: { matterId: id } }, { token: admin }));
    const hs = await households(grid);
    const target = hs[3]!;
    const results = await Promise.all(
      ['FOR', 'AGAINST', 'FOR'].map((choice) =>
        s.gql(BALLOT, { i: { matterId: id, householdId: hid(target), choice } }, { token: admin }),
      ),
    );
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.filter((r) => errorCode(r) === 'CONFLICT').length).toBe(2);
    const vote = await s.em().findOneOrFail(SelfGovernanceVote, { matterId: uuidOf(id) });
    expect(await s.em().count(SelfGovernanceBallot, { voteId: vote.id, householdId: target.id })).toBe(1);
    // The grid worker of the grid may record ballots too; another grid's worker may not.
    ok(
      await s.gql(
        BALLOT,
        { i: { matterId: id, householdId: hid(hs[4]!), choice: 'FOR' } },
        { token: worker },
      ),
    );
    expect(
      errorCode(
        await s.gql(
          BALLOT,
          { i: { matterId: id, householdId: hid(hs[5]!), choice: 'FOR' } },
          { token: worker2 },
        ),
      ),
    ).toBe('FORBIDDEN');
  });
});

describe('bad input and jurisdiction', () => {
  it('refuses proposals with bad details, by residents of grids without the module, and writes nothing', async () => {
    const before = await rows();
    const pid = await proposer(grid);
    const cases: [object, string][] = [
      [{ proposerResidentId: pid, title: '', description: 'x' }, 'input.title'],
      [{ proposerResidentId: pid, title: 'x'.repeat(201), description: 'x' }, 'input.title'],
      [{ proposerResidentId: pid, title: '标题', description: '' }, 'input.description'],
      [
        { proposerResidentId: toGlobalId('Household', uuidOf(pid)), title: '标题', description: 'x' },
        'input.proposerResidentId',
      ],
    ];
    for (const [i, f] of cases) {
      const res = await s.gql(PROPOSE, { i }, { token: admin });
      expect([errorCode(res), field(res)]).toEqual(['BAD_USER_INPUT', f]);
    }
    const off = await s.gql(
      PROPOSE,
      { i: { proposerResidentId: await proposer(legalGrid), title: '标题', description: 'x' } },
      { token: admin },
    );
    expect(errorCode(off)).toBe('MODULE_NOT_ENABLED');
    const foreign = await s.gql(
      PROPOSE,
      { i: { proposerResidentId: pid, title: '标题', description: 'x' } },
      { token: worker2 },
    );
    expect(errorCode(foreign)).toBe('FORBIDDEN');
    expect(await rows()).toEqual(before);
  });

  it("a grid worker of another grid sees none of this grid's matters, ballots or pledges", async () => {
    for (const q of ['selfGovernanceMatters', 'selfGovernanceBallots', 'selfGovernancePledges']) {
      const mine = ok(await s.gql(`{ ${q}(first: 100) { totalCount } }`, {}, { token: worker2 }))[q];
      expect([q, mine.totalCount]).toEqual([q, 0]);
      const theirs = ok(
        await s.gql(`{ ${q}(first: 100) { totalCount nodes { grid { id } } } }`, {}, { token: worker }),
      )[q];
      expect(theirs.totalCount).toBeGreaterThan(0);
      for (const n of theirs.nodes) expect(n.grid.id).toBe(grid);
    }
    const vote = await s.em().findOneOrFail(SelfGovernanceVote, { gridId: uuidOf(grid) });
    const res = await s.gql(
      'query($id: ID!) { node(id: $id) { id } }',
      { id: toGlobalId('SelfGovernanceVote', vote.id) },
      { token: worker2 },
    );
    expect(errorCode(res)).toBe('NOT_FOUND');
    const filtered = ok(
      await s.gql(
        'query($f: SelfGovernanceMatterFilter) { selfGovernanceMatters(first: 5, filter: $f) { totalCount } }',
        { f: { gridId: grid } },
        { token: worker2 },
      ),
    );
    expect(filtered.selfGovernanceMatters.totalCount).toBe(0);
    expect(otherGrid).not.toBe(grid);
  });

  it('the demo grid carries two modules, with matters in every stage and a closed vote', async () => {
    const g = ok(
      await s.gql(
        'query($g: ID!) { node(id: $g) { ... on Grid { theme modules { moduleId } } } }',
        { g: grid },
        { token: admin },
      ),
    ).node;
    expect(g.modules.map((x: any) => x.moduleId).sort()).toEqual(['self-governance', 'volunteer']);
    const matters = ok(
      await s.gql(
        `{ selfGovernanceMatters(first: 100) { nodes { stage vote { approved quorumMet } } } }`,
        {},
        { token: admin },
      ),
    ).selfGovernanceMatters.nodes;
    const stages = new Set(matters.map((m: any) => m.stage));
    for (const st of ['PROPOSED', 'DISCUSSING', 'VOTING', 'REJECTED', 'FUNDING', 'IN_EXECUTION', 'EVALUATED'])
      expect(stages).toContain(st);
    expect(matters.some((m: any) => m.vote?.approved === true)).toBe(true);
  });
});

describe('metrics', () => {
  it('equal figures counted independently from the records, per grid and over the community', async () => {
    const em = s.em();
    const p = period();
    const [from, to] = [new Date(p.from), new Date(p.to)];
    const inP = (d?: Date | null) => !!d && d >= from && d < to;
    const g = uuidOf(grid);
    const matters = await em.find(SelfGovernanceMatter, { gridId: g });
    const votes = (await em.find(SelfGovernanceVote, { gridId: g })).filter((v) => inP(v.closedAt));
    const receipts = (await em.find(SelfGovernanceReceipt, { gridId: g })).filter((r) => inP(r.receivedAt));
    const cast = votes.reduce((n, v) => n + v.forVotes! + v.againstVotes! + v.abstainVotes!, 0);
    const eligible = votes.reduce((n, v) => n + v.eligibleAtClose!, 0);
    const expected = {
      'self-governance.proposals': matters.filter((m) => inP(m.proposedAt)).length,
      'self-governance.decided': votes.length,
      'self-governance.turnout': eligible ? Math.round((1000 * cast) / eligible) / 10 : 0,
      'self-governance.funds_raised': receipts.reduce((n, r) => n + r.amountFen, 0) / 100,
      'self-governance.completed': matters.filter((m) => inP(m.completedAt)).length,
    };
    expect(await metrics()).toEqual(expected);
    expect(expected['self-governance.decided']).toBeGreaterThan(1);
    const communityId = ok(await s.gql('{ communities(first: 1) { nodes { id } } }', {}, { token: admin }))
      .communities.nodes[0].id;
    expect(await metrics({ communityId })).toEqual(expected);
  });
});
