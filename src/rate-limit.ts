import { ActivityTypes, type Middleware, type TurnContext } from "botbuilder";
import type { Logger } from "./logging.js";
import { transportOf } from "./transport.js";

// Per-user and per-tenant (Teams tenant, Slack workspace) message limits, counted in one-minute
// windows in this process. A message over either limit is not used; the sender is told to slow
// down, once per window, so a flood does not become a flood of replies. Placed before the turn
// lock, so limited messages never queue behind real ones.

export const SLOW_DOWN_NOTICE =
  "You are sending messages faster than I can safely handle, so your last message was not used. Please slow down, wait a moment and then answer the latest question again.";

export interface RateLimits {
  perUserPerMinute: number;
  perTenantPerMinute: number;
}

interface Window {
  start: number;
  count: number;
  warned: boolean;
}

const WINDOW_MS = 60_000;
/** Keys kept at most; beyond that the oldest windows go first (they are the least useful). */
const MAX_KEYS = 100_000;

export class RateLimiter implements Middleware {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limits: RateLimits,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const a = context.activity;
    if (a.type !== ActivityTypes.Message) return next();
    const transport = transportOf(context);
    const user = `${transport}|u|${a.channelId}|${a.from?.id ?? ""}`;
    const tenant = tenantOf(context);
    const t = this.now();
    const userWindow = this.count(user, t);
    const tenantWindow = tenant ? this.count(`${transport}|t|${tenant}`, t) : undefined;
    const over =
      userWindow.count > this.limits.perUserPerMinute ||
      (tenantWindow !== undefined && tenantWindow.count > this.limits.perTenantPerMinute);
    if (!over) return next();
    this.log.warn("rate_limited", {
      channel: a.channelId,
      scope: userWindow.count > this.limits.perUserPerMinute ? "user" : "tenant",
    });
    if (userWindow.warned) return;
    userWindow.warned = true;
    await context.sendActivity({ type: ActivityTypes.Message, text: SLOW_DOWN_NOTICE });
  }

  private count(key: string, t: number): Window {
    let w = this.windows.get(key);
    if (!w || t - w.start >= WINDOW_MS) {
      this.windows.delete(key);
      w = { start: t, count: 0, warned: false };
      this.windows.set(key, w);
      if (this.windows.size > MAX_KEYS) this.evict(t);
    }
    w.count += 1;
    return w;
  }

  private evict(t: number) {
    for (const [k, w] of this.windows) {
      if (t - w.start >= WINDOW_MS || this.windows.size > MAX_KEYS * 0.9) this.windows.delete(k);
      else break;
    }
  }
}

/** The organisation a message comes from: the Teams tenant or the Slack workspace. */
function tenantOf(context: TurnContext): string | undefined {
  const a = context.activity;
  const data = (a.channelData ?? {}) as { tenant?: { id?: unknown }; team?: unknown };
  const id = a.conversation?.tenantId ?? data.tenant?.id ?? data.team;
  return typeof id === "string" && id ? id : undefined;
}
