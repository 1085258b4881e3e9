import DataLoader from 'dataloader';
import { byId } from '../graphql/loaders';
import { Household } from '../people/household.entity';
import { loader, type RequestContext } from '../server/context';
import { visible } from './party.common';
import { PartyActivityHousehold } from './party-activity.entity';

/**
 * Households helped by each activity: one query for the links of all activities asked for, one for
 * the households. Households the viewer cannot see are left out.
 */
export function beneficiaryHouseholds(ctx: RequestContext): DataLoader<string, Household[]> {
  return loader(
    ctx,
    'party:beneficiaryHouseholds',
    () =>
      new DataLoader<string, Household[]>(async (activityIds) => {
        const links = await ctx.em.find(
          PartyActivityHousehold,
          { activityId: { $in: activityIds as string[] } },
          { orderBy: { id: 'asc' } },
        );
        const households = await byId(ctx, Household).loadMany([...new Set(links.map((l) => l.householdId))]);
        const shown = new Map<string, Household>();
        for (const h of households) {
          const seen = h instanceof Error ? null : visible(ctx, h);
          if (seen) shown.set(seen.id, seen);
        }
        const out = new Map<string, Household[]>();
        for (const l of links) {
          const h = shown.get(l.householdId);
          if (!h) continue;
          const list = out.get(l.activityId) ?? [];
          list.push(h);
          out.set(l.activityId, list);
        }
        return activityIds.map((id) => out.get(id) ?? []);
      }),
  );
}
