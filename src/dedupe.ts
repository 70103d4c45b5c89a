import type { Middleware, TurnContext } from "botbuilder";

// Teams resends a message when a reply takes over ~15 s, and people double-click. The same
// activity id seen again within the window is dropped before any dialog sees it.

export class DuplicateActivityFilter implements Middleware {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly windowMs = 10 * 60_000,
    private readonly max = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const a = context.activity;
    if (!a.id || a.type !== "message") return next();
    const key = `${a.channelId}|${a.conversation?.id}|${a.id}`;
    const t = this.now();
    const at = this.seen.get(key);
    if (at !== undefined && t - at < this.windowMs) return;
    this.seen.set(key, t);
    if (this.seen.size > this.max) this.evict(t);
    return next();
  }

  private evict(t: number) {
    for (const [k, at] of this.seen) {
      if (t - at >= this.windowMs || this.seen.size > this.max * 0.9) this.seen.delete(k);
      else break;
    }
  }
}
