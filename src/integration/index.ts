import { admin, authenticated } from '../auth/permissions';
import type { Feature } from '../graphql/feature';
import { DomainEvent } from './event.entity';
import { EventFieldResolver, EventResolver } from './event.resolver';
import { IdempotencyRecord } from './idempotency.entity';
import { PeopleImportResolver } from './people-import.resolver';
import { purgeIdempotencyKeys } from './idempotency.service';
import { SubscriptionResolver } from './subscription.resolver';
import { Webhook, WebhookAttempt, WebhookDelivery } from './webhook.entity';
import { pruneDeliveries, relayWebhooks } from './webhook.relay';
import { WebhookDeliveryFieldResolver, WebhookResolver } from './webhook.resolver';
import { getWebhook } from './webhook.service';

export { DomainEvent };
export { recordEvent } from './event.service';
export { createIdempotentHandler } from './idempotency.service';
export { EventStream, liveEvents } from './live-events';
export { attachSubscriptions, type LiveServer } from './subscription.server';
export { registerIntegrationRoutes } from './integration.routes';

/**
 * The event feed (pull), live subscriptions (push to frontends) and idempotency keys. Its
 * `authenticated` fields belong to the `events` area: integration keys need `events:read`.
 */
export const integrationFeature: Feature = {
  name: 'integration',
  area: 'events',
  entities: [DomainEvent, IdempotencyRecord],
  resolvers: [EventResolver, EventFieldResolver, SubscriptionResolver],
  permissions: {
    Query: { events: authenticated },
    Subscription: {
      eventOccurred: authenticated,
      caseChanged: authenticated,
      activityRecorded: authenticated,
    },
    Event: authenticated,
    EventPage: authenticated,
  },
  workers: [
    {
      name: 'idempotency-purge',
      intervalMs: 10 * 60_000,
      run: (em, app) => purgeIdempotencyKeys(em, app).then(() => undefined),
    },
  ],
};

/** Webhooks: signed pushes of the event feed. Integration keys need `webhooks:manage`. */
export const webhooksFeature: Feature = {
  name: 'webhooks',
  area: 'webhooks',
  entities: [Webhook, WebhookDelivery, WebhookAttempt],
  resolvers: [WebhookResolver, WebhookDeliveryFieldResolver],
  permissions: {
    Query: { webhooks: authenticated, webhookDeliveries: authenticated },
    Mutation: {
      createWebhook: authenticated,
      updateWebhook: authenticated,
      deleteWebhook: authenticated,
      redeliverEvent: authenticated,
    },
    Webhook: authenticated,
    WebhookConnection: authenticated,
    WebhookEdge: authenticated,
    WebhookDelivery: authenticated,
    WebhookDeliveryConnection: authenticated,
    WebhookDeliveryEdge: authenticated,
    WebhookAttempt: authenticated,
    CreateWebhookPayload: authenticated,
  },
  nodes: { Webhook: getWebhook },
  workers: [
    {
      name: 'webhook-relay',
      intervalMs: 1000,
      run: (em, app) => relayWebhooks(em, app).then(() => undefined),
    },
    {
      name: 'webhook-retention',
      intervalMs: 3600_000,
      run: (em, app) => pruneDeliveries(em, app).then(() => undefined),
    },
  ],
};

/**
 * Upsert by external id, spreadsheet import and export of the people ledger. Its `authenticated`
 * fields belong to the `people` area: integration keys need `people:write` for the mutations.
 */
export const peopleImportFeature: Feature = {
  name: 'people-import',
  area: 'people',
  entities: [],
  resolvers: [PeopleImportResolver],
  permissions: {
    Mutation: {
      upsertHouseholds: authenticated,
      upsertResidents: authenticated,
      importResidents: authenticated,
      exportResidents: admin,
    },
    UpsertResult: authenticated,
    UpsertRowResult: authenticated,
    UpsertRowError: authenticated,
    ResidentImportResult: authenticated,
    ImportRowResult: authenticated,
    ImportProblem: authenticated,
    ResidentExport: authenticated,
  },
};
