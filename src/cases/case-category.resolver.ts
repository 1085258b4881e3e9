import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { fromGlobalId, fromOptionalGlobalId } from '../graphql/global-id';
import { byId } from '../graphql/loaders';
import type { RequestContext } from '../server/context';
import { Street } from '../territory';
import { CaseCategory } from './case-category.entity';
import { CreateCaseCategoryInput, UpdateCaseCategoryInput } from './case.inputs';
import * as categories from './case-category.service';

@Resolver(() => CaseCategory)
export class CaseCategoryResolver {
  @Query(() => [CaseCategory], {
    description: 'Case categories you may use: the shared ones and your street’s own.',
  })
  caseCategories(
    @Ctx() ctx: RequestContext,
    @Arg('includeInactive', () => Boolean, {
      defaultValue: false,
      description: 'Also list inactive categories.',
    })
    includeInactive: boolean,
  ): Promise<CaseCategory[]> {
    return categories.listCategories(ctx, includeInactive);
  }

  @Mutation(() => CaseCategory, { description: 'Add a case category (street and platform administrators).' })
  createCaseCategory(
    @Ctx() ctx: RequestContext,
    @Arg('input') input: CreateCaseCategoryInput,
  ): Promise<CaseCategory> {
    return categories.createCategory(ctx, {
      ...input,
      streetId: fromOptionalGlobalId(input.streetId, 'Street', 'input.streetId'),
    });
  }

  @Mutation(() => CaseCategory, {
    description: 'Change a case category (street and platform administrators).',
  })
  updateCaseCategory(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The category.' }) id: string,
    @Arg('input') input: UpdateCaseCategoryInput,
  ): Promise<CaseCategory> {
    const patch = Object.fromEntries(Object.entries(input).filter(([, v]) => v != null));
    return categories.updateCategory(ctx, fromGlobalId(id, 'CaseCategory'), patch);
  }

  @FieldResolver(() => String, { description: 'Name in the request’s language.' })
  name(@Ctx() ctx: RequestContext, @Root() c: CaseCategory): string {
    return ctx.locale === 'en' ? c.nameEn : c.nameZh;
  }

  @FieldResolver(() => Street, {
    nullable: true,
    description: 'The street it belongs to; null if shared by all.',
  })
  async street(@Ctx() ctx: RequestContext, @Root() c: CaseCategory): Promise<Street | null> {
    return c.streetId ? byId(ctx, Street).load(c.streetId) : null;
  }
}
