import { localDateOf } from '../modules/dates';
import { Department, StaffRole } from '../staff/staff.enums';
import type { CommunityReport } from './report.types';
import type { ReportNarrative } from './report.entities';
import { ReportSection } from './report.entities';

/*
 * The report as a sequence of blocks in the seed's sections. Markdown, HTML and .docx all render
 * these same blocks, so the three formats cannot drift apart.
 */

export type ChartId = 'byCategory' | 'monthly';

export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; caption: string; head: string[]; rows: string[][] }
  | { kind: 'chart'; chart: ChartId; caption: string };

export const ROLE_ZH: Record<StaffRole, string> = {
  SUPERVISOR: '督导员',
  GRID_CHIEF: '网格长',
  GRID_CHIEF_ASSISTANT: '网格长助理',
  CO_MANAGER: '网格协管员',
  GRID_WORKER: '网格员',
  LIAISON: '网格联络员',
  MICRO_GRID_CHIEF: '微网格长',
  BUILDING_HEAD: '楼栋长/单元长',
};

export const DEPARTMENT_ZH: Record<Department, string> = {
  PUBLIC_SECURITY: '公安',
  CIVIL_AFFAIRS: '民政',
  JUSTICE: '司法',
  HOUSING: '住建',
  HEALTH: '卫健',
  MARKET_SUPERVISION: '市场监督',
  URBAN_MANAGEMENT: '城管',
  PARTY_SERVICE_CENTER: '党群服务中心',
};

/** "<35" → "35岁以下", "35–50" → "35–50岁", ">50" → "50岁以上", "≥60" → "60岁及以上". */
export function ageBandZh(label: string): string {
  if (label.startsWith('<')) return `${label.slice(1)}岁以下`;
  if (label.startsWith('>')) return `${label.slice(1)}岁以上`;
  if (label.startsWith('≥')) return `${label.slice(1)}岁及以上`;
  return `${label}岁`;
}

/** "2026-03-31" → "2026年3月31日". */
export function dateZh(d: string): string {
  const [y, m, day] = d.split('-').map(Number);
  return `${y}年${m}月${day}日`;
}

const pct = (v: number | null): string => (v == null ? '无' : `${v}%`);
const narrative = (list: ReportNarrative[], s: ReportSection) =>
  list.find((n) => n.section === s)?.text.trim() || null;

/** Narrative text, one paragraph per non-empty line. */
function paragraphs(text: string | null): Block[] {
  if (!text) return [];
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((t) => ({ kind: 'paragraph', text: t }));
}

export function reportTitle(r: CommunityReport): string {
  return `${r.community.name}网格化管理工作总结（${dateZh(r.from)}至${dateZh(r.to)}）`;
}

