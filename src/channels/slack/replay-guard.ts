// Remembers keys (a request signature, an event id) for a while, so a replayed or retried request
// is acknowledged without being acted on twice. In-process memory: with several instances, the
// DuplicateActivityFilter and per-thread state still hold, but a replay could reach another instance.

export class ReplayGuard {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly windowMs = 10 * 60_000,
    private readonly max = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True the first time a key is offered within the window; false for a repeat. */
  firstTime(key: string): boolean {
    const t = this.now();
    const at = this.seen.get(key);
    if (at !== undefined && t - at < this.windowMs) return false;
    this.seen.delete(key);
    this.seen.set(key, t);
    if (this.seen.size > this.max) this.evict(t);
    return true;
  }

  private evict(t: number) {
    for (const [k, at] of this.seen) {
      if (t - at >= this.windowMs || this.seen.size > this.max * 0.9) this.seen.delete(k);
      else break;
    }
  }
}
