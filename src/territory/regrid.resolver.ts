import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { fromGlobalId } from '../graphql/global-id';
import type { RequestContext } from '../server/context';
import { Grid } from './grid.entity';
import * as regrid from './regrid.service';
import { MergeGridsInput, SplitGridPartInput } from './territory.inputs';

@ObjectType({ description: 'What a split did: the retired grid and the grids that replace it.' })
export class SplitGridPayload {
  @Field(() => Grid, { description: 'The grid that was split, now RETIRED.' })
  retired!: Grid;

  @Field(() => [Grid], { description: 'The new grids, in the order of `parts`.' })
  grids!: Grid[];
}

@ObjectType({ description: 'What a merge did: the new grid and the retired grids it replaces.' })
export class MergeGridsPayload {
  @Field(() => Grid, { description: 'The new grid.' })
  grid!: Grid;

  @Field(() => [Grid], { description: 'The merged grids, now RETIRED, in the order of `gridIds`.' })
  retired!: Grid[];
}

@Resolver()
export class RegridResolver {
  @Mutation(() => SplitGridPayload, {
    description:
      'Divide a grid into new grids of the same community (网格细分). Every building goes to exactly one part; ' +
      'micro-grids follow their buildings; every row of the grid (households, residents, units, and the rows of ' +
      'every feature and module) follows its building or household, or goes to the remainder part. The old grid ' +
      'is retired, never deleted, and stays readable with its lineage (administrators).',
  })
  splitGrid(
    @Ctx() ctx: RequestContext,
    @Arg('gridId', () => ID, { description: 'The grid to divide (must be in use).' }) gridId: string,
    @Arg('parts', () => [SplitGridPartInput], { description: 'The new grids (at least two).' })
    parts: SplitGridPartInput[],
    @Arg('remainderPart', () => Int, {
      description:
        'Index in `parts` of the grid that takes the rows tied to no building or household (staff posts, party branches, cases, module settings).',
    })
    remainderPart: number,
  ): Promise<regrid.SplitResult> {
    return regrid.splitGrid(
      ctx,
      fromGlobalId(gridId, 'Grid', 'gridId'),
      parts.map((p, i) => ({
        ...p,
        buildingIds: p.buildingIds.map((id, j) =>
          fromGlobalId(id, 'Building', `parts.${i}.buildingIds.${j}`),
        ),
        microGridIds: p.microGridIds?.map((id, j) =>
          fromGlobalId(id, 'MicroGrid', `parts.${i}.microGridIds.${j}`),
        ),
      })),
      remainderPart,
    );
  }

  @Mutation(() => MergeGridsPayload, {
    description:
      'Join grids of one community into a new grid that takes over all their rows. The merged grids are ' +
      'retired, never deleted, and stay readable with their lineage (administrators).',
  })
  mergeGrids(
    @Ctx() ctx: RequestContext,
    @Arg('gridIds', () => [ID], {
      description: 'The grids to merge: at least two, in use, of one community.',
    })
    gridIds: string[],
    @Arg('input', () => MergeGridsInput, { description: 'The new grid.' }) input: MergeGridsInput,
  ): Promise<regrid.MergeResult> {
    return regrid.mergeGrids(
      ctx,
      gridIds.map((id, i) => fromGlobalId(id, 'Grid', `gridIds.${i}`)),
      input,
    );
  }
}
