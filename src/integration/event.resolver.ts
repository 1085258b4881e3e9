import { Arg, Ctx, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { badInput } from '../graphql/errors';
import { MAX_PAGE_SIZE } from '../graphql/connection';
import { toGlobalId } from '../graphql/global-id';
import type { RequestContext } from '../server/context';
import { DomainEvent } from './event.entity';
import { listEvents } from './event.service';

@ObjectType('EventPage', { description: 'A page of the event feed, in sequence order.' })
class EventPage {
  @Field(() => [DomainEvent], { description: 'Events in ascending sequence.' })
  nodes!: DomainEvent[];

  @Field(() => Boolean, { description: 'Whether more events follow.' })
  hasNextPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Sequence of the last event; pass as `after` to continue.',
  })
  endCursor!: string | null;
}

@Resolver()
export class EventResolver {
  @Query(() => EventPage, {
    description:
      'The ordered domain-event feed of your jurisdiction (administrators, and API keys with events:read).',
  })
  async events(
    @Ctx() ctx: RequestContext,
    @Arg('after', () => String, {
      nullable: true,
      description: 'Sequence number to continue after (the `endCursor` of the previous page).',
    })
    after?: string | null,
    @Arg('types', () => [String], {
      nullable: true,
      description: 'Only these event types: exact ("grid.updated"), a prefix ("case.*"), or "*".',
    })
    types?: string[] | null,
    @Arg('first', () => Int, { nullable: true, description: `Page size, 1–${MAX_PAGE_SIZE} (default 50).` })
    first?: number | null,
  ): Promise<EventPage> {
    const size = first ?? 50;
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
      throw badInput('first', {
        en: `first must be between 1 and ${MAX_PAGE_SIZE}`,
        zh: `first 必须在 1 到 ${MAX_PAGE_SIZE} 之间`,
      });
    }
    const page = await listEvents(ctx, { after, types, first: size });
    return {
      nodes: page.events,
      hasNextPage: page.hasNextPage,
      endCursor: page.events.length ? page.events[page.events.length - 1]!.seq : null,
    };
  }
}

@Resolver(() => DomainEvent)
export class EventFieldResolver {
  @FieldResolver(() => ID, {
    name: 'gridId',
    nullable: true,
    description: 'Global id of the grid the event belongs to (null above grid level).',
  })
  gridId(@Root() event: DomainEvent): string | null {
    return event.gridId ? toGlobalId('Grid', event.gridId) : null;
  }
}
