import { Migration } from '@mikro-orm/migrations';

/**
 * The case categories of the design, shared by every street: reference data every installation
 * needs (not demo data), with fixed ids so that all installations agree on them.
 */
const CATEGORIES: [string, string, string, string, 'SMALL' | 'MAJOR', number, boolean][] = [
  ['019b76da-a800-721d-a10f-3f9056655fe4', 'ENVIRONMENT', '环境卫生', 'Environment and sanitation', 'SMALL', 24, true],
  ['019b76da-a801-7893-aaff-873fa5e114f2', 'SAFETY_HAZARD', '安全隐患', 'Safety hazard', 'SMALL', 24, true],
  ['019b76da-a802-77a5-bb19-5ed290de2c5b', 'PROPERTY_SERVICE', '物业服务', 'Property service', 'SMALL', 72, false],
  ['019b76da-a803-7ae6-af01-3fab13c9207f', 'NEIGHBOUR_DISPUTE', '邻里纠纷', 'Neighbour dispute', 'SMALL', 72, false],
  ['019b76da-a804-703f-9c0d-e7ba78bd17a5', 'FACILITY', '设施维修', 'Facility (street light, roof leak)', 'SMALL', 72, false],
  ['019b76da-a805-742a-8da5-be51565a6fa3', 'NOISE', '噪音扰民', 'Noise', 'SMALL', 24, true],
  ['019b76da-a806-78c1-9d5a-a32d09937e2a', 'ILLEGAL_CONSTRUCTION', '违章建筑', 'Illegal construction', 'MAJOR', 240, false],
  ['019b76da-a807-761e-b500-a2db2daa89ba', 'LIVELIHOOD', '民生诉求', 'Livelihood', 'SMALL', 120, false],
  ['019b76da-a808-78fa-ab93-a28800e5be40', 'OTHER', '其他', 'Other', 'SMALL', 72, false],
];

export class Migration20260101000200_CaseCategories extends Migration {
  override async up(): Promise<void> {
    for (const [id, code, zh, en, scale, hours, sameDay] of CATEGORIES) {
      this.addSql(
        `insert into case_category (id, created_at, updated_at, code, name_zh, name_en, default_scale, sla_hours, same_day, active, street_id)
         values ('${id}', now(), now(), '${code}', '${zh}', '${en}', '${scale}', ${hours}, ${sameDay}, true, null)
         on conflict (code) do nothing;`,
      );
    }
  }

  override async down(): Promise<void> {
    const ids = CATEGORIES.map(([id]) => `'${id}'`).join(', ');
    this.addSql(`delete from case_category where id in (${ids}) and not exists (select 1 from case_record where category_id = case_category.id);`);
  }
}
