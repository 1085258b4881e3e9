import { randomUUID } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import type { Logger } from 'pino';
import type { PubSub } from 'type-graphql';
import { DomainEvent } from './event.entity';

/*
 * Live events for subscriptions. Every committed outbox row raises a NOTIFY on `gridgov_event`
 * (a trigger on the event table, so it fires at commit and only for committed rows, whoever wrote
 * them). Each process holds one LISTEN connection, loads the notified rows in batches, and fans
 * them out in memory to its subscribers, so every process sees every event. On the embedded
 * database PGlite's own listen() plays the LISTEN connection's part.
 *
 * To use Redis pub/sub instead (e.g. behind PgBouncer in transaction mode, where LISTEN does not
 * work), replace `EventStream`'s source: SUBSCRIBE to a channel and publish the rows' sequence
 * numbers to it from a single relay; `EventBus` and the subscriptions stay as they are.
 */

export const EVENT_CHANNEL = 'gridgov_event';

/** Events a slow subscriber may have waiting before it is cut off (it can catch up from the feed). */
const MAX_BUFFERED = 1000;
const BATCH_DELAY_MS = 10;
const MAX_BATCH = 500;

/** A subscriber's queue, as an async iterator; `return()` from the consumer unsubscribes at once. */
class Subscriber<T> implements AsyncIterableIterator<T> {
  private readonly buffer: T[] = [];
  private waiting: ((r: IteratorResult<T>) => void) | null = null;
  private failed: ((e: Error) => void) | null = null;
  private error: Error | null = null;
  private done = false;

  constructor(
    private readonly accept: (value: T) => boolean,
    private readonly detach: () => void,
  ) {}

  push(value: T): void {
    if (this.done || !this.accept(value)) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = this.failed = null;
      resolve({ value, done: false });
    } else if (this.buffer.length >= MAX_BUFFERED) {
      this.fail(new Error('Subscriber too slow: events were dropped; reconnect and read the event feed'));
    } else {
      this.buffer.push(value);
    }
  }

  fail(error: Error): void {
    if (this.done) return;
    this.error = error;
    this.finish();
    if (this.failed) {
      const reject = this.failed;
      this.waiting = this.failed = null;
      reject(error);
    }
  }

  next(): Promise<IteratorResult<T>> {
    if (this.buffer.length) return Promise.resolve({ value: this.buffer.shift()!, done: false });
    if (this.error) {
      const e = this.error;
      this.error = null;
      return Promise.reject(e);
    }
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failed = reject;
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.finish();
    this.buffer.length = 0;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = this.failed = null;
      resolve({ value: undefined, done: true });
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    this.return();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.detach();
  }
}

/**
 * In-process fan-out, keyed by source: one key per running application, so two applications in
 * one process (tests) never see each other's events twice. Also the PubSub type-graphql is built with.
 */
export class EventBus implements PubSub {
  private readonly channels = new Map<string, Set<Subscriber<unknown>>>();

  publish(routingKey: string, ...payloads: unknown[]): void {
    const subs = this.channels.get(routingKey);
    if (!subs) return;
    for (const sub of [...subs]) for (const p of payloads) sub.push(p);
  }

  subscribe(routingKey: string): AsyncIterableIterator<unknown> {
    return this.listen(routingKey, () => true);
  }

  /** Values published under `routingKey` that pass `accept`, filtered as they arrive. */
  listen<T>(routingKey: string, accept: (value: T) => boolean): AsyncIterableIterator<T> {
    let subs = this.channels.get(routingKey);
    if (!subs) this.channels.set(routingKey, (subs = new Set()));
    const set = subs;
    const sub: Subscriber<T> = new Subscriber<T>(accept, () => {
      set.delete(sub as Subscriber<unknown>);
      if (!set.size) this.channels.delete(routingKey);
    });
    set.add(sub as Subscriber<unknown>);
    return sub;
  }

  hasListeners(routingKey: string): boolean {
    return this.channels.has(routingKey);
  }

  /** Ends every subscription of a source with an error (the source is shutting down). */
  fail(routingKey: string, error: Error): void {
    for (const sub of [...(this.channels.get(routingKey) ?? [])]) sub.fail(error);
  }
}

/** The process's bus; the schema is built with it. */
export const liveEvents = new EventBus();

export interface EventStreamOptions {
  orm: MikroORM;
  log: Logger;
  /** PostgreSQL: a dedicated LISTEN connection is opened to this URL. */
  databaseUrl?: string;
  /** Embedded: notifications come from the PGlite instance itself. */
  pglite?: PGlite;
  bus?: EventBus;
}

