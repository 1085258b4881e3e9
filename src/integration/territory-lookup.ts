import { covers } from '../auth/jurisdiction';
import type { AuthenticatedViewer } from '../auth/viewer';
import { AppError, badInput, ErrorCode } from '../graphql/errors';
import type { RequestContext } from '../server/context';
import { Building, BuildingUnit, Community, Grid, GridStatus } from '../territory';

/*
 * District systems and spreadsheets name places the way people do: a community or grid code, a
 * building number ("3", "3号楼", "3栋"), a unit ("1", "1单元"), a room. This resolves those names to
 * the territory's ids, one community at a time (three queries per community, then memory), so a
 * batch of thousands of rows costs a handful of queries for its places.
 */

/** Where a row lives, as ids. */
export interface Place {
  streetId: string;
  communityId: string;
  gridId: string;
  buildingId: string | null;
  unitId: string | null;
  /** Address of the building (or its name), for addresses derived from building, unit and room. */
  buildingLabel: string | null;
  unitName: string | null;
}

/** How a row names its place; every part optional. */
export interface PlaceRef {
  communityCode?: string | null;
  gridCode?: string | null;
  building?: string | null;
  unit?: string | null;
}

interface CommunityIndex {
  community: Community;
  grids: Grid[];
  buildings: Building[];
  units: Map<string, BuildingUnit[]>;
}

/** "3", "3号楼", "3 号楼", "3栋", "3幢" name the same building; "1" and "1单元" the same unit. */
export function buildingKey(s: string): string {
  return s
    .replace(/\s+/g, '')
    .replace(/(号楼|号|栋|幢|楼|座)$/, '')
    .toUpperCase();
}

export function unitKey(s: string): string {
  return s
    .replace(/\s+/g, '')
    .replace(/(单元|门|号)$/, '')
    .toUpperCase();
}

const place = (field: string, en: string, zh: string): AppError =>
  badInput(field, { en: `${field}: ${en}`, zh: `${field}：${zh}` });

/** Per request: communities already loaded, by id and code, and grids by code. */
export class TerritoryLookup {
  private byCommunityId = new Map<string, CommunityIndex>();
  private communityIdByCode = new Map<string, string | null>();
  private gridByCode = new Map<string, Grid | null>();

  constructor(
    private readonly ctx: RequestContext,
    private readonly viewer: AuthenticatedViewer,
  ) {}

  /** A community by code, or null. */
  async communityByCode(code: string): Promise<Community | null> {
    const key = code.trim().toUpperCase();
    if (!this.communityIdByCode.has(key)) {
      const c = await this.ctx.em.findOne(Community, { code: key }, { disableIdentityMap: true });
      if (c) await this.index(c.id, c);
      this.communityIdByCode.set(key, c?.id ?? null);
    }
    const id = this.communityIdByCode.get(key);
    return id ? this.byCommunityId.get(id)!.community : null;
  }

  /** A community inside the viewer's jurisdiction, by id (for imports bound to one community). */
  async communityById(id: string): Promise<Community | null> {
    return (await this.index(id))?.community ?? null;
  }

  private async index(communityId: string, known?: Community): Promise<CommunityIndex | null> {
    const cached = this.byCommunityId.get(communityId);
    if (cached) return cached;
    const em = this.ctx.em;
    const community =
      known ?? (await em.findOne(Community, { id: communityId }, { disableIdentityMap: true }));
    if (!community) return null;
    const [grids, buildings, units] = await Promise.all([
      em.find(Grid, { communityId }, { disableIdentityMap: true, orderBy: { code: 'asc' } }),
      em.find(Building, { communityId }, { disableIdentityMap: true, orderBy: { id: 'asc' } }),
      em.find(BuildingUnit, { communityId }, { disableIdentityMap: true, orderBy: { id: 'asc' } }),
    ]);
    const byBuilding = new Map<string, BuildingUnit[]>();
    for (const u of units) byBuilding.set(u.buildingId, [...(byBuilding.get(u.buildingId) ?? []), u]);
    const idx: CommunityIndex = { community, grids, buildings, units: byBuilding };
    this.byCommunityId.set(communityId, idx);
    this.communityIdByCode.set(community.code.toUpperCase(), community.id);
    for (const g of grids) this.gridByCode.set(g.code.toUpperCase(), g);
    return idx;
  }

