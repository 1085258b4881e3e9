import { createServer, connect, type Server, type Socket } from 'node:net';

export type CutMode =
  /** Forward the request, then drop the answer and cut both sides at its first byte. */
  | 'response'
  /** PostgreSQL side: forward a COMMIT to the database, then cut before its reply comes back. */
  | 'commit';

/**
 * A TCP proxy that cuts connections on demand, to put a lost answer exactly where it hurts: after
 * the work was done and committed, before the requester heard of it.
 */
export class CuttingProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private armed = 0;
  private mode: CutMode = 'response';
  /** Cuts made so far. */
  cuts = 0;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async listen(): Promise<number> {
    this.server = createServer((client) => this.pipe(client));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this.port;
  }

  /** The next `n` matching moments are cut. */
  arm(mode: CutMode, n = 1): void {
    this.mode = mode;
    this.armed = n;
  }

  disarm(): void {
    this.armed = 0;
  }

  get pending(): number {
    return this.armed;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private pipe(client: Socket): void {
    const upstream = connect(this.targetPort, this.targetHost);
    this.sockets.add(client);
    this.sockets.add(upstream);
    const cut = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', () => {
      this.sockets.delete(client);
      upstream.destroy();
    });
    upstream.on('close', () => {
      this.sockets.delete(upstream);
      client.destroy();
    });
    client.on('error', cut);
    upstream.on('error', cut);
    client.on('data', (chunk: Buffer) => {
      if (this.armed > 0 && this.mode === 'commit' && isCommit(chunk)) {
        this.armed--;
        this.cuts++;
        upstream.write(chunk, () => cut());
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (this.armed > 0 && this.mode === 'response') {
        this.armed--;
        this.cuts++;
        cut();
        return;
      }
      client.write(chunk);
    });
  }
}

/** A PostgreSQL simple-query message ('Q') whose text is COMMIT. */
function isCommit(chunk: Buffer): boolean {
  for (let i = 0; i + 5 < chunk.length; i++) {
    if (chunk[i] !== 0x51) continue;
    const len = chunk.readUInt32BE(i + 1);
    if (len < 5 || i + 1 + len > chunk.length) continue;
    const text = chunk
      .subarray(i + 5, i + len)
      .toString('utf8')
      .trim()
      .toLowerCase();
    if (/^commit\b/.test(text)) return true;
  }
  return false;
}
