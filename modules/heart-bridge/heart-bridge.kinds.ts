import { z } from 'zod';
import { kindsFor } from '../../src/modules';
import { HeartBridgeTopic } from './heart-bridge.entities';
import { heartBridgeSettings } from './heart-bridge.settings';

const kind = kindsFor<typeof heartBridgeSettings>();

/** 政策宣传: a briefing explaining policies to residents of the grid. */
export const briefing = kind({
  label: { zh: '政策宣讲', en: 'Policy briefing' },
  description: {
    zh: '向居民宣讲发展规划、教育、卫生、环境、安全、文化等政策：主题、主讲人、参加人数',
    en: 'A briefing explaining development plans, education, health, environment, safety or culture policies: topic, speaker, attendees',
  },
  details: z.object({
    topic: z.nativeEnum(HeartBridgeTopic).describe('What the briefing was about.'),
    title: z.string().trim().min(1).max(100).describe('Title, e.g. 老旧小区改造政策解读.'),
    speaker: z.string().trim().max(100).optional().describe('Who explained it (name or unit).'),
    attendees: z.number().int().min(1).max(5000).describe('Residents attending.'),
    venue: z.string().trim().max(100).optional().describe('Where it was held.'),
    leafletsHandedOut: z
      .number()
      .int()
      .min(0)
      .max(100000)
      .default(0)
      .describe('Leaflets and brochures handed out.'),
  }),
  counts: (d) => ({ participants: 1, beneficiaries: d.attendees }),
  async example() {
    return {
      topic: HeartBridgeTopic.DEVELOPMENT_PLAN,
      title: '社区“十五五”发展规划宣讲',
      speaker: '社区党委书记',
      attendees: 40,
      venue: '社区党群服务中心',
      leafletsHandedOut: 60,
    };
  },
});
