import { CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState } from "botbuilder";
import { TriageConversation } from "../dialogs/conversation.js";
import { loadPack } from "../rules/packs/index.js";
import { replyAndReset, TriageBot } from "./bot.js";
import { ChannelPresenter } from "./channels/presenter.js";
import type { Config } from "./config.js";
import { DuplicateActivityFilter } from "./dedupe.js";
import type { Logger } from "./logging.js";
import { createServer } from "./server.js";
import { createStorage } from "./storage.js";
import { ConversationTurnLock } from "./turn-lock.js";

// The composition root: builds adapter, state, dialogs, bot and server from config.

export { ERROR_NOTICE } from "./bot.js";

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
  adapter.onTurnError = replyAndReset(state, log);

  const server = createServer({ adapter, bot, log });
  return { server, adapter, bot, state, storage, pack };
}
