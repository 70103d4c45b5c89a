import { ConfigurationBotFrameworkAuthentication, type Middleware, type Storage } from "botbuilder";
import { TriageConversation } from "../dialogs/conversation.js";
import { SessionStore } from "../dialogs/session-store.js";
import { packForDeployment } from "../rules/packs/index.js";
import { ArrivalStamp } from "./arrival-stamp.js";
import {
  type AuditLog,
  auditingPresenter,
  ConcernReports,
  createAuditLog,
  keyedHasher,
} from "./audit/index.js";
import { replyAndReset, TriageBot } from "./bot.js";
import { keepEntityFields } from "./channels/entity-fields.js";
import { ChannelPresenter } from "./channels/presenter.js";
import type { SlackChannel } from "./channels/slack/index.js";
import { SLACK_PATHS } from "./channels/slack/paths.js";
import type { Config } from "./config.js";
import { DuplicateActivityFilter } from "./dedupe.js";
import { TriageCloudAdapter } from "./http/cloud-adapter.js";
import { errorFields, type Logger } from "./logging.js";
import { type MskQueryEvent, MskTeam } from "./msk-team/index.js";
import { TeamsQueueTransport } from "./msk-team/teams-transport.js";
import { RateLimiter } from "./rate-limit.js";
import { createServer } from "./server.js";
import {
  ConditionalConversationState,
  createStorage,
  DeadlineStorage,
  EtagConflictGuard,
  prepareStorage,
  probeStorage,
  StorageFaultGuard,
  StorageHealth,
} from "./storage.js";
import { type Transport, TransportTag } from "./transport.js";
import { ConversationTurnLock } from "./turn-lock.js";

// The composition root: builds adapter, state, dialogs, bot and server from config. Asynchronous
// because the optional parts (Slack, Blob storage, the Table audit) are imported only when config
// asks for them: their SDKs would otherwise cost every server tens of MB and start-up time.

export { ERROR_NOTICE } from "./bot.js";

/**
 * `overrides.storage` replaces the configured store (tests wrap it to force timing);
 * `overrides.clock` sets the MSK team's clock (tests move it on to reach a reminder);
 * `overrides.onMskQuery` hears each MSK team query asked and answered (the audit hears them too);
 * `overrides.audit` replaces the configured audit log.
 */
