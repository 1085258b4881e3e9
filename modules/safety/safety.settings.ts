import { defineSettings } from '../../src/modules';

/** Per-grid settings of the safety module. */
export const safetySettings = defineSettings({
  feedbackTargetDays: {
    type: 'int',
    label: { zh: '纠纷反馈时限（天）', en: 'Dispute feedback target (days)' },
    description: {
      zh: '纠纷受理后多少天内应将处理结果反馈居民；超过仍未反馈即标记为超期',
      en: 'Days after intake within which the resident should be told the result; longer is flagged overdue',
    },
    default: 7,
    min: 1,
    max: 90,
  },
  hazardCategoryCode: {
    type: 'string',
    label: { zh: '隐患案件类别编码', en: 'Hazard case category code' },
    description: {
      zh: '巡查发现的隐患转为案件时默认使用的问题类别编码（见 caseCategories）',
      en: 'Code of the case category a hazard found on patrol is reported under unless one is given (see caseCategories)',
    },
    default: 'SAFETY_HAZARD',
    maxLength: 32,
  },
});
