import { defineSettings } from '../../src/modules';

/** Per-grid settings of residents' self-governance: the rules of its votes. */
export const selfGovernanceSettings = defineSettings({
  quorumPercent: {
    type: 'int',
    label: { zh: '投票有效率（%）', en: 'Quorum (%)' },
    description: {
      zh: '表决有效所需的最低参与户数占本网格户数的百分比（一户一票）',
      en: "A vote counts only when at least this percent of the grid's households voted (one household, one vote)",
    },
    default: 50,
    min: 1,
    max: 100,
  },
  majorityPercent: {
    type: 'int',
    label: { zh: '通过比例（%）', en: 'Majority (%)' },
    description: {
      zh: '赞成票须超过已投票数的该百分比方可通过（50 即过半数）',
      en: 'A matter passes when votes for exceed this percent of the votes cast (50 = a simple majority)',
    },
    default: 50,
    min: 50,
    max: 99,
  },
  voteDays: {
    type: 'int',
    label: { zh: '默认投票天数', en: 'Default voting days' },
    description: {
      zh: '开启表决时未指定截止时间的，投票持续的天数',
      en: 'How long a vote stays open when no closing time is given',
    },
    default: 7,
    min: 1,
    max: 60,
  },
});
