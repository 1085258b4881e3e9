import { Resident } from '../../src/people';
import { Building } from '../../src/territory';
import {
  daysAgo,
  demoGrid,
  seedActivity,
  seedEnable,
  type FollowUpData,
  type ModuleSeed,
} from '../../src/modules';
import { CivilityReport, CivilityReportKind as Kind, CivilityReportStatus } from './civility.entities';
import { civility } from './civility.module';

const THEMES = [
  '垃圾分类我先行',
  '文明养犬我承诺',
  '移风易俗树新风',
  '清洁家园大扫除',
  '礼让斑马线',
  '文明餐桌光盘行动',
];
const AREAS = ['中心广场', '垃圾分类亭', '东门停车场', '儿童游乐区'];
const REPORTS: [Kind, string, string][] = [
  [Kind.LITTERING, '高空抛物，楼下草坪发现塑料袋', '草坪'],
  [Kind.ILLEGAL_PARKING, '电动车停放在消防通道', '消防通道'],
  [Kind.NOISE, '夜间广场舞音量过大', '中心广场'],
  [Kind.PET, '遛狗未牵绳，狗粪未清理', '儿童游乐区'],
  [Kind.GRAFFITI, '单元门口张贴小广告', '单元门口'],
  [Kind.LITTERING, '垃圾未分类投放', '垃圾分类亭'],
  [Kind.ILLEGAL_PARKING, '私家车占用盲道', '东门'],
  [Kind.OTHER, '楼道内私拉电线给电动车充电', '楼道'],
];

/** The civility grid: a year of campaigns and inspections, and reports followed up to resolution. */
export const seedCivility: ModuleSeed = async (em, t) => {
  const r = t.random;
  const grid = demoGrid(t, civility.id);
  const place = { streetId: grid.streetId, communityId: grid.communityId, gridId: grid.id };
  seedEnable(em, civility, grid, daysAgo(400));
  const buildings = await em.find(Building, { gridId: grid.id }, { orderBy: { name: 'asc' } });
  const residents = await em.find(Resident, { gridId: grid.id }, { orderBy: { id: 'asc' }, limit: 10 });

  for (let i = 0; i < 10; i++) {
    const theme = THEMES[i % THEMES.length]!;
    seedActivity(em, civility, 'campaign', grid, {
      occurredAt: daysAgo(8 + i * 34, 1),
      title: theme,
      details: { theme, participants: r.int(20, 90), location: r.pick(AREAS) },
    });
  }

  for (let i = 0; i < 24; i++) {
    const onBuilding = i % 3 !== 2 && buildings.length > 0;
    const scoreValue = r.int(62, 98);
    seedActivity(em, civility, 'inspection', grid, {
      occurredAt: daysAgo(3 + i * 15, 2),
      title: '环境卫生检查',
      details: {
        ...(onBuilding
          ? { buildingId: buildings[i % buildings.length]!.id }
          : { area: AREAS[i % AREAS.length]! }),
        score: scoreValue,
        findings: scoreValue < 80 ? '楼道堆物、绿化带有垃圾，已通知整改' : null,
        inspectors: r.int(1, 3),
      },
    });
  }

  REPORTS.forEach(([kind, description, location], i) => {
    const reportedAt = daysAgo(5 + i * 40, 3);
    const open = i < 2;
    const followUps: FollowUpData[] = [
      { at: daysAgo(5 + i * 40 - 1, 2).toISOString(), note: '网格员上门劝导', recordedBy: 'grid_worker' },
    ];
    if (!open)
      followUps.push({
        at: daysAgo(5 + i * 40 - 3, 2).toISOString(),
        note: '复查已整改',
        recordedBy: 'grid_worker',
      });
    em.create(CivilityReport, {
      ...place,
      kind,
      description,
      location,
      buildingId:
        location === '楼道' || location === '单元门口' ? (buildings[i % buildings.length]?.id ?? null) : null,
      reporterId: residents[i]?.id ?? null,
      reportedAt,
      followUps: open && i === 0 ? [] : followUps,
      status: open ? CivilityReportStatus.OPEN : CivilityReportStatus.RESOLVED,
      resolvedAt: open ? null : daysAgo(5 + i * 40 - 3, 4),
      resolution: open ? null : '当事人已整改，居民满意',
    });
  });
};
