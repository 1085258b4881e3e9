import { BlobType, Entity, PrimaryKey, Property } from '@mikro-orm/postgresql';

/**
 * The first response to a mutation sent with an `Idempotency-Key`, committed in the same
 * transaction as the mutation's changes. Neither the key nor the response is stored in clear: the
 * row is found by a hash of viewer and key, and the response is encrypted with a key derived from
 * the Idempotency-Key itself, so responses that carry secrets (a new API key, a webhook secret)
 * cannot be read from the database.
 */
@Entity({ tableName: 'idempotency_key' })
export class IdempotencyRecord {
  /** SHA-256 of the viewer scope and the key. */
  @PrimaryKey({ type: 'string', length: 64 })
  keyHash!: string;

  /** SHA-256 of query, variables, operation name and viewer: the same key with another body is refused. */
  @Property({ type: 'string', length: 64 })
  requestHash!: string;

  /** `user:<id>` or `apiKey:<id>`: keys are scoped per viewer. */
  @Property({ type: 'string', length: 80 })
  viewer!: string;

  @Property({ type: 'smallint' })
  statusCode!: number;

  @Property({ type: 'string', length: 200 })
  contentType!: string;

  /** AES-256-GCM: 12-byte nonce, 16-byte tag, then the response body. */
  @Property({ type: BlobType })
  body!: Buffer;

  /** The request that ran the mutation, for tracing a replay back to it. */
  @Property({ type: 'string', length: 64 })
  requestId!: string;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'datetime', index: true })
  expiresAt!: Date;
}
