import type { Middleware, TurnContext } from "botbuilder";

// Which transport a turn came in on, set by that transport's own pipeline (never read from the
// activity, which a caller writes). Conversation state is keyed by it, so an activity posted to
// /api/messages cannot name a Slack conversation's state, whatever channelId it claims.

export type Transport = "botframework" | "slack";

const TRANSPORT = "mskTriageTransport";

export class TransportTag implements Middleware {
  constructor(private readonly transport: Transport) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.turnState.set(TRANSPORT, this.transport);
    await next();
  }
}

/** The turn's transport; Bot Framework when no pipeline tagged it (tests on botbuilder's TestAdapter). */
export function transportOf(context: TurnContext): Transport {
  return context.turnState.get(TRANSPORT) === "slack" ? "slack" : "botframework";
}
