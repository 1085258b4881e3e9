import type { ReportSettings } from './report.entities';
import type { ReportBasics, ReportFinding, ReportProgress } from './report.types';

export interface FindingInput {
  basics: ReportBasics;
  progress: ReportProgress;
  refusedResidents: number;
}

type Thresholds = Pick<
  ReportSettings,
  'maxRefusedResidents' | 'minTrainingRate' | 'maxOverdueCases' | 'minOnTimeRate' | 'minSatisfactionRate'
>;

const names = (grids: { name: string }[]) => grids.map((g) => g.name).join('、');

/**
 * 存在的问题 from the data: each threshold the figures crossed becomes one finding, worded as the
 * report says it. Rates with nothing to divide (no grid workers, no cases solved) raise nothing.
 */
export function findings(f: FindingInput, t: Thresholds): ReportFinding[] {
  const out: ReportFinding[] = [];
  const { basics: b, progress: p } = f;
  if (f.refusedResidents > t.maxRefusedResidents) {
    out.push({
      code: 'REFUSED_INFORMATION',
      value: f.refusedResidents,
      threshold: t.maxRefusedResidents,
      text: `有${f.refusedResidents}名居民拒绝提供个人信息，人口信息采集不完整，需加强政策宣传、做好个人信息保护解释工作。`,
    });
  }
  if (p.trainingRate != null && p.trainingRate < t.minTrainingRate) {
    const untrained = p.activeGridWorkers - p.trainedGridWorkers;
    out.push({
      code: 'TRAINING_RATE',
      value: p.trainingRate,
      threshold: t.minTrainingRate,
      text: `网格员培训率为${p.trainingRate}%，低于${t.minTrainingRate}%的要求，${untrained}名网格员本期未参加培训。`,
    });
  }
  if (p.openOverdue > t.maxOverdueCases) {
    out.push({
      code: 'OVERDUE_CASES',
      value: p.openOverdue,
      threshold: t.maxOverdueCases,
      text: `有${p.openOverdue}件问题超过办理时限仍未办结，“今日事今日毕”落实不到位。`,
    });
  }
  if (p.onTimeRate != null && p.onTimeRate < t.minOnTimeRate) {
    out.push({
      code: 'ON_TIME_RATE',
      value: p.onTimeRate,
      threshold: t.minOnTimeRate,
      text: `问题按时办结率为${p.onTimeRate}%，低于${t.minOnTimeRate}%。`,
    });
  }
  if (p.satisfactionRate != null && p.satisfactionRate < t.minSatisfactionRate) {
    out.push({
      code: 'SATISFACTION_RATE',
      value: p.satisfactionRate,
      threshold: t.minSatisfactionRate,
      text: `群众满意率为${p.satisfactionRate}%，低于${t.minSatisfactionRate}%。`,
    });
  }
  if (b.gridsWithoutChief.length) {
    out.push({
      code: 'GRIDS_WITHOUT_CHIEF',
      value: b.gridsWithoutChief.length,
      threshold: null,
      text: `${b.gridsWithoutChief.length}个网格（${names(b.gridsWithoutChief)}）未配备网格长。`,
    });
  }
  if (b.gridsWithoutPartyOrganization.length) {
    out.push({
      code: 'GRIDS_WITHOUT_PARTY_ORGANIZATION',
      value: b.gridsWithoutPartyOrganization.length,
      threshold: null,
      text: `${b.gridsWithoutPartyOrganization.length}个网格（${names(b.gridsWithoutPartyOrganization)}）尚未建立党组织。`,
    });
  }
  return out;
}
