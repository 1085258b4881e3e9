import { z } from 'zod';
import { StaffAssignment, StaffRole } from '../../src/staff';
import { MicroGrid } from '../../src/territory';
import { badInput, kindsFor, ref, sameGridRecord } from '../../src/modules';
import { safetySettings } from './safety.settings';

const kind = kindsFor<typeof safetySettings>();

/** 微网格巡查: a micro-grid chief's routine patrol of their micro-grid. */
export const patrol = kind({
  label: { zh: '微网格巡查', en: 'Micro-grid patrol' },
  description: {
    zh: '微网格长的日常巡查：微网格、巡查路线、时长、发现情况；发现的隐患另行登记并转为案件',
    en: "A micro-grid chief's routine patrol: micro-grid, route, duration, findings; hazards found are reported separately and become cases",
  },
  details: z.object({
    microGridId: ref('MicroGrid', 'The micro-grid patrolled, of the same grid.'),
    chiefId: ref(
      'StaffMember',
      'The micro-grid chief who patrolled (holds that post on the micro-grid).',
    ).optional(),
    route: z.string().trim().min(1).max(200).describe('Route taken, e.g. 1号楼→3号楼→地下车库→南门.'),
    durationMinutes: z.number().int().min(5).max(720).describe('How long the patrol took, in minutes.'),
    findings: z.string().trim().max(1000).optional().describe('What was found; "无异常" when nothing.'),
  }),
  counts: () => ({ participants: 1 }),
  async validate(ctx, { grid }, d) {
    await sameGridRecord(ctx, MicroGrid, d.microGridId, grid.id, 'input.details.microGridId');
    if (!d.chiefId) return;
    const post = await ctx.em.count(StaffAssignment, {
      staffMemberId: d.chiefId,
      role: StaffRole.MICRO_GRID_CHIEF,
      microGridId: d.microGridId,
    });
    if (!post) {
      throw badInput('input.details.chiefId', {
        en: 'input.details.chiefId: not a micro-grid chief of this micro-grid',
        zh: 'input.details.chiefId：不是该微网格的微网格长',
      });
    }
  },
  async example(em, gridId) {
    const micro = await em.findOneOrFail(MicroGrid, { gridId }, { orderBy: { code: 'asc' } });
    const chief = await em.findOne(
      StaffAssignment,
      { microGridId: micro.id, role: StaffRole.MICRO_GRID_CHIEF },
      { orderBy: { id: 'asc' } },
    );
    return {
      microGridId: micro.id,
      ...(chief ? { chiefId: chief.staffMemberId } : {}),
      route: '1号楼→2号楼→3号楼→地下车库',
      durationMinutes: 45,
      findings: '2单元楼道有电动车充电',
    };
  },
});
