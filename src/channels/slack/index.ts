import type { Middleware, Storage, TurnContext } from "botbuilder";
import type restify from "restify";
import { ArrivalStamp } from "../../arrival-stamp.js";
import type { TriageBot } from "../../bot.js";
import { DuplicateActivityFilter } from "../../dedupe.js";
import type { Logger } from "../../logging.js";
import { TransportTag } from "../../transport.js";
import { ConversationTurnLock } from "../../turn-lock.js";
import { handleCommand } from "./commands.js";
import type { SlackDeps } from "./context.js";
import { handleEvent } from "./events.js";
import { handleInteraction } from "./interactions.js";
import { Notices } from "./notices.js";
import { ReplayGuard } from "./replay-guard.js";
import { SLACK_PATHS, slackRoute } from "./routes.js";
import { SharedReplayGuard } from "./shared-replay-guard.js";
import { SlackAdapter } from "./slack-adapter.js";
import { BotIdentity, createWebClient, type SlackWebClient } from "./web-client.js";
import { WorkQueue } from "./work-queue.js";

// The Slack channel: its own transport (signed HTTP in, Web API out) around the same TriageBot,
// dialogs and conversation state as Teams. Mounted on the bot's restify server by src/app.ts.

export { SLACK_PATHS } from "./routes.js";

export interface SlackChannelOptions {
  botToken: string;
  signingSecret: string;
  apiUrl: string;
  bot: TriageBot;
  log: Logger;
  /** The same turn-error handler as the Teams adapter (logs, resets the conversation, tells the user). */
  onTurnError?: (context: TurnContext, error: Error) => Promise<void>;
  /** The same turn middleware as the Teams adapter (fresh instances); defaults to arrival stamp + dedupe + per-conversation lock. */
  middleware?: Middleware[];
  /** The shared store, where request signatures are remembered across restarts and instances. */
  replayStore?: Storage;
}

export interface SlackChannel {
  /** Adds POST /api/slack/events, /interactions and /commands to the server. */
  mount: (server: restify.Server) => void;
  adapter: SlackAdapter;
  web: SlackWebClient;
  /** Resolves when all acknowledged requests have finished their work. */
  idle: () => Promise<void>;
}

export function createSlackChannel(o: SlackChannelOptions): SlackChannel {
  const web = createWebClient(o.botToken, o.apiUrl, o.log);
  const adapter = new SlackAdapter(web);
  adapter.use(
    ...(o.middleware ?? [
      new ArrivalStamp(),
      new TransportTag("slack"),
      new DuplicateActivityFilter(),
      new ConversationTurnLock(),
    ]),
  );
  if (o.onTurnError) adapter.onTurnError = o.onTurnError;

  const deps: SlackDeps = {
    adapter,
    bot: o.bot,
    web,
    identity: new BotIdentity(web),
    events: new ReplayGuard(),
    notices: new Notices(web, o.apiUrl, o.log),
    log: o.log,
  };
  const queue = new WorkQueue(o.log);
  const routeDeps = {
    signingSecret: o.signingSecret,
    signatures: new SharedReplayGuard(new ReplayGuard(), o.replayStore, o.log),
    queue,
    log: o.log,
  };
  const header = (h: restify.Request["headers"], name: string) => {
    const v = h[name];
    return Array.isArray(v) ? v[0] : v;
  };

  const mount = (server: restify.Server) => {
    server.post(
      SLACK_PATHS.events,
      slackRoute(routeDeps, SLACK_PATHS.events, (body, h) =>
        handleEvent(deps, body, header(h, "x-slack-retry-num")),
      ),
    );
    server.post(
      SLACK_PATHS.interactions,
      slackRoute(routeDeps, SLACK_PATHS.interactions, (body) => handleInteraction(deps, body)),
    );
    server.post(
      SLACK_PATHS.commands,
      slackRoute(routeDeps, SLACK_PATHS.commands, (body) => handleCommand(deps, body)),
    );
  };
  return { mount, adapter, web, idle: () => queue.idle() };
}
