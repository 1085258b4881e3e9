import { once } from 'node:events';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Writable } from 'node:stream';

/** A value as PostgreSQL's COPY text format writes it; null is `\N`. */
export type CopyValue = string | number | boolean | Date | null | undefined | string[] | object;

const CHUNK = 1 << 20;

function field(v: CopyValue): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v))
    return escape(`{${v.map((s) => `"${String(s).replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
  if (typeof v === 'object') return escape(JSON.stringify(v));
  return escape(v);
}

function escape(s: string): string {
  return /[\\\t\n\r]/.test(s)
    ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : s;
}

/**
 * One table's `COPY ... FROM STDIN` on its own connection, fed row by row. Several sinks can be open
 * at once (residents, their tags and party memberships are written in the same pass).
 */
export class CopySink {
  private buffer = '';
  private stream!: Writable;
  rows = 0;

  private constructor(
    private readonly client: Client,
    readonly table: string,
    private readonly onRows: (n: number) => void,
  ) {}

  static async open(
    url: string,
    table: string,
    columns: readonly string[],
    onRows: (n: number) => void,
  ): Promise<CopySink> {
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query('set synchronous_commit = off');
    const sink = new CopySink(client, table, onRows);
    sink.stream = client.query(
      copyFrom(`copy "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) from stdin`),
    );
    return sink;
  }

  private pending = 0;

  /** Queues a row; written to the server a megabyte at a time, waiting when the socket is full. */
  async row(values: readonly CopyValue[]): Promise<void> {
    this.buffer += values.map(field).join('\t') + '\n';
    this.rows++;
    this.pending++;
    if (this.buffer.length >= CHUNK) await this.flush();
  }

  private async flush(): Promise<void> {
    if (!this.buffer) return;
    const chunk = this.buffer;
    const n = this.pending;
    this.buffer = '';
    this.pending = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
    this.onRows(n);
  }

  async close(): Promise<number> {
    await this.flush();
    const done = new Promise<void>((resolve, reject) => {
      this.stream.on('finish', resolve);
      this.stream.on('error', reject);
    });
    this.stream.end();
    await done;
    await this.client.end();
    return this.rows;
  }
}
