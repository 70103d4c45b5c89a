import { ActivityTypes, type Middleware, type TurnContext } from "botbuilder";
import type { Presenter } from "../../dialogs/presenter.js";
import { emergencyFromMessage, STORAGE_DOWN_NOTICE } from "../../dialogs/stateless-advice.js";
import type { Pack } from "../../rules/packs/index.js";
import { errorFields, type Logger } from "../logging.js";
import { isStorageFault } from "./deadline-store.js";

// A turn whose state cannot be read or saved (storage down or past its deadline) must not end in
// silence: the clinician gets the emergency advice the message itself shows, if any, and a plain
// notice that the triage cannot continue. Nothing of the turn is kept, so its answer is never
// applied later. Registered after the turn lock and before the eTag guard.

export class StorageFaultGuard implements Middleware {
  constructor(
    private readonly pack: Pack,
    private readonly presenter: Presenter,
    private readonly log: Logger,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    try {
      await next();
    } catch (err) {
      if (!isStorageFault(err)) throw err;
      this.log.error("storage_fault_in_turn", { channel: context.activity.channelId, ...errorFields(err) });
      // Replies still waiting for the HTTP response (expectReplies) came from a turn that was not saved.
      context.bufferedReplyActivities.length = 0;
      await this.tell(context);
    }
  }

  private async tell(context: TurnContext): Promise<void> {
    const a = context.activity;
    if (a.type !== ActivityTypes.Message) return;
    const advice =
      typeof a.text === "string" && !a.value ? emergencyFromMessage(this.pack, a.text) : undefined;
    if (advice) {
      try {
        await this.presenter.send(context, advice);
      } catch (err) {
        this.log.error("storage_fault_advice_failed", errorFields(err));
      }
    }
    await context.sendActivity({ type: ActivityTypes.Message, text: STORAGE_DOWN_NOTICE });
  }
}
