import { z } from 'zod';
import { badInput, kindsFor, notMoreThan, sqlValue } from '../../src/modules';
import { scienceSettings } from './science.settings';

const kind = kindsFor<typeof scienceSettings>();

/** Who took part in an event, and how many of them were young people. */
const audience = {
  participants: z.number().int().min(1).max(100000).describe('People taking part.'),
  youth: z
    .number()
    .int()
    .min(0)
    .max(100000)
    .default(0)
    .describe("Of them, young people (up to the grid's youth age)."),
};
const youthAmongParticipants = notMoreThan('youth', 'participants', '青少年人数不能多于参与人数');
const counts = (d: { participants: number }) => ({ participants: d.participants });

/** 科普讲座: a science lecture on the grid. */
export const lecture = kind({
  label: { zh: '科普讲座', en: 'Science lecture' },
  description: {
    zh: '科普讲座：主题、主讲人、参与人数（其中青少年人数）',
    en: 'A science lecture: topic, speaker, participants and how many of them were young people',
  },
  details: z
    .object({
      topic: z.string().trim().min(1).max(100).describe('Topic, e.g. 防震减灾知识.'),
      speaker: z.string().trim().max(100).nullish().describe('Speaker or organisation.'),
      venue: z.string().trim().max(100).nullish().describe('Where it was held.'),
      ...audience,
    })
    .refine(...youthAmongParticipants),
  counts,
  async example() {
    return {
      topic: '身边的人工智能',
      speaker: '市科技馆',
      venue: '社区科普e站',
      participants: 48,
      youth: 30,
    };
  },
});

/** 节水宣传: a water-saving campaign. */
export const water_saving = kind({
  label: { zh: '节水宣传', en: 'Water-saving campaign' },
  description: {
    zh: '节约用水宣传活动：形式、参与人数（其中青少年人数）、发放节水器具数',
    en: 'A water-saving campaign: form, participants (of them young people), water-saving devices handed out',
  },
  details: z
    .object({
      theme: z.string().trim().min(1).max(100).describe('Theme, e.g. 节水护水 从我做起.'),
      method: z
        .enum(['STALL', 'DOOR_TO_DOOR', 'SCHOOL', 'LECTURE', 'ONLINE'])
        .describe('How: STALL (摆摊), DOOR_TO_DOOR (入户), SCHOOL (进校园), LECTURE (讲座), ONLINE (线上).'),
      devicesHandedOut: z
        .number()
        .int()
        .min(0)
        .max(100000)
        .default(0)
        .describe('Water-saving devices handed out (节水器具).'),
      ...audience,
    })
    .refine(...youthAmongParticipants),
  counts,
  async example() {
    return {
      theme: '节水护水 从我做起',
      method: 'SCHOOL' as const,
      devicesHandedOut: 20,
      participants: 60,
      youth: 55,
    };
  },
});

/** 电子科普报: an issue of the grid's e-newsletter. */
export const newsletter = kind({
  label: { zh: '电子科普报', en: 'E-newsletter issue' },
  description: {
    zh: '电子科普报的一期：期号、标题、发送渠道与接收人数',
    en: 'One issue of the e-newsletter: number, title, channel and recipients',
  },
  details: z.object({
    issueNumber: z.number().int().min(1).max(100000).describe('Issue number, unique on the grid.'),
    title: z.string().trim().min(1).max(200).describe('Title of the issue.'),
    channel: z
      .enum(['WECHAT', 'EMAIL', 'SMS', 'APP'])
      .default('WECHAT')
      .describe('Sent by WECHAT (微信群/公众号), EMAIL, SMS or APP.'),
    recipients: z.number().int().min(1).max(1000000).describe('People it was sent to.'),
  }),
  counts: (d) => ({ beneficiaries: d.recipients }),
  async validate(ctx, { grid }, d) {
    const taken = await sqlValue(
      ctx.em,
      `select count(*) as value from activity
        where grid_id = ? and kind = 'science.newsletter' and (details->>'issueNumber')::int = ?`,
      [grid.id, d.issueNumber],
    );
    if (taken > 0) {
      throw badInput('input.details.issueNumber', {
        en: `input.details.issueNumber: issue ${d.issueNumber} is already recorded on this grid`,
        zh: `input.details.issueNumber：本网格已记录第 ${d.issueNumber} 期`,
      });
    }
  },
  async example(em, gridId) {
    const last = await sqlValue(
      em,
      `select max((details->>'issueNumber')::int) as value from activity
        where grid_id = ? and kind = 'science.newsletter'`,
      [gridId],
    );
    return {
      issueNumber: last + 1,
      title: '冬季用电安全小常识',
      channel: 'WECHAT' as const,
      recipients: 420,
    };
  },
});

/** 手抄报: a hand-written newspaper activity, mostly of schoolchildren. */
export const handwritten_newspaper = kind({
  label: { zh: '科普手抄报', en: 'Hand-written newspaper' },
  description: {
    zh: '科普手抄报征集或展评：主题、作品数、参与人数（其中青少年人数）',
    en: 'A hand-written science newspaper contest or exhibition: theme, works, participants (of them young people)',
  },
  details: z
    .object({
      theme: z.string().trim().min(1).max(100).describe('Theme, e.g. 垃圾分类 科学生活.'),
      works: z.number().int().min(1).max(10000).describe('Newspapers made.'),
      exhibited: z.boolean().default(false).describe('Whether the works were exhibited.'),
      ...audience,
    })
    .refine(...youthAmongParticipants),
  counts,
  async example() {
    return { theme: '垃圾分类 科学生活', works: 26, exhibited: true, participants: 31, youth: 28 };
  },
});
