import { daysAgo, demoGrid, seedActivity, seedEnable, type ModuleSeed } from '../../src/modules';
import { science } from './science.module';

const LECTURES = [
  '防震减灾知识',
  '身边的人工智能',
  '食品安全与营养',
  '预防电信诈骗的科学',
  '天文观测入门',
  '急救知识与心肺复苏',
];
const NEWSLETTERS = ['夏季防溺水', '科学用药', '垃圾分类新规', '冬季用电安全', '认识流感', '家庭节水窍门'];
const THEMES = ['垃圾分类 科学生活', '节约用水 人人有责', '探索宇宙', '健康生活方式'];

/** The science grid: a year of lectures, water-saving campaigns, newsletter issues and 手抄报. */
export const seedScience: ModuleSeed = async (em, t) => {
  const r = t.random;
  const grid = demoGrid(t, science.id);
  seedEnable(em, science, grid, daysAgo(400));
  const audience = (min: number, max: number, youthShare: number) => {
    const participants = r.int(min, max);
    return { participants, youth: Math.round(participants * youthShare * (0.6 + r.next() * 0.4)) };
  };

  for (let i = 0; i < 9; i++) {
    const topic = LECTURES[i % LECTURES.length]!;
    seedActivity(em, science, 'lecture', grid, {
      occurredAt: daysAgo(6 + i * 38, 6),
      title: topic,
      details: {
        topic,
        speaker: i % 2 ? '市科技馆' : '区科协',
        venue: '社区科普e站',
        ...audience(25, 70, 0.4),
      },
    });
  }
  for (let i = 0; i < 6; i++) {
    seedActivity(em, science, 'water_saving', grid, {
      occurredAt: daysAgo(12 + i * 55, 2),
      title: '节水宣传',
      details: {
        theme: '节水护水 从我做起',
        method: r.pick(['STALL', 'DOOR_TO_DOOR', 'SCHOOL'] as const),
        devicesHandedOut: r.int(0, 40),
        ...audience(20, 80, 0.3),
      },
    });
  }
  for (let i = 0; i < 12; i++) {
    seedActivity(em, science, 'newsletter', grid, {
      occurredAt: daysAgo(2 + (11 - i) * 30, 1),
      title: `电子科普报第${i + 1}期`,
      details: {
        issueNumber: i + 1,
        title: NEWSLETTERS[i % NEWSLETTERS.length]!,
        channel: 'WECHAT',
        recipients: r.int(300, 520),
      },
    });
  }
  for (let i = 0; i < 4; i++) {
    const theme = THEMES[i]!;
    const a = audience(15, 40, 0.9);
    seedActivity(em, science, 'handwritten_newspaper', grid, {
      occurredAt: daysAgo(20 + i * 85, 7),
      title: `手抄报：${theme}`,
      details: { theme, works: a.participants - r.int(0, 5), exhibited: i % 2 === 0, ...a },
    });
  }
};
