import {
  ActivityHandler,
  ActivityTypes,
  type ConversationState,
  type StatePropertyAccessor,
  TurnContext,
} from "botbuilder";
import type { TriageConversation } from "../dialogs/conversation.js";
import type { Presenter } from "../dialogs/presenter.js";
import { scopeOf } from "../dialogs/scope.js";
import { isReviewOverdue } from "../rules/engine/decide.js";
import type { Pack } from "../rules/packs/index.js";
import { errorFields, type Logger } from "./logging.js";
import { LATE_WRITE_DISCARDED } from "./storage/late-write.js";

// The bot only routes: Teams transport details (mentions, install events) here, the conversation
// in dialogs/, clinical decisions in rules/. State is saved at the end of every turn.

/** How many recent message ids each conversation remembers (see TriageBot.seenBefore). */
const REMEMBERED_IDS = 30;

export class TriageBot extends ActivityHandler {
  private readonly welcomed: StatePropertyAccessor<boolean>;
  private readonly recentIds: StatePropertyAccessor<string[]>;
  private readonly lateWrite: StatePropertyAccessor<boolean>;

  private readonly lastActive: StatePropertyAccessor<number>;
  /** Read only to word the expiry notice; the session belongs to dialogs/. */
  private readonly session: StatePropertyAccessor<unknown>;
  private readonly idleMs: number;
  private readonly now: () => number;

  constructor(
    private readonly state: ConversationState,
    private readonly conversation: TriageConversation,
    private readonly presenter: Presenter,
    private readonly pack: Pack,
    /** Takes a message before the triage conversation does (the MSK team's, a concern report); true when handled. */
    private readonly intercept?: (context: TurnContext) => Promise<boolean>,
    lifecycle: { idleMinutes?: number; now?: () => number } = {},
  ) {
    super();
    this.idleMs = (lifecycle.idleMinutes ?? 60) * 60_000;
    this.now = lifecycle.now ?? Date.now;
    this.lastActive = state.createProperty<number>("lastActiveAt");
    this.session = state.createProperty<unknown>("triageSession");
    this.welcomed = state.createProperty<boolean>("welcomed");
    this.recentIds = state.createProperty<string[]>("recentMessageIds");

    this.lateWrite = state.createProperty<boolean>(LATE_WRITE_DISCARDED);

    this.onMessage(async (context, next) => {
      if (isForgetMe(context.activity.text)) {
        await this.forget(context);
        return next();
      }
      await this.expireIfIdle(context);
      if (await this.lateWrite.get(context, false)) {
        await this.lateWrite.delete(context);
        await context.sendActivity({ type: ActivityTypes.Message, text: LATE_WRITE_NOTICE });
      }
      if (!(await this.seenBefore(context)) && this.shouldHandle(context)) {
        if (!(await this.intercept?.(context))) await this.conversation.onMessage(context);
      }
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botAdded = context.activity.membersAdded?.some((m) => m.id === context.activity.recipient?.id);
      if (botAdded || scopeOf(context) === "personal") await this.welcomeOnce(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.welcomeOnce(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.state.saveChanges(context, false);
  }

  /**
   * In channels and group chats the bot answers only when @mentioned (card clicks carry no mention),
   * and reads the text with the mention removed.
   */
  private shouldHandle(context: TurnContext): boolean {
    const a = context.activity;
    if (a.value) return true;
    if (scopeOf(context) === "shared") {
      const mentioned = TurnContext.getMentions(a).some((m) => m.mentioned?.id === a.recipient?.id);
      if (!mentioned) return false;
    }
    if (a.text) a.text = TurnContext.removeRecipientMention(a)?.trim() ?? a.text;
    return true;
  }

  /**
   * A resent message (Teams retries after ~15 s) may reach another instance, whose in-memory
   * duplicate filter has never seen it. The conversation's own state, shared by every instance,
   * remembers the last few message ids so a typed answer is never applied twice.
   */
  private async seenBefore(context: TurnContext): Promise<boolean> {
    const id = context.activity.id;
    if (!id) return false;
    const ids = (await this.recentIds.get(context, [])) ?? [];
    if (ids.includes(id)) return true;
    await this.recentIds.set(context, [...ids.slice(-(REMEMBERED_IDS - 1)), id]);
    return false;
  }

  /** `forget me`: everything stored for this conversation is deleted now, and the clinician told so. */
  private async forget(context: TurnContext): Promise<void> {
    await this.state.delete(context);
    await context.sendActivity({ type: ActivityTypes.Message, text: FORGOTTEN_NOTICE });
  }

  /** A conversation untouched for the idle time starts clean: its stored state is deleted first. */
  private async expireIfIdle(context: TurnContext): Promise<void> {
    const last = await this.lastActive.get(context);
    const t = this.now();
    if (typeof last === "number" && t - last > this.idleMs) {
      const hadTriage = (await this.session.get(context)) !== undefined;
      await this.state.delete(context);
      if (hadTriage) await context.sendActivity({ type: ActivityTypes.Message, text: EXPIRED_NOTICE });
    }
    await this.lastActive.set(context, t);
  }

  private async welcomeOnce(context: TurnContext) {
    if (await this.welcomed.get(context, false)) return;
    await this.welcomed.set(context, true);
    await this.presenter.send(context, {
      kind: "welcome",
      scope: scopeOf(context),
      regionName: this.pack.data.regionName,
      rulesVersion: this.pack.rulesVersion,
      reviewOverdue: isReviewOverdue(this.pack),
    });
  }
}

export const FORGOTTEN_NOTICE =
  "Done: I have deleted everything I had stored for this conversation, including any triage in progress. Type 'triage' to start a new one.";

export const EXPIRED_NOTICE =
  "Your earlier triage had no answer for a while, so it expired and its answers were deleted. Type 'triage' to start again.";

const FORGET_ME = /^(forget me|\/forget|forget this conversation|delete my data)[.!]?$/i;

function isForgetMe(text: string | undefined): boolean {
  return FORGET_ME.test((text ?? "").replace(/<at>[^<]*<\/at>/g, "").trim());
}

export const LATE_WRITE_NOTICE =
  "An earlier answer of yours reached my records only after I had said it was not used, so I did not use it and that triage was stopped. Type 'triage' to start again.";

export const ERROR_NOTICE =
  "Sorry, something went wrong on my side and this triage has been reset. If the patient may need emergency care, follow your local emergency process now. Type 'triage' to start again.";

/**
 * The adapter's onTurnError: log (no message text), drop the conversation's state so the next
 * message starts clean, and tell the clinician in plain text (no card that could fail to render)
 * that the emergency route does not depend on the bot.
 */
export function replyAndReset(state: ConversationState, log: Logger) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    log.error("turn_failed", { channel: context.activity.channelId, ...errorFields(error) });
    // The notice first: if storage is what failed, the delete below fails too.
    try {
      await context.sendActivity({ type: ActivityTypes.Message, text: ERROR_NOTICE });
    } catch (err) {
      log.error("turn_error_reply_failed", errorFields(err));
    }
    try {
      await state.delete(context);
    } catch (err) {
      log.error("turn_error_reset_failed", errorFields(err));
    }
  };
}