/** One application's feed of committed events into the bus. */
export class EventStream {
  readonly key = randomUUID();
  private readonly bus: EventBus;
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private lastSeq = 0n;
  private client: Client | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private reconnectDelay = 500;
  private closed = false;

  private constructor(private readonly opts: EventStreamOptions) {
    this.bus = opts.bus ?? liveEvents;
  }

  static async start(opts: EventStreamOptions): Promise<EventStream> {
    const stream = new EventStream(opts);
    if (opts.pglite) {
      stream.unlisten = await opts.pglite.listen(EVENT_CHANNEL, (payload) => stream.notified(payload));
    } else if (opts.databaseUrl) {
      await stream.connect();
    }
    return stream;
  }

  /** Subscribers of this application's events. */
  listen(accept: (e: DomainEvent) => boolean): AsyncIterableIterator<DomainEvent> {
    return this.bus.listen<DomainEvent>(this.key, accept);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.flushing;
    this.bus.fail(this.key, new Error('Server shutting down'));
    await this.unlisten?.().catch(() => undefined);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.opts.databaseUrl });
    client.on('notification', (msg) => {
      if (msg.channel === EVENT_CHANNEL && msg.payload) this.notified(msg.payload);
    });
    // Without an error handler a database restart would crash the process; reconnect instead.
    client.on('error', (err) => {
      this.opts.log.warn({ err }, 'event LISTEN connection failed; reconnecting');
      this.lost(client);
    });
    client.on('end', () => this.lost(client));
    await client.connect();
    await client.query(`LISTEN ${EVENT_CHANNEL}`);
    this.client = client;
    this.reconnectDelay = 500;
  }

  private lost(client: Client): void {
    if (this.client !== client || this.closed) return;
    this.client = null;
    client.end().catch(() => undefined);
    this.reconnectTimer = setTimeout(() => void this.reconnect(), this.reconnectDelay);
    this.reconnectTimer.unref();
    this.reconnectDelay = Math.min(this.reconnectDelay * 2, 30_000);
  }

  private async reconnect(): Promise<void> {
    if (this.closed) return;
    try {
      await this.connect();
      // Notifications sent while disconnected are gone: pick up what committed meanwhile.
      if (this.lastSeq > 0n) await this.catchUp();
    } catch (err) {
      this.opts.log.warn({ err }, 'event LISTEN reconnect failed');
      this.reconnectTimer = setTimeout(() => void this.reconnect(), this.reconnectDelay);
      this.reconnectTimer.unref();
      this.reconnectDelay = Math.min(this.reconnectDelay * 2, 30_000);
    }
  }

  private notified(payload: string): void {
    if (!/^\d{1,19}$/.test(payload) || this.closed) return;
    this.pending.add(payload);
    if (this.pending.size >= MAX_BATCH) this.schedule(0);
    else this.schedule(BATCH_DELAY_MS);
  }

  private schedule(ms: number): void {
    if (this.timer) {
      if (ms > 0) return;
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flushing = this.flushing.then(() => this.flush());
    }, ms);
  }

  private async flush(): Promise<void> {
    const seqs = [...this.pending].slice(0, MAX_BATCH);
    for (const s of seqs) this.pending.delete(s);
    if (this.pending.size) this.schedule(0);
    if (!seqs.length || !this.bus.hasListeners(this.key)) {
      this.remember(seqs);
      return;
    }
    try {
      const rows = await this.opts.orm.em
        .fork()
        .find(DomainEvent, { seq: { $in: seqs } }, { orderBy: { seq: 'asc' } });
      this.publish(rows);
    } catch (err) {
      this.opts.log.warn({ err }, 'could not load notified events for subscribers');
    }
    this.remember(seqs);
  }

  private async catchUp(): Promise<void> {
    if (!this.bus.hasListeners(this.key)) return;
    const rows = await this.opts.orm.em
      .fork()
      .find(
        DomainEvent,
        { seq: { $gt: String(this.lastSeq) } },
        { orderBy: { seq: 'asc' }, limit: MAX_BATCH },
      );
    this.publish(rows);
    this.remember(rows.map((r) => r.seq));
  }

  private publish(rows: DomainEvent[]): void {
    for (const row of rows) this.bus.publish(this.key, row);
  }

  private remember(seqs: string[]): void {
    for (const s of seqs) if (BigInt(s) > this.lastSeq) this.lastSeq = BigInt(s);
  }
}
