import { z } from 'zod';
import { kindsFor, ref, sameGridRecord, sameGridRecords } from '../../src/modules';
import { ElderlyCareProfile, ElderlyCareVisitType } from './elderly-care.entities';
import { elderlyCareSettings } from './elderly-care.settings';

const kind = kindsFor<typeof elderlyCareSettings>();

const distinct = (ids: string[]) => new Set(ids).size === ids.length;

/** 上门探访 / 慰问: a visit to one elderly person at home. */
export const visit = kind({
  label: { zh: '上门探访', en: 'Home visit' },
  description: {
    zh: '对在册老人的上门探访或慰问，记录发现的情况与是否需要跟进',
    en: 'A visit or condolence call to a registered elderly person, with findings and follow-up',
  },
  details: z.object({
    profileId: ref('ElderlyCareProfile', 'The elderly person visited (an active profile of the grid).'),
    visitType: z
      .nativeEnum(ElderlyCareVisitType)
      .default(ElderlyCareVisitType.ROUTINE)
      .describe('Kind of visit.'),
    visitors: z.number().int().min(1).max(20).default(1).describe('People who visited.'),
    findings: z.string().trim().max(1000).optional().describe('What was found (health, home, needs).'),
    needsFollowUp: z.boolean().default(false).describe('Whether something needs following up.'),
    gifts: z.string().trim().max(200).optional().describe('Gifts brought on a condolence visit (慰问品).'),
  }),
  counts: (d) => ({ participants: d.visitors, beneficiaries: 1 }),
  async validate(ctx, { grid }, d) {
    await sameGridRecord(ctx, ElderlyCareProfile, d.profileId, grid.id, 'input.details.profileId', {
      endedOn: null,
    });
  },
  async example(em, gridId) {
    const profile = await em.findOneOrFail(
      ElderlyCareProfile,
      { gridId, endedOn: null },
      { orderBy: { id: 'asc' } },
    );
    return {
      profileId: profile.id,
      visitType: ElderlyCareVisitType.ROUTINE,
      findings: '身体状况良好，冰箱食物充足',
    };
  },
});

/** 义诊: a free health clinic held on the grid. */
export const clinic = kind({
  label: { zh: '健康义诊', en: 'Health clinic' },
  description: {
    zh: '在网格内举办的义诊：服务项目、医生人数、就诊人数（其中老人人数）',
    en: 'A free clinic on the grid: services, doctors, attendees and how many of them were elderly',
  },
  details: z
    .object({
      services: z
        .array(z.string().trim().min(1).max(30).describe('A service, e.g. 测血压.'))
        .min(1)
        .max(20)
        .describe('Services offered, e.g. 测血压、测血糖、中医推拿.'),
      doctors: z.number().int().min(1).max(200).describe('Doctors and nurses serving.'),
      attendees: z.number().int().min(0).max(10000).describe('Residents seen.'),
      elderlyAttendees: z
        .number()
        .int()
        .min(0)
        .max(10000)
        .describe('Of the residents seen, how many were elderly.'),
      partner: z.string().trim().max(100).optional().describe('Partner hospital or clinic.'),
    })
    .refine((d) => d.elderlyAttendees <= d.attendees, {
      message: 'elderlyAttendees cannot exceed attendees',
      params: { zh: '老人人数不能多于就诊人数' },
      path: ['elderlyAttendees'],
    }),
  counts: (d) => ({ participants: d.doctors, beneficiaries: d.attendees }),
  async example() {
    return {
      services: ['测血压', '测血糖'],
      doctors: 4,
      attendees: 36,
      elderlyAttendees: 28,
      partner: '东湖社区卫生服务中心',
    };
  },
});

/** 生日会: a birthday celebration for elderly people of the grid. */
export const birthday = kind({
  label: { zh: '集体生日会', en: 'Birthday celebration' },
  description: {
    zh: '为在册老人举办的集体生日会',
    en: 'A birthday celebration for registered elderly people',
  },
  details: z.object({
    profileIds: z
      .array(ref('ElderlyCareProfile', 'An elderly person celebrated.'))
      .min(1)
      .max(200)
      .refine(distinct, { message: 'lists a person twice', params: { zh: '老人重复' } })
      .describe('The elderly people celebrated (active profiles of the grid).'),
    guests: z.number().int().min(0).max(1000).default(0).describe('Volunteers, family and staff attending.'),
    note: z.string().trim().max(500).optional().describe('Notes.'),
  }),
  counts: (d) => ({ participants: d.guests, beneficiaries: d.profileIds.length }),
  async validate(ctx, { grid }, d) {
    await sameGridRecords(ctx, ElderlyCareProfile, d.profileIds, grid.id, 'input.details.profileIds', {
      endedOn: null,
    });
  },
  async example(em, gridId) {
    const profiles = await em.find(
      ElderlyCareProfile,
      { gridId, endedOn: null },
      { limit: 3, orderBy: { id: 'asc' } },
    );
    return { profileIds: profiles.map((p) => p.id), guests: 12, note: '志愿者送长寿面' };
  },
});
