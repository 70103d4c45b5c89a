import type { Activity } from "botbuilder";
import { expect } from "vitest";
import type { Harness } from "./harness.js";
import { lastOutcome, lastQuestion, textOf } from "./replies.js";

// Transcript tables: each step is what the clinician says (text or a card submit) and what the
// bot's replies to that turn must show.

export interface Expect {
  /** The question the bot asks last in this turn (its card stamp). */
  asks?: string;
  /** The route of the outcome entity shown in this turn. */
  outcome?: string;
  /** No outcome may be shown in this turn. */
  noOutcome?: true;
  /** No question may be asked in this turn. */
  noQuestion?: true;
  /** The replies' text (fallback text of every message) must match. */
  says?: RegExp;
  /** Exactly this many replies. */
  replies?: number;
}

export type Step = [userSays: string | Partial<Activity>, botReplies: Expect];

/** A card submit as Teams sends it: no text, the button's data in `value`. */
export const click = (questionId: string, answer?: string | number): Partial<Activity> => ({
  type: "message",
  value: answer === undefined ? { questionId } : { questionId, answer },
});

/** A screen submit: the button pressed and the items ticked (Teams sends them comma-separated). */
export const screen = (id: string, answer: "none" | "these" | "unsure", ticked: string[] = []) => ({
  type: "message",
  value: { questionId: `screen:${id}`, answer, items: ticked.join(",") },
});

export async function runSteps(bot: Harness, steps: Step[]): Promise<Array<Array<Partial<Activity>>>> {
  const all: Array<Array<Partial<Activity>>> = [];
  for (const [i, [input, want]] of steps.entries()) {
    const updatesBefore = bot.adapter.updates.length;
    const replies = await bot.say(input);
    // The final outcome after an early emergency replaces that card: an update, not a reply.
    const shown = [...replies, ...bot.adapter.updates.slice(updatesBefore)];
    all.push(replies);
    const at = `step ${i + 1} (${typeof input === "string" ? input : JSON.stringify(input.value ?? input.text)})`;
    if (want.asks !== undefined) expect(lastQuestion(replies), at).toBe(want.asks);
    if (want.noQuestion) expect(lastQuestion(replies), at).toBeUndefined();
    if (want.outcome !== undefined) expect(lastOutcome(shown)?.route, at).toBe(want.outcome);
    if (want.noOutcome) expect(lastOutcome(shown), at).toBeUndefined();
    if (want.says) expect(textOf(replies), at).toMatch(want.says);
    if (want.replies !== undefined) expect(replies, at).toHaveLength(want.replies);
  }
  return all;
}
