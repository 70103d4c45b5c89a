import type { Activity, ConversationReference, TurnContext } from "botbuilder";
import type { PostRef, QueueTarget } from "./records.js";

// How the bot reaches a conversation it is not answering right now: the queue (a new post per
// query, updated in place later) and the clinician who asked. One implementation per platform.

export interface QueueTransport {
  /**
   * Posts a new message to the queue; resolves with where it went. `current` is the turn asking
   * for it: when that turn is in the queue's own conversation (a group chat used for both), the
   * message goes through it, since a proactive turn there would wait for this one to end.
   */
  post(target: QueueTarget, message: Partial<Activity>, current?: TurnContext): Promise<PostRef>;
  /** Replaces a posted message (the answered query). */
  update(target: QueueTarget, post: PostRef, message: Partial<Activity>): Promise<void>;
  /** Runs `send` in a turn of another conversation (the clinician's), without waiting to be asked. */
  continueIn(
    reference: Partial<ConversationReference>,
    send: (context: TurnContext) => Promise<void>,
  ): Promise<void>;
}

/** A Teams channel conversation id names its thread after `;messageid=`: the thread's first post. */
export function threadRootId(conversationId: string): string | undefined {
  return /;messageid=([^;]+)$/.exec(conversationId)?.[1];
}

/**
 * Runs `logic` in a proactive turn and rethrows what it threw. An adapter hands a turn's error to
 * its onTurnError, which resets the conversation and tells the clinician the triage failed: right
 * for their own message, wrong for a message the bot could not deliver to them.
 */
export async function rethrowing(
  run: (logic: (context: TurnContext) => Promise<void>) => Promise<void>,
  logic: (context: TurnContext) => Promise<void>,
): Promise<void> {
  let failure: { error: unknown } | undefined;
  await run(async (context) => {
    try {
      await logic(context);
    } catch (error) {
      failure = { error };
    }
  });
  if (failure) throw failure.error;
}
