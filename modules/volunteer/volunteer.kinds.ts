import { z } from 'zod';
import { Household } from '../../src/people';
import { badInput, kindsFor, ref, sameGridRecord, sameGridRecords } from '../../src/modules';
import { VolunteerMember, VolunteerServiceKind, VolunteerTeam } from './volunteer.entities';
import { volunteerSettings } from './volunteer.settings';

const kind = kindsFor<typeof volunteerSettings>();

/** A volunteer service (志愿服务): who served, how long, for how many people. */
export const service = kind({
  label: { zh: '志愿服务', en: 'Volunteer service' },
  description: {
    zh: '一次志愿服务：服务类别、参与志愿者、每人时长、服务人数',
    en: 'One volunteer service: its kind, the volunteers, hours each, people served',
  },
  details: z.object({
    serviceKind: z.nativeEnum(VolunteerServiceKind).describe('Kind of service.'),
    memberIds: z
      .array(ref('VolunteerMember', 'A volunteer who served.'))
      .min(1)
      .max(50)
      .refine((ids) => new Set(ids).size === ids.length, {
        message: 'lists a volunteer twice',
        params: { zh: '志愿者重复' },
      })
      .describe('Volunteers who served (active volunteers of the grid).'),
    hours: z.number().positive().max(24).describe('Hours each volunteer served.'),
    peopleServed: z.number().int().min(0).max(10000).describe('Residents served.'),
    householdIds: z
      .array(ref('Household', 'A household served.'))
      .max(200)
      .default([])
      .describe('Households served, when known (households of the grid).'),
    teamId: ref('VolunteerTeam', 'The team that organised it.').optional(),
    note: z.string().max(500).optional().describe('Notes.'),
  }),
  counts: (d) => ({ participants: d.memberIds.length, beneficiaries: d.peopleServed }),
  async validate(ctx, { grid, settings }, d) {
    if (d.hours > settings.maxHoursPerService) {
      throw badInput('input.details.hours', {
        en: `input.details.hours: at most ${settings.maxHoursPerService} hours per service on this grid`,
        zh: `input.details.hours：本网格单次服务最多 ${settings.maxHoursPerService} 小时`,
      });
    }
    await sameGridRecords(ctx, VolunteerMember, d.memberIds, grid.id, 'input.details.memberIds', {
      leftOn: null,
    });
    await sameGridRecords(ctx, Household, d.householdIds, grid.id, 'input.details.householdIds');
    if (d.teamId) await sameGridRecord(ctx, VolunteerTeam, d.teamId, grid.id, 'input.details.teamId');
  },
  async example(em, gridId) {
    const members = await em.find(
      VolunteerMember,
      { gridId, leftOn: null },
      { limit: 2, orderBy: { id: 'asc' } },
    );
    return {
      serviceKind: VolunteerServiceKind.ERRAND,
      memberIds: members.map((m) => m.id),
      hours: 1.5,
      peopleServed: 3,
      note: '为独居老人代购生活物资',
    };
  },
});
