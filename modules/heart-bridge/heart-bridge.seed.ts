import { Case } from '../../src/cases';
import { Resident } from '../../src/people';
import {
  addDays,
  daysAgo,
  demoGrid,
  linkedCaseOutcome,
  localDateOf,
  seedActivity,
  seedCaseLink,
  seedEnable,
  type ModuleSeed,
} from '../../src/modules';
import {
  HeartBridgeChannel,
  HeartBridgeConcern,
  HeartBridgeConcernKind,
  HeartBridgeConcernStatus,
  HeartBridgeMood,
  HeartBridgeResolvedVia,
  HeartBridgeSentiment,
  HeartBridgeSentimentTopic,
  HeartBridgeTopic,
} from './heart-bridge.entities';
import { heartBridge } from './heart-bridge.module';

const CONCERNS: [HeartBridgeConcernKind, string, string][] = [
  [HeartBridgeConcernKind.WORRY, '孩子放学后无人看护', '已对接社区“四点半课堂”，每周一至五开放'],
  [HeartBridgeConcernKind.WORRY, '老人就医挂号难', '志愿者每周二协助预约挂号并陪诊'],
  [HeartBridgeConcernKind.WORRY, '医保报销流程不清楚', '网格员上门讲解并代为准备材料'],
  [HeartBridgeConcernKind.ANNOYANCE, '楼道堆放杂物影响通行', '联系住户清理，楼栋长每周巡查'],
  [HeartBridgeConcernKind.ANNOYANCE, '小区广场舞音量过大', '与舞蹈队协商调低音量、提前结束'],
  [HeartBridgeConcernKind.ANNOYANCE, '快递乱堆放在单元门口', '协调快递点设置集中投递柜'],
  [HeartBridgeConcernKind.ANNOYANCE, '宠物粪便无人清理', '张贴文明养犬倡议，设置拾便袋箱'],
  [HeartBridgeConcernKind.DISTRESS, '独居老人突发疾病无人照应', '安装一键呼叫设备，结对邻居每日问候'],
  [HeartBridgeConcernKind.DISTRESS, '家庭主要劳动力失业，生活困难', '协助申请临时救助并推荐就业岗位'],
  [HeartBridgeConcernKind.DISTRESS, '残疾人子女入学困难', '联系教育部门协调就近入学'],
];
const BRIEFINGS: [HeartBridgeTopic, string][] = [
  [HeartBridgeTopic.DEVELOPMENT_PLAN, '社区发展规划与老旧小区改造宣讲'],
  [HeartBridgeTopic.EDUCATION, '义务教育入学政策解读'],
  [HeartBridgeTopic.HEALTH, '家庭医生签约与医保政策宣讲'],
  [HeartBridgeTopic.ENVIRONMENT, '垃圾分类新规宣讲'],
  [HeartBridgeTopic.SAFETY, '电动自行车安全充电宣讲'],
  [HeartBridgeTopic.CULTURE, '传统节日文化活动宣讲'],
];
const OPINIONS: [HeartBridgeSentimentTopic, HeartBridgeMood, string][] = [
  [
    HeartBridgeSentimentTopic.PROPERTY_SERVICE,
    HeartBridgeMood.DISSATISFIED,
    '物业保洁不及时，垃圾桶周边有异味',
  ],
  [HeartBridgeSentimentTopic.ENVIRONMENT, HeartBridgeMood.SATISFIED, '垃圾分类后小区干净多了'],
  [HeartBridgeSentimentTopic.SAFETY, HeartBridgeMood.CONCERNED, '夜间小区后门无人值守，担心安全'],
  [HeartBridgeSentimentTopic.HEALTH, HeartBridgeMood.SATISFIED, '家庭医生上门服务很贴心'],
  [HeartBridgeSentimentTopic.LIVELIHOOD, HeartBridgeMood.CONCERNED, '菜价上涨，希望增设平价菜摊'],
  [HeartBridgeSentimentTopic.NEIGHBOURHOOD, HeartBridgeMood.NEUTRAL, '楼上装修噪音已协调，邻里关系缓和'],
  [HeartBridgeSentimentTopic.EDUCATION, HeartBridgeMood.CONCERNED, '希望暑期开设青少年托管班'],
  [HeartBridgeSentimentTopic.DEVELOPMENT_PLAN, HeartBridgeMood.SATISFIED, '加装电梯方案得到多数住户支持'],
  [HeartBridgeSentimentTopic.CULTURE, HeartBridgeMood.SATISFIED, '中秋游园活动办得热闹'],
  [HeartBridgeSentimentTopic.PROPERTY_SERVICE, HeartBridgeMood.DISSATISFIED, '停车位紧张，外来车辆占位'],
];

/**
 * The heart-bridge grid: a year of concerns (most handled on the grid, some the grid's own cases
 * with their resident, following their state), policy briefings and a sentiment ledger.
 */
