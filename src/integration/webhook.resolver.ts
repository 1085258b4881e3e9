import DataLoader from 'dataloader';
import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { ConnectionType, PageArgs, toPage, type ConnectionResult } from '../graphql/connection';
import { fromGlobalId } from '../graphql/global-id';
import { loader, type RequestContext } from '../server/context';
import { Webhook, WebhookAttempt, WebhookDelivery, WebhookDeliveryStatus } from './webhook.entity';
import * as webhooks from './webhook.service';

@ObjectType({ description: 'A page of webhooks.' })
export class WebhookConnection extends ConnectionType(Webhook, 'Webhook') {}

@ObjectType({ description: 'A page of webhook deliveries, newest first.' })
export class WebhookDeliveryConnection extends ConnectionType(WebhookDelivery, 'WebhookDelivery') {}

@InputType({ description: 'A new webhook.' })
export class CreateWebhookInput {
  @Field(() => String, {
    description: 'http(s) URL to POST deliveries to; private and loopback addresses are refused.',
  })
  url!: string;

  @Field(() => [String], {
    description: 'Event types to deliver: exact ("grid.updated"), prefixes ("case.*"), or "*"; 1–50.',
  })
  eventTypes!: string[];

  @Field(() => String, { nullable: true, description: 'What the endpoint is for (≤ 500 characters).' })
  description?: string | null;
}

@InputType({ description: 'Changes to a webhook; omitted fields stay as they are.' })
export class UpdateWebhookInput {
  @Field(() => String, { nullable: true, description: 'New URL (checked like on creation).' })
  url?: string | null;

  @Field(() => [String], { nullable: true, description: 'New event type patterns.' })
  eventTypes?: string[] | null;

  @Field(() => String, { nullable: true, description: 'New description.' })
  description?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Pause (false) or resume (true); a resumed webhook also gets the events of the pause.',
  })
  active?: boolean | null;
}

@ObjectType({ description: 'A created webhook. Its signing secret is shown only here, once.' })
export class CreateWebhookPayload {
  @Field(() => Webhook, { description: 'The webhook.' })
  webhook!: Webhook;

  @Field(() => String, {
    description: 'Signing secret (`whsec_` + base64): verify `webhook-signature` with it. Store it now.',
  })
  secret!: string;
}

@InputType({ description: 'Filter for webhook deliveries.' })
export class WebhookDeliveryFilter {
  @Field(() => WebhookDeliveryStatus, { nullable: true, description: 'Only deliveries in this state.' })
  status?: WebhookDeliveryStatus | null;

  @Field(() => String, { nullable: true, description: 'Only deliveries of this event id.' })
  eventId?: string | null;
}

@Resolver()
export class WebhookResolver {
  @Query(() => WebhookConnection, {
    description: 'Webhooks of your jurisdiction (administrators, API keys with webhooks:manage).',
  })
  webhooks(@Ctx() ctx: RequestContext, @Args() page: PageArgs): Promise<ConnectionResult<Webhook>> {
    return webhooks.listWebhooks(ctx, toPage(page));
  }

  @Query(() => WebhookDeliveryConnection, {
    description: 'Deliveries of a webhook, newest first, with every attempt.',
  })
  webhookDeliveries(
    @Ctx() ctx: RequestContext,
    @Arg('webhookId', () => ID, { description: 'The webhook.' }) webhookId: string,
    @Args() page: PageArgs,
    @Arg('filter', () => WebhookDeliveryFilter, { nullable: true, description: 'Narrow the list.' })
    filter?: WebhookDeliveryFilter | null,
  ): Promise<ConnectionResult<WebhookDelivery>> {
    return webhooks.listDeliveries(
      ctx,
      fromGlobalId(webhookId, 'Webhook', 'webhookId'),
      { status: filter?.status, eventId: filter?.eventId },
      toPage(page),
    );
  }

  @Mutation(() => CreateWebhookPayload, {
    description: 'Create a webhook for the events of your jurisdiction; returns its signing secret once.',
  })
  createWebhook(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateWebhookInput, { description: 'The webhook.' }) input: CreateWebhookInput,
  ): Promise<CreateWebhookPayload> {
    return webhooks.createWebhook(ctx, input);
  }

  @Mutation(() => Webhook, { description: 'Change, pause or resume a webhook.' })
  updateWebhook(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The webhook.' }) id: string,
    @Arg('input', () => UpdateWebhookInput, { description: 'What to change.' }) input: UpdateWebhookInput,
  ): Promise<Webhook> {
    const patch = Object.fromEntries(
      Object.entries(input).filter(([k, v]) => v !== undefined && (v !== null || k === 'description')),
    );
    return webhooks.updateWebhook(ctx, fromGlobalId(id, 'Webhook'), patch);
  }

  @Mutation(() => Webhook, {
    description: 'Delete a webhook: nothing more is sent; it disappears from lists.',
  })
  deleteWebhook(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The webhook.' }) id: string,
  ): Promise<Webhook> {
    return webhooks.deleteWebhook(ctx, fromGlobalId(id, 'Webhook'));
  }

  @Mutation(() => WebhookDelivery, {
    description: 'Queue an event again for a webhook; it is sent with the same `webhook-id`.',
  })
  redeliverEvent(
    @Ctx() ctx: RequestContext,
    @Arg('webhookId', () => ID, { description: 'The webhook.' }) webhookId: string,
    @Arg('eventId', () => String, { description: 'The event id (`Event.id`, a uuid).' }) eventId: string,
  ): Promise<WebhookDelivery> {
    return webhooks.redeliverEvent(ctx, fromGlobalId(webhookId, 'Webhook', 'webhookId'), eventId);
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryFieldResolver {
  @FieldResolver(() => [WebhookAttempt], { description: 'Every attempt, oldest first.' })
  attempts(@Ctx() ctx: RequestContext, @Root() d: WebhookDelivery): Promise<WebhookAttempt[]> {
    return loader(
      ctx,
      'webhookAttempts',
      () => new DataLoader<string, WebhookAttempt[]>((seqs) => webhooks.attemptsOf(ctx, seqs)),
    ).load(d.seq);
  }

  @FieldResolver(() => String, { description: 'Position of the event in the feed.' })
  eventSequence(@Root() d: WebhookDelivery): string {
    return d.eventSeq;
  }
}
