import type { SeededRandom } from '../../src/db/seed/random';

/** Word pools for generated names and texts; picked with the seeded generator. */
export const STREET_NAMES = ['东湖', '南湖', '西湖', '北湖', '江汉', '汉阳', '青山', '洪山', '珞珈', '花山'];

export const COMMUNITY_NAMES = [
  '幸福',
  '和平',
  '民主',
  '友谊',
  '光明',
  '建设',
  '团结',
  '胜利',
  '新华',
  '中山',
  '解放',
  '人民',
  '长青',
  '阳光',
  '花园',
  '锦绣',
  '金桥',
  '银河',
  '翠微',
  '东风',
  '春晖',
  '丽水',
  '滨江',
  '学府',
  '文昌',
  '永安',
  '康宁',
  '福星',
  '紫薇',
  '丹桂',
  '梧桐',
  '玉兰',
  '书香',
  '晴川',
  '汉江',
  '龟山',
  '琴台',
  '月湖',
  '莲花',
  '荷塘',
];

export const REGION_CODES = ['420102', '420103', '420104', '420105', '420106', '420107', '420111', '420112'];

export const GRID_ORDINALS = '一二三四五六七八九十';

export function ordinal(n: number): string {
  if (n <= 10) return GRID_ORDINALS[n - 1]!;
  if (n < 20) return `十${GRID_ORDINALS[n - 11] ?? ''}`;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${GRID_ORDINALS[tens - 1]}十${ones ? GRID_ORDINALS[ones - 1] : ''}`;
}

export const ROADS = [
  '解放大道',
  '中山大道',
  '建设大道',
  '发展大道',
  '友谊大道',
  '和平大道',
  '珞喻路',
  '武珞路',
];

export const CASE_TITLES: Record<string, string[]> = {
  ENVIRONMENT: ['楼道堆放杂物', '垃圾清运不及时', '绿化带积水发臭', '小区内乱贴小广告'],
  SAFETY_HAZARD: ['电动车楼道充电', '消防通道被占用', '外墙瓷砖松动', '井盖破损'],
  PROPERTY_SERVICE: ['电梯频繁故障', '物业保洁不到位', '门禁损坏', '地下车库照明不足'],
  NEIGHBOUR_DISPUTE: ['楼上漏水纠纷', '宠物扰民纠纷', '公共区域占用纠纷'],
  FACILITY: ['路灯不亮', '屋顶漏水', '健身器材损坏', '单元门闭门器损坏'],
  NOISE: ['夜间施工噪音', '广场舞音量过大', '商铺外放音乐扰民'],
  ILLEGAL_CONSTRUCTION: ['顶楼私自搭建', '占用绿地违建', '阳台违规外扩'],
  LIVELIHOOD: ['独居老人需要帮扶', '低保申请咨询', '就业困难求助', '适龄儿童入学咨询'],
  OTHER: ['其他问题反映'],
};

export const SENTIMENT_TEXTS = [
  '走访住户，了解家庭近况，无特殊诉求',
  '住户反映楼道灯不亮，已记录并上报',
  '独居老人身体状况良好，叮嘱注意防滑',
  '宣传反诈知识，住户已安装反诈APP',
  '住户咨询医保缴费政策，已解答',
  '邻里关系融洽，居民对网格服务满意',
];

export function pickTitle(r: SeededRandom, categoryCode: string): string {
  return r.pick(CASE_TITLES[categoryCode] ?? CASE_TITLES.OTHER!);
}
