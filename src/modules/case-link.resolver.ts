import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Case } from '../cases';
import { Node } from '../db/base.entity';
import type { RequestContext } from '../server/context';
import { linkedRecords } from './case-link';

@Resolver(() => Case)
export class CaseModuleRecordsFieldResolver {
  @FieldResolver(() => [Node], {
    description:
      'Records of characteristic-grid modules this case was opened for (a concern, a hazard...), those you may see; select their fields with `... on <Type>`.',
  })
  moduleRecords(@Ctx() ctx: RequestContext, @Root() c: Case): Promise<object[]> {
    return linkedRecords(ctx, c.id);
  }
}