  /**
   * Loads what a batch's rows name in two queries (communities by code, grids by code) plus each
   * community's index, so that `resolve` then works from memory instead of asking row by row.
   * Codes that match nothing are remembered as such (a grid "code" may be a grid's name).
   */
  async prefetch(refs: PlaceRef[], defaultCommunityId?: string): Promise<void> {
    const communityCodes = new Set<string>();
    const gridCodes = new Set<string>();
    for (const r of refs) {
      const c = r.communityCode?.trim().toUpperCase();
      if (c && !this.communityIdByCode.has(c)) communityCodes.add(c);
      const g = r.gridCode?.trim().toUpperCase();
      if (g && !this.gridByCode.has(g)) gridCodes.add(g);
    }
    const em = this.ctx.em;
    const communities = communityCodes.size
      ? await em.find(Community, { code: { $in: [...communityCodes] } }, { disableIdentityMap: true })
      : [];
    for (const c of communities) await this.index(c.id, c);
    for (const code of communityCodes) {
      if (!this.communityIdByCode.has(code)) this.communityIdByCode.set(code, null);
    }
    const grids = [...gridCodes].filter((g) => !this.gridByCode.has(g));
    if (grids.length) {
      const found = await em.find(Grid, { code: { $in: grids } }, { disableIdentityMap: true });
      for (const g of found) {
        this.gridByCode.set(g.code.toUpperCase(), g);
        await this.index(g.communityId);
      }
      for (const code of grids) if (!this.gridByCode.has(code)) this.gridByCode.set(code, null);
    }
    if (defaultCommunityId) await this.index(defaultCommunityId);
  }

  private async gridFor(code: string): Promise<Grid | null> {
    const key = code.trim().toUpperCase();
    if (!this.gridByCode.has(key)) {
      const g = await this.ctx.em.findOne(Grid, { code: key }, { disableIdentityMap: true });
      this.gridByCode.set(key, g);
      if (g) await this.index(g.communityId);
    }
    return this.gridByCode.get(key) ?? null;
  }

  /**
   * Resolves a place: a grid code (or grid name inside the community), and/or a community code
   * with a building of it; the unit needs its building. Fields in errors are `${prefix}.<part>`.
   * A grid named by code must lie in the community when both are given.
   */
  async resolve(ref: PlaceRef, prefix: string, defaultCommunityId?: string): Promise<Place> {
    let idx: CommunityIndex | null = null;
    if (ref.communityCode) {
      const c = await this.communityByCode(ref.communityCode);
      if (!c) throw place(`${prefix}.communityCode`, 'unknown community code', '社区编码不存在');
      idx = this.byCommunityId.get(c.id)!;
    } else if (defaultCommunityId) {
      idx = await this.index(defaultCommunityId);
    }

    let grid: Grid | null = null;
    if (ref.gridCode) {
      const g = await this.gridFor(ref.gridCode);
      // A community's grid may also be named by its name, with or without its theme ("第一网格").
      const name = ref.gridCode.trim();
      grid = g ?? idx?.grids.find((x) => x.name === name || x.name.split(/[（(]/)[0] === name) ?? null;
      if (!grid) throw place(`${prefix}.gridCode`, 'unknown grid code', '网格编码不存在');
      if (idx && grid.communityId !== idx.community.id) {
        throw place(`${prefix}.gridCode`, 'the grid is not in this community', '该网格不属于此社区');
      }
      idx = this.byCommunityId.get(grid.communityId)!;
    }

    let building: Building | null = null;
    if (ref.building) {
      if (!idx) {
        throw place(
          `${prefix}.communityCode`,
          'name the community (or the grid) the building belongs to',
          '请提供楼栋所属的社区（或网格）编码',
        );
      }
      const key = buildingKey(ref.building);
      const matches = idx.buildings.filter(
        (b) => buildingKey(b.name) === key && (!grid || b.gridId === grid.id),
      );
      if (matches.length === 0) {
        throw place(
          `${prefix}.building`,
          grid ? 'no such building in this grid' : 'no such building in this community',
          grid ? '该网格没有此楼栋' : '该社区没有此楼栋',
        );
      }
      if (matches.length > 1) {
        throw place(
          `${prefix}.building`,
          'several buildings have this number; give the grid code too',
          '多个楼栋同名，请同时提供网格编码',
        );
      }
      building = matches[0]!;
      if (!grid) grid = idx.grids.find((g) => g.id === building!.gridId) ?? null;
    }

    let unit: BuildingUnit | null = null;
    if (ref.unit) {
      if (!building) throw place(`${prefix}.building`, 'a unit needs its building', '填写单元时须提供楼栋');
      const key = unitKey(ref.unit);
      unit = (idx!.units.get(building.id) ?? []).find((u) => unitKey(u.name) === key) ?? null;
      if (!unit) throw place(`${prefix}.unit`, 'no such unit in this building', '该楼栋没有此单元');
    }

    if (!grid) {
      throw place(
        `${prefix}.gridCode`,
        'give the grid code, or a building of the community',
        '请提供网格编码，或社区内的楼栋',
      );
    }
    if (grid.status !== GridStatus.ACTIVE) {
      throw place(`${prefix}.gridCode`, 'the grid was retired by re-gridding', '该网格已撤销');
    }
    const where = { streetId: grid.streetId, communityId: grid.communityId, gridId: grid.id };
    if (!covers(this.viewer.jurisdiction, where)) {
      throw new AppError(
        ErrorCode.FORBIDDEN,
        { en: 'Outside your jurisdiction', zh: '超出您的管辖范围' },
        { field: `${prefix}.${ref.building ? 'building' : 'gridCode'}` },
      );
    }
    return {
      ...where,
      buildingId: building?.id ?? null,
      unitId: unit?.id ?? null,
      buildingLabel: building ? (building.address ?? building.name) : null,
      unitName: unit?.name ?? null,
    };
  }
}
