import type { DemoSeedStep } from '../db/seed/demo.seed';
import { Building } from './building.entity';
import { BuildingUnit } from './building-unit.entity';
import { MicroGrid } from './micro-grid.entity';

/** Per demo grid: two micro-grids, six residential buildings of three units each. */
export const seedTerritory: DemoSeedStep = async (em, t) => {
  let buildingNo = 1;
  for (const grid of t.grids) {
    const place = { streetId: grid.streetId, communityId: grid.communityId, gridId: grid.id };
    const micro = [1, 2].map((i) =>
      em.create(MicroGrid, {
        ...place,
        code: `${grid.code}-M${i}`,
        name: `${grid.name.slice(0, 4)}第${i}微网格`,
      }),
    );
    for (let b = 0; b < 6; b++) {
      const building = em.create(Building, {
        ...place,
        microGridId: micro[b < 3 ? 0 : 1]!.id,
        name: `${buildingNo}号楼`,
        address: `东湖路${100 + buildingNo}号${buildingNo}号楼`,
        floors: t.random.int(5, 18),
        residential: true,
      });
      buildingNo++;
      for (let u = 1; u <= 3; u++)
        em.create(BuildingUnit, { ...place, buildingId: building.id, name: `${u}单元` });
    }
  }
};
