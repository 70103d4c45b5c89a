import type { TurnContext } from "botbuilder";

// When a message reached the server, taken before it waited for its conversation's turn lock. A
// typed answer carries no question id; comparing this with the time the open question was shown
// tells whether the clinician could have seen that question when they typed.

const ARRIVED_AT = "mskTriageArrivedAt";

/** Wall-clock milliseconds with sub-millisecond resolution, so a message and a card sent in the same millisecond still order. */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}

export function stampArrival(context: TurnContext, at: number = preciseNow()): void {
  if (context.turnState.get(ARRIVED_AT) === undefined) context.turnState.set(ARRIVED_AT, at);
}

export function arrivalOf(context: TurnContext): number | undefined {
  const at = context.turnState.get(ARRIVED_AT);
  return typeof at === "number" ? at : undefined;
}
