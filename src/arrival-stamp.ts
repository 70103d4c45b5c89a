import type { Middleware, TurnContext } from "botbuilder";
import { preciseNow, stampArrival } from "../dialogs/arrival.js";

// First in every pipeline: notes when the message arrived, before the turn lock makes it wait.

export class ArrivalStamp implements Middleware {
  constructor(private readonly now: () => number = preciseNow) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    stampArrival(context, this.now());
    await next();
  }
}
