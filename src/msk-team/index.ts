import type { ConversationState, Storage, TurnContext } from "botbuilder";
import type { Presenter } from "../../dialogs/presenter.js";
import type { Pack } from "../../rules/packs/index.js";
import type { Logger } from "../logging.js";
import { dropPendingAsk, onAskClick, onPendingText } from "./ask.js";
import { AskState } from "./ask-state.js";
import type { MskQueryEvent, MskTeamDeps } from "./deps.js";

export type { MskQueryEvent } from "./deps.js";

import { withMskTeam } from "./outcome-hook.js";
import { recogniseQueueCommand, runQueueCommand } from "./queue-commands.js";
import type { Platform } from "./records.js";
import { remindOnce } from "./reminders.js";
import { onReplyClick } from "./reply.js";
import { MskTeamStore } from "./store.js";
import type { QueueTransport } from "./transport.js";

// The MSK team's query queue (Advice & Guidance in chat): set a queue in the team's channel, ask
// from an outcome, answer in the channel, the reply goes back. See docs/msk-team.md.

export interface MskTeamOptions {
  storage: Storage;
  state: ConversationState;
  pack: Pack;
  presenter: Presenter;
  log: Logger;
  members?: string[];
  reminderMinutes: number;
  clock?: () => Date;
  /** Told when a query is asked and when it is answered (wire the audit log here). */
  onQuery?: (event: MskQueryEvent) => void;
}

export class MskTeam {
  private readonly deps: MskTeamDeps;

  constructor(private readonly o: MskTeamOptions) {
    this.deps = {
      store: new MskTeamStore(o.storage),
      pack: o.pack,
      presenter: o.presenter,
      asks: new AskState(o.state),
      transports: {},
      members: o.members && o.members.length > 0 ? new Set(o.members) : undefined,
      reminderMinutes: o.reminderMinutes,
      clock: o.clock ?? (() => new Date()),
      log: o.log,
      onQuery: o.onQuery ?? (() => {}),
    };
  }

  /** Connects a platform (Teams at start-up; Slack once its channel exists). */
  use(platform: Platform, transport: QueueTransport): void {
    this.deps.transports[platform] = transport;
  }

  /** The presenter the triage conversation should use: outcomes remember their case and offer the ask. */
  presenter(inner: Presenter): Presenter {
    return withMskTeam(this.deps, this.o.state, inner);
  }

  /** Takes the message if it is the MSK team's (a queue command, an ask, a reply, an awaited question). */
  async handle(context: TurnContext): Promise<boolean> {
    const value = context.activity.value as Record<string, unknown> | undefined;
    if (value && typeof value === "object") {
      if (value.action === "askMskTeam") {
        await onAskClick(this.deps, context, value);
        return true;
      }
      if (value.action === "mskReply") {
        await onReplyClick(this.deps, context, value);
        return true;
      }
      // Any other button means the clinician moved on: a typed answer later must not become the
      // question for the team.
      await dropPendingAsk(this.deps, context);
    }
    const command = value ? undefined : recogniseQueueCommand(context.activity.text);
    if (command) {
      await runQueueCommand(this.deps, context, command);
      return true;
    }
    return onPendingText(this.deps, context);
  }

  /** One reminder round (exposed for tests); resolves with how many queries were posted. */
  remind(): Promise<number> {
    return remindOnce(this.deps);
  }

  /** Runs the reminder round every minute until the returned stop function is called. */
  startReminders(everyMs = 60_000): () => void {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      this.remind()
        .catch((err: unknown) =>
          this.o.log.error("msk_reminders_failed", { error: err instanceof Error ? err.name : "Error" }),
        )
        .finally(() => {
          running = false;
        });
    }, everyMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}
