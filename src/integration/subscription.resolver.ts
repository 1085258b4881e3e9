import { Arg, ID, Resolver, Root, Subscription, type ResolverData } from 'type-graphql';
import { fromGlobalId } from '../graphql/global-id';
import { DomainEvent } from './event.entity';
import {
  subscribeEvents,
  subscribeGridActivities,
  subscribeGridCases,
  type LiveContext,
} from './subscription.service';

type Data = Pick<ResolverData<LiveContext>, 'args' | 'context'>;

@Resolver()
export class SubscriptionResolver {
  @Subscription(() => DomainEvent, {
    description:
      'Events of your jurisdiction as they commit (administrators, API keys with events:read). ' +
      'Live only: read `events(after:)` to catch up after a reconnect.',
    subscribe: ({ args, context }: Data) => subscribeEvents(context, args.types as string[] | null),
  })
  eventOccurred(
    @Root() event: DomainEvent,
    @Arg('types', () => [String], {
      nullable: true,
      description: 'Only these event types: exact ("grid.updated"), a prefix ("case.*"), or "*" (default).',
    })
    _types?: string[] | null,
  ): DomainEvent {
    return event;
  }

  @Subscription(() => DomainEvent, {
    description: 'Case events (`case.*`) of a grid of your jurisdiction, as they commit.',
    subscribe: ({ args, context }: Data) =>
      subscribeGridCases(context, fromGlobalId(args.gridId as string, 'Grid', 'gridId')),
  })
  caseChanged(
    @Root() event: DomainEvent,
    @Arg('gridId', () => ID, { description: 'The grid.' }) _gridId: string,
  ): DomainEvent {
    return event;
  }

  @Subscription(() => DomainEvent, {
    description: 'Activities recorded on a grid of your jurisdiction (every module), as they commit.',
    subscribe: ({ args, context }: Data) =>
      subscribeGridActivities(context, fromGlobalId(args.gridId as string, 'Grid', 'gridId')),
  })
  activityRecorded(
    @Root() event: DomainEvent,
    @Arg('gridId', () => ID, { description: 'The grid.' }) _gridId: string,
  ): DomainEvent {
    return event;
  }
}
