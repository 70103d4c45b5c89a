import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Middleware,
  type Storage,
} from "botbuilder";
import { TriageConversation } from "../dialogs/conversation.js";
import { SessionStore } from "../dialogs/session-store.js";
import { packForDeployment } from "../rules/packs/index.js";
import {
  type AuditLog,
  auditingPresenter,
  ConcernReports,
  createAuditLog,
  keyedHasher,
} from "./audit/index.js";
import { replyAndReset, TriageBot } from "./bot.js";
import { ChannelPresenter } from "./channels/presenter.js";
import { createSlackChannel } from "./channels/slack/index.js";
import type { Config } from "./config.js";
import { DuplicateActivityFilter } from "./dedupe.js";
import { errorFields, type Logger } from "./logging.js";
import { createServer } from "./server.js";
import { ConditionalConversationState, createStorage, EtagConflictGuard, prepareStorage } from "./storage.js";
import { ConversationTurnLock } from "./turn-lock.js";

// The composition root: builds adapter, state, dialogs, bot and server from config.

export { ERROR_NOTICE } from "./bot.js";

/** `overrides.audit` replaces the configured audit log; `overrides.storage` replaces the configured store (tests wrap it to force timing). */
export function createApp(
  config: Config,
  log: Logger,
  overrides: { storage?: Storage; audit?: AuditLog } = {},
) {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MicrosoftAppId ?? "",
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? "",
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? "",
    MicrosoftAppType: config.MicrosoftAppType,
  });
  const adapter = new CloudAdapter(auth);
  const storage = overrides.storage ?? createStorage(config);
  // Creates the blob container if missing; rejects (StorageUnavailableError) if storage is unreachable.
  const ready = prepareStorage(storage);
  // Writes only if the conversation is still the version this turn read (scale-out safe).
  const state = new ConditionalConversationState(storage);
  const pack = packForDeployment(
    config.TRIAGE_REGION,
    config.msccContact ? { msccContact: config.msccContact } : {},
  );
  const presenter = new ChannelPresenter(log);
  // Clinical audit (AUDIT=table): every outcome shown is recorded after it is sent; concerns too.
  const audit = overrides.audit ?? createAuditLog(config, log);
  const hash = keyedHasher(config.AUDIT_HASH_KEY);
  const shown = auditingPresenter(presenter, { audit, sessions: new SessionStore(state), pack, hash, log });
  const concerns = new ConcernReports({ audit, presenter, hash, log });
  const conversation = new TriageConversation(state, pack, shown);
  const bot = new TriageBot(state, conversation, presenter, pack, (context) => concerns.handle(context));

  // One pipeline per adapter (Teams and Slack), fresh instances each.
  const turnMiddleware = (): Middleware[] => [
    new DuplicateActivityFilter(),
    new ConversationTurnLock(),
    {
      onTurn: async (_context, next) => {
        await ready; // no turn before the container exists
        await next();
      },
    },
    new EtagConflictGuard(state, log), // last: it may run the bot a second time
  ];
  adapter.use(...turnMiddleware());
  adapter.onTurnError = replyAndReset(state, log);

  // Slack (docs/interfaces.md §3): the same bot, dialogs and state behind Slack's own transport.
  const slack = config.slackEnabled
    ? createSlackChannel({
        botToken: config.SLACK_BOT_TOKEN as string,
        signingSecret: config.SLACK_SIGNING_SECRET as string,
        apiUrl: config.SLACK_API_URL,
        bot,
        log,
        onTurnError: replyAndReset(state, log),
        middleware: turnMiddleware(),
      })
    : undefined;

  const server = createServer({
    adapter,
    bot,
    log,
    mount: slack ? [slack.mount] : [],
    requireAuth: !config.anonymous,
  });
  ready.catch((err) => {
    // A bot that cannot keep conversation state must not take turns: stop listening and let the
    // process exit non-zero so the host (App Service, a container orchestrator) sees the failure.
    log.error("storage_unavailable", errorFields(err));
    process.exitCode = 1;
    const http = server.server;
    if (http.listening) server.close();
    else http.once("listening", () => server.close());
  });
  return { server, adapter, bot, state, storage, pack, ready, slack, audit };
}
