import type { Activity, BotState, Middleware, TurnContext } from "botbuilder";
import type { Logger } from "../logging.js";
import { EtagConflictError } from "./etag.js";

// When two bot processes run turns of one conversation at once, the second to save gets an eTag
// conflict (see conditional-state.ts). Its state is not written, so its message must not vanish
// without a word. A card submit is stamped with the question it answers, so it is safe to run
// again on the fresh state: the dialog records it if that question is still pending, or says it
// was already answered. Typed text carries no question id: re-running it could attach "yes" to a
// question the clinician never saw, so it is never retried; the clinician is asked to reply again.
// Register this middleware last, so that `next` is the bot itself.

export const CONFLICT_NOTICE =
  "Two messages for this triage arrived at the same moment and the other one was saved first, so your last message was not used. Please check the latest question and reply again.";

export class EtagConflictGuard implements Middleware {
  constructor(
    private readonly state: BotState,
    private readonly log: Logger,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (await succeeded(next)) return;
    const retry = isStampedSubmit(context.activity);
    this.log.warn("state_conflict", { channel: context.activity.channelId, retry });
    await this.restart(context);
    if (retry) {
      if (await succeeded(next)) return;
      this.log.warn("state_conflict_again", { channel: context.activity.channelId });
      await this.restart(context);
    }
    await context.sendActivity({ type: "message", text: CONFLICT_NOTICE });
  }

  /** Forget what the failed attempt did: re-read state, and drop replies not yet delivered (expectReplies). */
  private async restart(context: TurnContext): Promise<void> {
    context.bufferedReplyActivities.length = 0;
    await this.state.load(context, true);
  }
}

/** Runs the turn: true if it finished, false if it ended in an eTag conflict; anything else is rethrown. */
async function succeeded(run: () => Promise<void>): Promise<boolean> {
  try {
    await run();
    return true;
  } catch (err) {
    if (err instanceof EtagConflictError) return false;
    throw err;
  }
}

function isStampedSubmit(activity: Partial<Activity>): boolean {
  const value = activity.value as { questionId?: unknown } | undefined;
  return typeof value === "object" && value !== null && typeof value.questionId === "string";
}
