import { periodAggregate, type MetricDefinition } from '../../src/modules';

const CAST = '(coalesce(for_votes, 0) + coalesce(against_votes, 0) + coalesce(abstain_votes, 0))';

/** Metrics of residents' self-governance, each one SQL aggregate over the period. */
export const selfGovernanceMetrics: MetricDefinition[] = [
  {
    code: 'self-governance.proposals',
    label: { zh: '民事民提事项', en: 'Matters proposed' },
    description: { zh: '期间内居民提出的事项数', en: 'Matters residents proposed in the period' },
    unit: '件',
    compute: (em, scope, period) =>
      periodAggregate(em, scope, period, 'self_governance_matter', 'proposed_at', 'count(*)'),
  },
  {
    code: 'self-governance.decided',
    label: { zh: '民事民决事项', en: 'Matters decided' },
    description: {
      zh: '期间内结束表决（通过或未通过）的事项数',
      en: 'Matters whose vote closed in the period (approved or rejected)',
    },
    unit: '件',
    compute: (em, scope, period) =>
      periodAggregate(em, scope, period, 'self_governance_vote', 'closed_at', 'count(*)'),
  },
  {
    code: 'self-governance.turnout',
    label: { zh: '投票参与率', en: 'Turnout' },
    description: {
      zh: '期间内结束的表决中，投票户数占可投票户数的百分比',
      en: 'Households that voted as a percent of the eligible households, over the votes closed in the period',
    },
    unit: '%',
    compute: (em, scope, period) =>
      periodAggregate(
        em,
        scope,
        period,
        'self_governance_vote',
        'closed_at',
        `case when sum(eligible_at_close) > 0
              then round(100.0 * sum(${CAST}) / sum(eligible_at_close), 1) else 0 end`,
      ),
  },
  {
    code: 'self-governance.funds_raised',
    label: { zh: '民事民筹到账资金', en: 'Funds raised' },
    description: { zh: '期间内认筹到账的资金（元）', en: 'Money received on pledges in the period, in yuan' },
    unit: '元',
    compute: (em, scope, period) =>
      periodAggregate(
        em,
        scope,
        period,
        'self_governance_receipt',
        'received_at',
        'coalesce(sum(amount_fen), 0) / 100.0',
      ),
  },
  {
    code: 'self-governance.completed',
    label: { zh: '民事民办完成事项', en: 'Matters completed' },
    description: { zh: '期间内办结的事项数', en: 'Matters completed in the period' },
    unit: '件',
    compute: (em, scope, period) =>
      periodAggregate(em, scope, period, 'self_governance_matter', 'completed_at', 'count(*)'),
  },
];