export const seedHeartBridge: ModuleSeed = async (em, t) => {
  const r = t.random;
  const grid = demoGrid(t, heartBridge.id);
  const place = { streetId: grid.streetId, communityId: grid.communityId, gridId: grid.id };
  seedEnable(em, heartBridge, grid, daysAgo(400));
  const residents = await em.find(Resident, { gridId: grid.id }, { orderBy: { id: 'asc' } });
  if (!residents.length) return;
  const today = localDateOf(new Date());

  // Cases residents of the grid reported: told to the grid as concerns first, then turned into cases.
  const cases = await em.find(
    Case,
    { gridId: grid.id, reporterResidentId: { $ne: null } },
    { orderBy: { id: 'asc' }, limit: 10 },
  );
  for (const c of cases) {
    const outcome = linkedCaseOutcome(c.state);
    const concern = em.create(HeartBridgeConcern, {
      ...place,
      kind: r.pick([
        HeartBridgeConcernKind.WORRY,
        HeartBridgeConcernKind.ANNOYANCE,
        HeartBridgeConcernKind.DISTRESS,
      ]),
      residentId: c.reporterResidentId!,
      title: c.title,
      description: c.description ?? null,
      channel: r.pick([HeartBridgeChannel.VISIT, HeartBridgeChannel.WECHAT_GROUP, HeartBridgeChannel.PHONE]),
      raisedOn: localDateOf(c.reportedAt),
      status:
        outcome === 'RESOLVED'
          ? HeartBridgeConcernStatus.RESOLVED
          : outcome === 'REJECTED'
            ? HeartBridgeConcernStatus.DISMISSED
            : HeartBridgeConcernStatus.OPEN,
      resolvedVia: outcome === 'RESOLVED' ? HeartBridgeResolvedVia.CASE : null,
      resolution:
        outcome === 'RESOLVED'
          ? (c.resolution ?? null)
          : outcome === 'REJECTED'
            ? (c.rejectReason ?? null)
            : null,
      resolvedAt: outcome === 'RESOLVED' ? (c.resolvedAt ?? null) : null,
    });
    seedCaseLink(em, heartBridge, concern, c.id);
  }

  for (let i = 0; i < 26; i++) {
    const [kind, title, resolution] = CONCERNS[i % CONCERNS.length]!;
    const ago = r.int(2, 350);
    const raisedOn = localDateOf(daysAgo(ago));
    // Most are settled within days; a few recent ones are still open, one of them long overdue.
    const open = i >= 22;
    const resolvedOn = addDays(raisedOn, r.int(1, kind === HeartBridgeConcernKind.DISTRESS ? 6 : 12));
    const resolved = !open && resolvedOn <= today;
    em.create(HeartBridgeConcern, {
      ...place,
      kind,
      residentId: r.pick(residents).id,
      title,
      channel: r.pick([
        HeartBridgeChannel.VISIT,
        HeartBridgeChannel.VISIT,
        HeartBridgeChannel.WECHAT_GROUP,
        HeartBridgeChannel.BRIEFING,
        HeartBridgeChannel.WALK_IN,
      ]),
      raisedOn:
        open && i === 22 ? localDateOf(daysAgo(40)) : open ? localDateOf(daysAgo(r.int(0, 3))) : raisedOn,
      status: resolved ? HeartBridgeConcernStatus.RESOLVED : HeartBridgeConcernStatus.OPEN,
      resolvedVia: resolved ? HeartBridgeResolvedVia.MODULE : null,
      resolution: resolved ? resolution : null,
      resolvedAt: resolved ? new Date(`${resolvedOn}T10:00:00+08:00`) : null,
    });
  }

  for (let i = 0; i < 10; i++) {
    const [topic, title] = BRIEFINGS[i % BRIEFINGS.length]!;
    const attendees = r.int(20, 90);
    seedActivity(em, heartBridge, 'briefing', grid, {
      occurredAt: daysAgo(8 + i * 34, 7),
      title,
      details: {
        topic,
        title,
        speaker: r.pick(['社区党委书记', '街道政策宣讲员', '网格长', '卫生服务中心医生']),
        attendees,
        venue: r.pick(['社区党群服务中心', '小区文化广场', '楼栋议事厅']),
        leafletsHandedOut: attendees + r.int(0, 40),
      },
    });
  }

  for (let i = 0; i < 40; i++) {
    const [topic, mood, opinion] = OPINIONS[i % OPINIONS.length]!;
    const one = r.chance(0.6);
    em.create(HeartBridgeSentiment, {
      ...place,
      topic,
      mood,
      opinion,
      residentId: one ? r.pick(residents).id : null,
      voices: one ? 1 : r.int(2, 15),
      recordedOn: localDateOf(daysAgo(r.int(1, 360))),
    });
  }
};
