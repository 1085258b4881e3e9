import { admin } from '../auth/permissions';
import type { Feature } from '../graphql/feature';
import { DomainEvent } from './event.entity';
import { EventResolver } from './event.resolver';

export { DomainEvent };
export { recordEvent } from './event.service';

export const integrationFeature: Feature = {
  name: 'integration',
  entities: [DomainEvent],
  resolvers: [EventResolver],
  permissions: {
    Query: { events: admin },
    Event: admin,
    EventPage: admin,
  },
};