export async function createApp(
  config: Config,
  log: Logger,
  overrides: {
    storage?: Storage;
    clock?: () => Date;
    onMskQuery?: (event: MskQueryEvent) => void;
    audit?: AuditLog;
  } = {},
) {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MicrosoftAppId ?? "",
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? "",
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? "",
    MicrosoftAppType: config.MicrosoftAppType,
  });
  const adapter = new TriageCloudAdapter(auth);
  keepEntityFields();
  // Every optional import is awaited here, before anything below starts work of its own.
  const store = overrides.storage ?? (await createStorage(config));
  // Clinical audit (AUDIT=table): every outcome shown is recorded after it is sent; concerns and
  // MSK team queries too.
  const audit = overrides.audit ?? (await createAuditLog(config, log));
  const slackParts = config.slackEnabled ? await importSlack() : undefined;
  // Creates the blob container if missing; rejects (StorageUnavailableError) if storage is unreachable.
  const ready = prepareStorage(store);
  // Every call after start-up has a deadline, and its outcome feeds /healthz and /readyz.
  const health = new StorageHealth();
  const storage = new DeadlineStorage(store, config.STORAGE_TIMEOUT_MS, health);
  // Writes only if the conversation is still the version this turn read (scale-out safe).
  const state = new ConditionalConversationState(storage);
  const pack = packForDeployment(
    config.TRIAGE_REGION,
    config.msccContact ? { msccContact: config.msccContact } : {},
  );
  const presenter = new ChannelPresenter(log);
  const hash = keyedHasher(config.AUDIT_HASH_KEY);
  const concerns = new ConcernReports({ audit, presenter, hash, log });
  // The MSK team's query queue: outcomes offer "Ask the MSK team" while a queue exists.
  const mskTeam = new MskTeam({
    storage,
    state,
    pack,
    presenter,
    log,
    reminderMinutes: config.MSK_REMINDER_MINUTES,
    ...(config.MSK_TEAM_MEMBERS ? { members: config.MSK_TEAM_MEMBERS } : {}),
    ...(overrides.clock ? { clock: overrides.clock } : {}),
    onQuery: (event) => {
      audit.mskQuery(event);
      overrides.onMskQuery?.(event);
    },
  });
  mskTeam.use("teams", new TeamsQueueTransport(adapter, config.MicrosoftAppId ?? ""));
  const shown = auditingPresenter(mskTeam.presenter(presenter), {
    audit,
    sessions: new SessionStore(state),
    pack,
    hash,
    log,
  });
  const conversation = new TriageConversation(state, pack, shown);
  const bot = new TriageBot(
    state,
    conversation,
    presenter,
    pack,
    async (context) => (await mskTeam.handle(context)) || (await concerns.handle(context)),
    { idleMinutes: config.TRIAGE_IDLE_MINUTES },
  );

  const rateLimits = {
    perUserPerMinute: config.RATE_LIMIT_USER_PER_MINUTE,
    perTenantPerMinute: config.RATE_LIMIT_TENANT_PER_MINUTE,
  };
  // One pipeline per adapter (Teams and Slack), fresh instances each.
  const turnMiddleware = (transport: Transport): Middleware[] => [
    new ArrivalStamp(), // first: before the turn lock makes the message wait
    new TransportTag(transport),
    new RateLimiter(rateLimits, log), // before the lock: a flood never queues ahead of real turns
    new DuplicateActivityFilter(),
    new ConversationTurnLock(),
    {
      onTurn: async (_context, next) => {
        await ready; // no turn before the container exists
        await next();
      },
    },
    new StorageFaultGuard(pack, presenter, log),
    new EtagConflictGuard(state, log), // last: it may run the bot a second time
  ];
  adapter.use(...turnMiddleware("botframework"));
  adapter.onTurnError = replyAndReset(state, log);

  // Slack (docs/interfaces.md §3): the same bot, dialogs and state behind Slack's own transport.
  let slack: SlackChannel | undefined;
  if (slackParts) {
    const { createSlackChannel, SlackQueueTransport } = slackParts;
    slack = createSlackChannel({
      botToken: config.SLACK_BOT_TOKEN as string,
      signingSecret: config.SLACK_SIGNING_SECRET as string,
      apiUrl: config.SLACK_API_URL,
      bot,
      log,
      onTurnError: replyAndReset(state, log),
      middleware: turnMiddleware("slack"),
      replayStore: storage,
    });
    mskTeam.use("slack", new SlackQueueTransport(slack.web, slack.adapter));
  }

  const server = createServer({
    adapter,
    bot,
    log,
    mount: slack ? [slack.mount] : [],
    formRoutes: slack ? [SLACK_PATHS.interactions, SLACK_PATHS.commands] : [],
    requireAuth: !config.anonymous,
    botFramework: config.BOT_FRAMEWORK_ENDPOINT === "on",
    loopbackServiceUrlOnly: config.anonymous,
    limits: {
      maxBodyBytes: 256 * 1024,
      maxConnections: config.HTTP_MAX_CONNECTIONS,
      headersTimeoutMs: config.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
    },
    storage: { health, probe: () => probeStorage(storage) },
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
  return { server, adapter, bot, state, storage: store, pack, ready, slack, health, mskTeam, audit };
}

/** The Slack channel and its MSK team transport, imported only when Slack is configured. */
async function importSlack() {
  const [{ createSlackChannel }, { SlackQueueTransport }] = await Promise.all([
    import("./channels/slack/index.js"),
    import("./msk-team/slack-transport.js"),
  ]);
  return { createSlackChannel, SlackQueueTransport };
}

/** A running bot as createApp builds it. */
export type App = Awaited<ReturnType<typeof createApp>>;
