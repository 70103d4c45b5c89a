import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  type TurnContext,
} from "botbuilder";
import { TriageConversation } from "../dialogs/conversation.js";
import { loadPack } from "../rules/packs/index.js";
import { TriageBot } from "./bot.js";
import { ChannelPresenter } from "./channels/presenter.js";
import type { Config } from "./config.js";
import { DuplicateActivityFilter } from "./dedupe.js";
import { errorFields, type Logger } from "./logging.js";
import { createServer } from "./server.js";
import { createStorage } from "./storage.js";
import { ConversationTurnLock } from "./turn-lock.js";

// The composition root: builds adapter, state, dialogs, bot and server from config.

export const ERROR_NOTICE =
  "Sorry, something went wrong on my side and this triage has been reset. If the patient may need emergency care, follow your local emergency process now. Type 'triage' to start again.";

export function createApp(config: Config, log: Logger) {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MicrosoftAppId ?? "",
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? "",
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? "",
    MicrosoftAppType: config.MicrosoftAppType,
  });
  const adapter = new CloudAdapter(auth);
  const storage = createStorage(config);
  const state = new ConversationState(storage);
  const pack = loadPack(config.TRIAGE_REGION);
  const presenter = new ChannelPresenter(log);
  const conversation = new TriageConversation(state, pack, presenter);
  const bot = new TriageBot(state, conversation, presenter, pack);

  adapter.use(new DuplicateActivityFilter());
  adapter.use(new ConversationTurnLock());
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    log.error("turn_failed", { channel: context.activity.channelId, ...errorFields(error) });
    try {
      await state.delete(context);
      await context.sendActivity({ type: "message", text: ERROR_NOTICE });
    } catch (err) {
      log.error("turn_error_reply_failed", errorFields(err));
    }
  };

  const server = createServer({ adapter, bot, log });
  return { server, adapter, bot, state, storage, pack };
}
