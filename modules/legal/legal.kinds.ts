import { z } from 'zod';
import { registerEnumType } from 'type-graphql';
import { badInput, kindsFor, localDateOf, moduleEvent, ref, sameGridRecord } from '../../src/modules';
import { LegalAdviser, LegalMediation, LegalMediationStatus } from './legal.entities';
import { legalSettings } from './legal.settings';

const kind = kindsFor<typeof legalSettings>();

export enum LegalTopic {
  FAMILY = 'FAMILY',
  INHERITANCE = 'INHERITANCE',
  PROPERTY = 'PROPERTY',
  LABOUR = 'LABOUR',
  NEIGHBOUR = 'NEIGHBOUR',
  CONSUMER = 'CONSUMER',
  FRAUD = 'FRAUD',
  OTHER = 'OTHER',
}
registerEnumType(LegalTopic, {
  name: 'LegalTopic',
  description: 'What a legal question is about.',
  valuesConfig: {
    FAMILY: { description: '婚姻家庭 marriage and family' },
    INHERITANCE: { description: '继承 inheritance' },
    PROPERTY: { description: '房产物权 housing and property' },
    LABOUR: { description: '劳动用工 employment' },
    NEIGHBOUR: { description: '相邻关系 neighbours' },
    CONSUMER: { description: '消费维权 consumer rights' },
    FRAUD: { description: '防诈骗 fraud' },
    OTHER: { description: '其他 other' },
  },
});

const atMost =
  <K extends string>(part: K, whole: K) =>
  (d: Record<K, number>): boolean =>
    d[part] <= d[whole];

/** 法治讲座: a legal lecture on the grid. */
export const lecture = kind({
  label: { zh: '法治讲座', en: 'Legal lecture' },
  description: {
    zh: '普法讲座：主题、主讲人、听众人数（其中老年人数）',
    en: 'A legal-education lecture: topic, speaker, audience and how many of them were elderly',
  },
  details: z
    .object({
      topic: z.string().trim().min(1).max(100).describe('Topic, e.g. 《民法典》婚姻家庭编.'),
      speakerId: ref('LegalAdviser', 'The speaker, when a legal adviser of the grid.').optional(),
      speakerName: z
        .string()
        .trim()
        .max(100)
        .optional()
        .describe('The speaker, when not an adviser of the grid.'),
      attendees: z.number().int().min(1).max(5000).describe('People attending.'),
      elderlyAttendees: z.number().int().min(0).max(5000).default(0).describe('Of them, elderly (60+).'),
      venue: z.string().trim().max(100).optional().describe('Where it was held.'),
    })
    .refine(atMost('elderlyAttendees', 'attendees'), {
      message: 'elderlyAttendees cannot exceed attendees',
      params: { zh: '老年听众不能多于听众' },
      path: ['elderlyAttendees'],
    }),
  counts: (d) => ({ participants: 1, beneficiaries: d.attendees }),
  async validate(ctx, { grid }, d) {
    if (d.speakerId) await sameGridRecord(ctx, LegalAdviser, d.speakerId, grid.id, 'input.details.speakerId');
  },
  async example(em, gridId) {
    const adviser = await em.findOne(LegalAdviser, { gridId, active: true }, { orderBy: { id: 'asc' } });
    return {
      topic: '防范养老诈骗',
      ...(adviser ? { speakerId: adviser.id } : { speakerName: '街道司法所' }),
      attendees: 45,
      elderlyAttendees: 30,
      venue: '社区党群服务中心',
    };
  },
});

/** 你问我答: a question answered at the adviser's hours or the legal stall. */
export const consultation = kind({
  label: { zh: '你问我答', en: 'Legal Q&A' },
  description: {
    zh: '居民法律咨询：问题类别、问题、处理结果',
    en: "A resident's legal question: topic, question and what came of it",
  },
  details: z.object({
    topic: z.nativeEnum(LegalTopic).describe('What the question is about.'),
    question: z.string().trim().min(1).max(1000).describe('The question as asked.'),
    outcome: z
      .enum(['ANSWERED', 'REFERRED', 'FOLLOW_UP'])
      .describe('ANSWERED on the spot, REFERRED to legal aid or a department, FOLLOW_UP needed.'),
    adviserId: ref('LegalAdviser', 'The adviser who answered.').optional(),
    askers: z.number().int().min(1).max(50).default(1).describe('People asking together.'),
  }),
  counts: (d) => ({ participants: 1, beneficiaries: d.askers }),
  async validate(ctx, { grid }, d) {
    if (d.adviserId) await sameGridRecord(ctx, LegalAdviser, d.adviserId, grid.id, 'input.details.adviserId');
  },
  async example() {
    return {
      topic: LegalTopic.INHERITANCE,
      question: '父母房产没有遗嘱，子女如何继承？',
      outcome: 'ANSWERED' as const,
    };
  },
});

