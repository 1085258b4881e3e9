import { z } from 'zod';
import { Building } from '../../src/territory';
import { kindsFor, ref, sameGridRecord, score } from '../../src/modules';
import { civilitySettings } from './civility.settings';

const kind = kindsFor<typeof civilitySettings>();

/** 文明创建活动: a civility campaign on the grid. */
export const campaign = kind({
  label: { zh: '文明创建活动', en: 'Civility campaign' },
  description: {
    zh: '文明创建、移风易俗、垃圾分类宣传等活动：主题与参与人数',
    en: 'A civility campaign (waste sorting, civilised dog keeping, new customs...): theme and participants',
  },
  details: z.object({
    theme: z.string().trim().min(1).max(100).describe('Theme, e.g. 垃圾分类我先行.'),
    participants: z.number().int().min(1).max(100000).describe('People taking part.'),
    location: z.string().trim().max(200).nullish().describe('Where it was held.'),
    description: z.string().trim().max(1000).nullish().describe('What was done.'),
  }),
  counts: (d) => ({ participants: d.participants }),
  async example() {
    return { theme: '文明养犬我承诺', participants: 42, location: '小区中心广场' };
  },
});

/** 环境卫生检查: a scored inspection of a building or a named area of the grid. */
export const inspection = kind({
  label: { zh: '环境卫生检查', en: 'Environment inspection' },
  description: {
    zh: '对楼栋或指定区域的环境卫生检查：得分（0–100）与发现的问题',
    en: 'An environment inspection of a building or a named area: score (0–100) and findings',
  },
  details: z
    .object({
      buildingId: ref('Building', 'The building inspected (of the same grid); or give `area`.').nullish(),
      area: z
        .string()
        .trim()
        .min(1)
        .max(100)
        .nullish()
        .describe('The area inspected when not a building, e.g. 中心广场, 垃圾分类亭.'),
      score: score('Score 0–100.'),
      findings: z.string().trim().max(1000).nullish().describe('Problems found.'),
      inspectors: z.number().int().min(1).max(50).default(1).describe('People inspecting.'),
    })
    .superRefine((d, issue) => {
      if (!d.buildingId === !d.area) {
        issue.addIssue({
          code: 'custom',
          path: [d.buildingId ? 'area' : 'buildingId'],
          message: 'give either a building or an area, not both',
          params: { zh: '楼栋与区域须且只能填写一项' },
        });
      }
    }),
  counts: (d) => ({ participants: d.inspectors }),
  async validate(ctx, { grid }, d) {
    if (d.buildingId) await sameGridRecord(ctx, Building, d.buildingId, grid.id, 'input.details.buildingId');
  },
  async example(em, gridId) {
    const building = await em.findOneOrFail(Building, { gridId }, { orderBy: { name: 'asc' } });
    return { buildingId: building.id, score: 86, findings: '楼道堆放杂物两处', inspectors: 2 };
  },
});
