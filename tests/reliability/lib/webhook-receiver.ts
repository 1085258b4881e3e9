import { createServer, type Server } from 'node:http';

/**
 * A local webhook receiver: records every delivery by its `webhook-id` (the event id, stable across
 * retries), answering slowly so that a relay killed mid-run is killed mid-delivery.
 */
export class WebhookReceiver {
  private server: Server | null = null;
  readonly received = new Map<string, number>();
  inFlight = 0;
  requests = 0;
  port = 0;

  constructor(private readonly delayMs: number) {}

  async listen(): Promise<string> {
    this.server = createServer((req, res) => {
      this.inFlight++;
      this.requests++;
      req.resume();
      req.on('end', () => {
        setTimeout(() => {
          const id = String(req.headers['webhook-id'] ?? '');
          this.inFlight--;
          if (!res.destroyed) {
            if (id) this.received.set(id, (this.received.get(id) ?? 0) + 1);
            res.writeHead(200).end('ok');
          }
        }, this.delayMs);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return `http://127.0.0.1:${this.port}/hook`;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