/** 反诈APP: helping residents, above all the elderly, install the anti-fraud app. */
export const anti_fraud_help = kind({
  label: { zh: '反诈APP推广', en: 'Anti-fraud app help' },
  description: {
    zh: '帮助居民（特别是老年人）安装国家反诈中心APP并讲解常见骗局',
    en: 'Helping residents, above all the elderly, install the national anti-fraud app and learn common scams',
  },
  details: z
    .object({
      method: z
        .enum(['DOOR_TO_DOOR', 'STALL', 'LECTURE', 'ONLINE'])
        .describe('How: DOOR_TO_DOOR (入户), STALL (摆摊宣传), LECTURE (讲座现场), ONLINE (线上).'),
      peopleReached: z.number().int().min(1).max(10000).describe('People reached.'),
      elderlyReached: z.number().int().min(0).max(10000).describe('Of them, elderly (60+).'),
      installsHelped: z.number().int().min(0).max(10000).describe('App installs helped.'),
      note: z.string().trim().max(500).optional().describe('Notes.'),
    })
    .refine(atMost('elderlyReached', 'peopleReached'), {
      message: 'elderlyReached cannot exceed peopleReached',
      params: { zh: '老年人数不能多于覆盖人数' },
      path: ['elderlyReached'],
    })
    .refine(atMost('installsHelped', 'peopleReached'), {
      message: 'installsHelped cannot exceed peopleReached',
      params: { zh: '安装数不能多于覆盖人数' },
      path: ['installsHelped'],
    }),
  counts: (d) => ({ beneficiaries: d.peopleReached }),
  async example() {
    return { method: 'DOOR_TO_DOOR' as const, peopleReached: 12, elderlyReached: 9, installsHelped: 7 };
  },
});

/**
 * 调解会: one session of a mediation. An agreement ends the mediation as succeeded, a final failure
 * as failed; an adjourned session leaves it in progress.
 */
export const mediation_session = kind({
  label: { zh: '调解会', en: 'Mediation session' },
  description: {
    zh: '一次调解会：参加人数与结果（达成协议、调解不成、择期再调）',
    en: 'One session of a mediation: attendance and result (agreement, no agreement, adjourned)',
  },
  details: z.object({
    mediationId: ref('LegalMediation', 'The mediation (in progress, on the same grid).'),
    result: z
      .enum(['AGREEMENT', 'NO_AGREEMENT', 'ADJOURNED'])
      .describe('AGREEMENT ends it as succeeded, NO_AGREEMENT as failed, ADJOURNED keeps it open.'),
    attendees: z.number().int().min(1).max(100).default(2).describe('People attending.'),
    agreement: z.string().trim().max(1000).optional().describe('What was agreed, or why it failed.'),
  }),
  counts: (d) => ({ participants: 1, beneficiaries: d.attendees }),
  async validate(ctx, { grid }, d) {
    const m = await sameGridRecord(ctx, LegalMediation, d.mediationId, grid.id, 'input.details.mediationId');
    if (m.status !== LegalMediationStatus.IN_PROGRESS) {
      throw badInput('input.details.mediationId', {
        en: 'input.details.mediationId: the mediation has already ended',
        zh: 'input.details.mediationId：该调解已结束',
      });
    }
  },
  async onRecorded(ctx, { grid, placement }, activity, d) {
    if (d.result === 'ADJOURNED') return;
    const m = await sameGridRecord(ctx, LegalMediation, d.mediationId, grid.id, 'input.details.mediationId');
    m.status = d.result === 'AGREEMENT' ? LegalMediationStatus.SUCCEEDED : LegalMediationStatus.FAILED;
    m.closedOn = localDateOf(activity.occurredAt);
    m.outcome = d.agreement ?? null;
    moduleEvent(ctx, { id: 'legal' }, 'mediation.closed', { type: 'LegalMediation', id: m.id }, placement, {
      status: m.status,
    });
  },
  async example(em, gridId) {
    const m = await em.findOneOrFail(
      LegalMediation,
      { gridId, status: LegalMediationStatus.IN_PROGRESS },
      { orderBy: { id: 'asc' } },
    );
    return { mediationId: m.id, result: 'ADJOURNED' as const, attendees: 3 };
  },
});