export function reportBlocks(r: CommunityReport): Block[] {
  const b = r.basics;
  const p = r.progress;
  const out: Block[] = [{ kind: 'title', text: reportTitle(r) }];

  // 一、基本情况
  out.push({ kind: 'heading', level: 1, text: '一、基本情况' });
  const bands = b.gridWorkerAgeBands.map((x) => `${ageBandZh(x.label)}${x.count}人`).join('、');
  const unknownAge = b.gridWorkersUnknownAge ? `，另有${b.gridWorkersUnknownAge}人未登记出生日期` : '';
  const chief = b.chiefCoverage
    ? '全部网格均已配备网格长，实现网格长全覆盖'
    : `尚有${b.gridsWithoutChief.length}个网格未配备网格长`;
  const party = b.partyCoverage
    ? '全部网格均已建立党组织，实现党组织全覆盖'
    : `尚有${b.gridsWithoutPartyOrganization.length}个网格未建立党组织`;
  out.push({
    kind: 'paragraph',
    text:
      `${r.community.name}隶属${r.street.name}，现有居民${b.households}户、${b.residents}人，住宅楼${b.residentialBuildings}栋，` +
      `共划分网格${b.grids}个。截至${dateZh(b.asOf)}，社区配备网格长${b.gridChiefs}名、网格长助理${b.gridChiefAssistants}名、` +
      `网格协管员${b.coManagers}名、网格员${b.gridWorkers}名、网格联络员${b.liaisons}名，网格工作人员共${b.staffTotal}人。` +
      `网格员中${bands}${unknownAge}。${chief}；${party}。`,
  });
  out.push({
    kind: 'table',
    caption: '表1 网格工作人员花名册（按岗位）',
    head: ['岗位', '人数'],
    rows: b.staffByRole.map((x) => [ROLE_ZH[x.role], String(x.count)]),
  });
  out.push(...paragraphs(narrative(r.narratives, ReportSection.BASICS)));

  // 二、推进情况与成效
  out.push({ kind: 'heading', level: 1, text: '二、推进情况与成效' });
  out.push({ kind: 'heading', level: 2, text: '（一）队伍建设与培训' });
  const training =
    p.trainingRate == null
      ? '本期无在岗网格员，未计算培训率'
      : `在岗网格员${p.activeGridWorkers}名，参训${p.trainedGridWorkers}名，培训率${p.trainingRate}%`;
  out.push({
    kind: 'paragraph',
    text:
      `本期开展网格员培训${p.trainings}次，${training}。发放民情日志本${p.logBooksIssued}本，记录民情日志${p.sentimentLogs}条，` +
      `建立网格长台账${p.gridChiefLedgers}本。`,
  });
  out.push({ kind: 'heading', level: 2, text: '（二）党建引领' });
  out.push({
    kind: 'paragraph',
    text:
      `建立网格党支部${p.gridPartyBranches}个、小区党支部${p.residentialPartyBranches}个、党小组${p.partyGroups}个，` +
      `在册党员${p.partyMembers}名。开展“我是党员我帮你”服务${p.memberServices}次，受益群众${p.memberServiceBeneficiaries}人。`,
  });
  out.push({ kind: 'heading', level: 2, text: '（三）信息采集' });
  out.push({
    kind: 'paragraph',
    text:
      `登记人口信息${p.residentsRecorded}条、单位信息${p.organizations}条（其中两新组织${p.newOrganizations}个），` +
      `掌握弱势群体${p.vulnerableResidents}人、退役军人${p.veterans}人。`,
  });
  out.push({ kind: 'heading', level: 2, text: '（四）三支力量' });
  const depts = p.coManagersByDepartment.length
    ? `（${p.coManagersByDepartment.map((d) => `${DEPARTMENT_ZH[d.department]}${d.count}名`).join('、')}）`
    : '';
  out.push({
    kind: 'paragraph',
    text: `单位在职党员担任网格长助理${b.gridChiefAssistants}名，职能部门派驻网格协管员${b.coManagers}名${depts}，辖区单位选派网格联络员${b.liaisons}名。`,
  });
  out.push({ kind: 'heading', level: 2, text: '（五）问题处理闭环' });
  const loop =
    p.casesSolved > 0
      ? `按时办结率${pct(p.onTimeRate)}，结果反馈率${pct(p.feedbackRate)}，平均办结时长${p.meanHoursToResolve ?? 0}小时`
      : '本期无办结问题';
  const rated = p.satisfactionRate == null ? '本期无群众评价' : `群众满意率${p.satisfactionRate}%`;
  out.push({
    kind: 'paragraph',
    text: `本期受理群众反映问题${p.casesReported}件，解决${p.casesSolved}件；${loop}；${rated}；期末超期未办结${p.openOverdue}件。`,
  });
  if (p.solvedByCategory.length) {
    out.push({
      kind: 'table',
      caption: '表2 解决问题分类统计',
      head: ['类别', '解决件数', '典型问题'],
      rows: p.solvedByCategory.map((c) => [c.name, String(c.count), c.examples.join('；')]),
    });
  }
  out.push({ kind: 'chart', chart: 'byCategory', caption: '图1 各类问题解决件数' });
  out.push({ kind: 'chart', chart: 'monthly', caption: '图2 各月问题上报与解决件数' });
  out.push({ kind: 'heading', level: 2, text: '（六）扶贫帮困' });
  out.push({
    kind: 'paragraph',
    text: `本期帮扶困难家庭${p.aidHouseholds}户，惠及${p.aidPeopleHelped}人。`,
  });
  out.push(...paragraphs(narrative(r.narratives, ReportSection.PROGRESS)));

  // 三、九型网格
  out.push({ kind: 'heading', level: 1, text: '三、九型网格（一网格一特色）' });
  if (!r.modules.length) out.push({ kind: 'paragraph', text: '本期社区未启用特色网格模块。' });
  for (const m of r.modules) {
    const figures = m.metrics.map((x) => `${x.label.zh}${x.value}${x.unit}`).join('，');
    out.push({
      kind: 'paragraph',
      text: `${m.grids.map((g) => g.name).join('、')}为${m.name}：本期${figures || '无统计指标'}。`,
    });
  }
  if (r.modules.length) {
    out.push({
      kind: 'table',
      caption: '表3 特色网格指标',
      head: ['特色网格', '网格', '指标', '数值'],
      rows: r.modules.flatMap((m) =>
        m.metrics.map((x) => [
          m.name,
          m.grids.map((g) => g.name).join('、'),
          x.label.zh,
          `${x.value}${x.unit}`,
        ]),
      ),
    });
  }
  out.push(...paragraphs(narrative(r.narratives, ReportSection.MODULES)));

  // 四、存在的问题
  out.push({ kind: 'heading', level: 1, text: '四、存在的问题' });
  if (r.problems.findings.length) {
    out.push({ kind: 'list', items: r.problems.findings.map((f) => f.text) });
  } else {
    out.push({ kind: 'paragraph', text: '本期各项指标均未触及预警阈值。' });
  }
  out.push(...paragraphs(r.problems.text));

  // 五、下一步工作安排
  out.push({ kind: 'heading', level: 1, text: '五、下一步工作安排' });
  const next = paragraphs(r.nextSteps);
  out.push(
    ...(next.length ? next : [{ kind: 'paragraph' as const, text: '社区尚未填写本期的下一步工作安排。' }]),
  );
  out.push({
    kind: 'paragraph',
    text: `（本报告数据由网格化管理平台于${dateZh(localDateOf(r.generatedAt))}根据业务记录生成。）`,
  });
  return out;
}
