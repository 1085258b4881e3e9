import { Activity } from '../../src/modules/activity.entity';
import { DAY, errorField, gridMetrics, startModuleTest, uuidOf } from '../../tests/helpers/modules';
import { errorCode, ok, type TestServer } from '../../tests/helpers/test-server';

let s: TestServer;
let admin: string;
let outsider: string;
let grid: string;

const at = () => new Date(Date.now() - 600_000).toISOString();

beforeAll(async () => {
  ({ s, admin, grid } = await startModuleTest('science'));
  outsider = await s.login('grid_worker');
});
afterAll(() => s.close());

const LECTURE = `mutation($i: ScienceLectureActivityInput!) { recordScienceLecture(input: $i) {
  participants details { topic participants youth } } }`;
const WATER = `mutation($i: ScienceWaterSavingActivityInput!) { recordScienceWaterSaving(input: $i) {
  participants details { method participants youth devicesHandedOut } } }`;
const NEWSLETTER = `mutation($i: ScienceNewsletterActivityInput!) { recordScienceNewsletter(input: $i) {
  participants beneficiaries details { issueNumber title channel recipients } } }`;
const PAPER = `mutation($i: ScienceHandwrittenNewspaperActivityInput!) { recordScienceHandwrittenNewspaper(input: $i) {
  participants details { theme works exhibited participants youth } } }`;

const input = (details: Record<string, unknown>) => ({ i: { gridId: grid, occurredAt: at(), details } });
const count = () => s.em().count(Activity, { moduleId: 'science' });

describe('events and their young participants', () => {
  it('records lectures, campaigns and 手抄报 with youth among the participants', async () => {
    expect(
      ok(await s.gql(LECTURE, input({ topic: '防震减灾', participants: 40, youth: 40 }), { token: admin }))
        .recordScienceLecture,
    ).toEqual({ participants: 40, details: { topic: '防震减灾', participants: 40, youth: 40 } });
    expect(
      ok(
        await s.gql(WATER, input({ theme: '节水', method: 'DOOR_TO_DOOR', participants: 12 }), {
          token: admin,
        }),
      ).recordScienceWaterSaving,
    ).toEqual({
      participants: 12,
      details: { method: 'DOOR_TO_DOOR', participants: 12, youth: 0, devicesHandedOut: 0 },
    });
    expect(
      ok(
        await s.gql(PAPER, input({ theme: '探索宇宙', works: 18, participants: 20, youth: 19 }), {
          token: admin,
        }),
      ).recordScienceHandwrittenNewspaper.details,
    ).toEqual({ theme: '探索宇宙', works: 18, exhibited: false, participants: 20, youth: 19 });
  });

  it('refuses more young people than participants and other bad figures, writing nothing', async () => {
    const before = await count();
    for (const [doc, details, path] of [
      [LECTURE, { topic: '天文', participants: 10, youth: 11 }, 'input.details.youth'],
      [WATER, { theme: '节水', method: 'STALL', participants: 5, youth: 6 }, 'input.details.youth'],
      [PAPER, { theme: '环保', works: 3, participants: 2, youth: 3 }, 'input.details.youth'],
      [LECTURE, { topic: '天文', participants: 0 }, 'input.details.participants'],
      [LECTURE, { topic: '天文', participants: 10, youth: -1 }, 'input.details.youth'],
      [LECTURE, { topic: ' ', participants: 10 }, 'input.details.topic'],
      [
        WATER,
        { theme: '节水', method: 'STALL', participants: 5, devicesHandedOut: -3 },
        'input.details.devicesHandedOut',
      ],
      [NEWSLETTER, { issueNumber: 0, title: '第0期', recipients: 10 }, 'input.details.issueNumber'],
      [NEWSLETTER, { issueNumber: 99, title: '第99期', recipients: 0 }, 'input.details.recipients'],
    ] as const) {
      const res = await s.gql(doc, input(details), { token: admin });
      expect([errorCode(res), errorField(res), details]).toEqual(['BAD_USER_INPUT', path, details]);
    }
    const method = await s.gql(WATER, input({ theme: '节水', method: 'BILLBOARD', participants: 5 }), {
      token: admin,
    });
    expect(errorCode(method)).toBe('BAD_USER_INPUT');
    expect(await count()).toBe(before);
  });

  it('numbers newsletter issues once per grid', async () => {
    const last = await s.em().find(Activity, { gridId: uuidOf(grid), kind: 'science.newsletter' });
    const next = Math.max(...last.map((a) => a.details.issueNumber as number)) + 1;
    const issue = ok(
      await s.gql(NEWSLETTER, input({ issueNumber: next, title: '认识流感', recipients: 400 }), {
        token: admin,
      }),
    ).recordScienceNewsletter;
    expect(issue).toEqual({
      participants: 0,
      beneficiaries: 400,
      details: { issueNumber: next, title: '认识流感', channel: 'WECHAT', recipients: 400 },
    });
    const again = await s.gql(NEWSLETTER, input({ issueNumber: next, title: '重复', recipients: 1 }), {
      token: admin,
    });
    expect([errorCode(again), errorField(again)]).toEqual(['BAD_USER_INPUT', 'input.details.issueNumber']);
  });

  it('is recorded only by staff of the grid', async () => {
    const res = await s.gql(LECTURE, input({ topic: '越权', participants: 5 }), { token: outsider });
    expect(errorCode(res)).toBe('FORBIDDEN');
    const feed = ok(
      await s.gql(
        '{ activities(first: 100, filter: { moduleId: "science" }) { totalCount } }',
        {},
        { token: outsider },
      ),
    ).activities;
    expect(feed.totalCount).toBe(0);
  });
});

describe('metrics', () => {
  it('equal figures counted independently from the records', async () => {
    const from = new Date(Date.now() - 365 * DAY);
    const to = new Date();
    const acts = await s.em().find(Activity, { gridId: uuidOf(grid), occurredAt: { $gte: from, $lt: to } });
    const of = (kind: string) => acts.filter((a) => a.kind === `science.${kind}`);
    const events = acts.filter((a) => a.moduleId === 'science' && a.kind !== 'science.newsletter');
    const sum = (list: Activity[], key: string) =>
      list.reduce((n, a) => n + ((a.details[key] as number) ?? 0), 0);
    const participants = sum(events, 'participants');
    const youth = sum(events, 'youth');
    const expected = {
      'science.lectures': of('lecture').length,
      'science.water_saving_campaigns': of('water_saving').length,
      'science.newsletters': of('newsletter').length,
      'science.handwritten_newspapers': of('handwritten_newspaper').length,
      'science.newsletter_recipients': sum(of('newsletter'), 'recipients'),
      'science.participants': participants,
      'science.youth_participants': youth,
      'science.youth_share': Math.round((1000 * youth) / participants) / 10,
    };
    expect(await gridMetrics(s, admin, grid, from, to, Object.keys(expected))).toEqual(expected);
    expect(expected['science.youth_participants']).toBeGreaterThan(0);
    expect(expected['science.youth_share']).toBeLessThan(100);
  });
});
