import {
  chineseName,
  daysAgo,
  demoGrid,
  localDateOf,
  seedActivity,
  seedEnable,
  type ModuleSeed,
} from '../../src/modules';
import {
  LegalAdviser,
  LegalAdviserKind,
  LegalDisputeType,
  LegalMediation,
  LegalMediationStatus,
  LegalPartyRole,
} from './legal.entities';
import { LegalTopic } from './legal.kinds';
import { legal } from './legal.module';

const LECTURES = [
  '《民法典》走进社区',
  '防范养老诈骗',
  '婚姻家庭与继承',
  '物业纠纷怎么办',
  '未成年人保护法',
  '劳动合同那些事',
];
const QUESTIONS: [LegalTopic, string][] = [
  [LegalTopic.INHERITANCE, '父母房产没有遗嘱，兄弟姐妹如何分？'],
  [LegalTopic.PROPERTY, '楼上漏水多次协商不成怎么办？'],
  [LegalTopic.LABOUR, '公司拖欠工资三个月，如何维权？'],
  [LegalTopic.FAMILY, '子女不尽赡养义务，老人能否起诉？'],
  [LegalTopic.CONSUMER, '预付卡商家跑路，钱能追回吗？'],
  [LegalTopic.FRAUD, '接到自称公检法的电话要求转账，是诈骗吗？'],
  [LegalTopic.NEIGHBOUR, '邻居在公共走道堆放杂物，能否要求清理？'],
];
const DISPUTES: [LegalDisputeType, string][] = [
  [LegalDisputeType.NEIGHBOUR, '楼上装修噪音扰民引发纠纷'],
  [LegalDisputeType.NEIGHBOUR, '卫生间渗水至楼下，维修费用分担争议'],
  [LegalDisputeType.FAMILY, '老人赡养费用分担，子女意见不一'],
  [LegalDisputeType.PROPERTY_SERVICE, '业主拒缴物业费与物业公司争议'],
  [LegalDisputeType.DEBT, '邻里间借款逾期未还'],
  [LegalDisputeType.NEIGHBOUR, '车位被长期占用'],
  [LegalDisputeType.LABOUR, '保洁员与物业公司工资争议'],
  [LegalDisputeType.FAMILY, '兄弟间老宅继承争议'],
];

/** The legal grid: three advisers, a year of lectures, Q&A, anti-fraud help and mediations. */
export const seedLegal: ModuleSeed = async (em, t) => {
  const r = t.random;
  const grid = demoGrid(t, legal.id);
  const place = { streetId: grid.streetId, communityId: grid.communityId, gridId: grid.id };
  seedEnable(em, legal, grid, daysAgo(400));
  const name = () => chineseName(r, r.chance(0.5) ? 'MALE' : 'FEMALE');

  const advisers = [
    em.create(LegalAdviser, {
      ...place,
      name: name(),
      kind: LegalAdviserKind.LAWYER,
      organization: '湖北江城律师事务所',
    }),
    em.create(LegalAdviser, {
      ...place,
      name: name(),
      kind: LegalAdviserKind.POLICE,
      organization: '东湖派出所',
    }),
    em.create(LegalAdviser, {
      ...place,
      name: name(),
      kind: LegalAdviserKind.PEOPLES_MEDIATOR,
      organization: '东湖街道人民调解委员会',
    }),
  ];
  const [lawyer, police, mediator] = advisers as [LegalAdviser, LegalAdviser, LegalAdviser];

  for (let i = 0; i < 8; i++) {
    const attendees = r.int(25, 80);
    seedActivity(em, legal, 'lecture', grid, {
      occurredAt: daysAgo(10 + i * 44, 6),
      title: LECTURES[i % LECTURES.length]!,
      details: {
        topic: LECTURES[i % LECTURES.length]!,
        speakerId: (i % 2 ? police : lawyer).id,
        attendees,
        elderlyAttendees: Math.round(attendees * (0.4 + r.next() * 0.3)),
        venue: '社区党群服务中心',
      },
    });
  }

  for (let i = 0; i < 30; i++) {
    const [topic, question] = r.pick(QUESTIONS);
    seedActivity(em, legal, 'consultation', grid, {
      occurredAt: daysAgo(r.int(1, 360), r.int(1, 8)),
      title: '你问我答',
      details: {
        topic,
        question,
        outcome: r.chance(0.75) ? 'ANSWERED' : r.chance(0.5) ? 'REFERRED' : 'FOLLOW_UP',
        adviserId: lawyer.id,
        askers: r.chance(0.8) ? 1 : 2,
      },
    });
  }

  for (let i = 0; i < 10; i++) {
    const people = r.int(8, 40);
    const elderly = Math.round(people * (0.5 + r.next() * 0.4));
    seedActivity(em, legal, 'anti_fraud_help', grid, {
      occurredAt: daysAgo(5 + i * 35, 2),
      title: '反诈APP进万家',
      details: {
        method: r.pick(['DOOR_TO_DOOR', 'STALL', 'LECTURE'] as const),
        peopleReached: people,
        elderlyReached: elderly,
        installsHelped: r.int(Math.floor(elderly / 2), elderly),
      },
    });
  }

  const caseMeta = em.getMetadata().find('Case');
  // The case table belongs to the cases feature: looked up by entity name, when it is installed.
  const linkedCase = caseMeta
    ? ((await em.findOne('Case', { gridId: grid.id } as never, { orderBy: { id: 'asc' } as never })) as {
        id: string;
      } | null)
    : null;
  DISPUTES.forEach(([disputeType, summary], i) => {
    const opened = r.int(40, 330);
    const m = em.create(LegalMediation, {
      ...place,
      disputeType,
      summary,
      parties: [
        { name: name(), role: LegalPartyRole.APPLICANT },
        { name: name(), role: LegalPartyRole.RESPONDENT },
      ],
      mediatorId: mediator.id,
      caseId: i === 0 ? (linkedCase?.id ?? null) : null,
      openedOn: localDateOf(daysAgo(opened)),
    });
    // The last three are still in progress; of the rest one was withdrawn, one failed, the others agreed.
    const sessions = i >= 5 ? r.int(0, 1) : r.int(1, 3);
    for (let s = 0; s < sessions; s++) {
      const last = s === sessions - 1 && i < 5 && i !== 3;
      const result = !last ? 'ADJOURNED' : i === 4 ? 'NO_AGREEMENT' : 'AGREEMENT';
      const at = daysAgo(opened - 7 * (s + 1), 2);
      seedActivity(em, legal, 'mediation_session', grid, {
        occurredAt: at,
        title: '纠纷调解会',
        details: {
          mediationId: m.id,
          result,
          attendees: r.int(2, 5),
          ...(result === 'AGREEMENT' ? { agreement: '双方达成调解协议并当场履行' } : {}),
        },
      });
      if (last) {
        m.status = result === 'AGREEMENT' ? LegalMediationStatus.SUCCEEDED : LegalMediationStatus.FAILED;
        m.closedOn = localDateOf(at);
        m.outcome = result === 'AGREEMENT' ? '双方达成调解协议并当场履行' : '双方分歧较大，引导通过诉讼解决';
      }
    }
    if (i === 3) {
      m.status = LegalMediationStatus.WITHDRAWN;
      m.closedOn = localDateOf(daysAgo(opened - 10));
      m.outcome = '双方自行和解，申请撤回';
    }
  });
};
