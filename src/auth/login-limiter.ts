/**
 * Failed sign-ins counted per username and per client address in a fixed window. In memory, per
 * process: with N processes an attacker gets at most N times the budget, which still stops
 * guessing; a shared store would be needed for an exact global count.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly perUser = 5,
    private readonly perAddress = 20,
    private readonly windowMs = 15 * 60 * 1000,
  ) {}

  /** Milliseconds until the caller may try again, or 0 when allowed. */
  retryAfter(username: string, address: string, now = Date.now()): number {
    const u = this.current(`u:${username.toLowerCase()}`, now);
    const a = this.current(`a:${address}`, now);
    const waits = [
      u && u.count >= this.perUser ? u.resetAt - now : 0,
      a && a.count >= this.perAddress ? a.resetAt - now : 0,
    ];
    return Math.max(0, ...waits);
  }

  fail(username: string, address: string, now = Date.now()): void {
    for (const key of [`u:${username.toLowerCase()}`, `a:${address}`]) {
      const entry = this.current(key, now) ?? { count: 0, resetAt: now + this.windowMs };
      entry.count++;
      this.failures.set(key, entry);
    }
    if (this.failures.size > 100_000) this.prune(now);
  }

  succeed(username: string): void {
    this.failures.delete(`u:${username.toLowerCase()}`);
  }

  private current(key: string, now: number) {
    const e = this.failures.get(key);
    if (e && e.resetAt <= now) {
      this.failures.delete(key);
      return undefined;
    }
    return e;
  }

  private prune(now: number): void {
    for (const [k, e] of this.failures) if (e.resetAt <= now) this.failures.delete(k);
  }
}
