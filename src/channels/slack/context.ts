import type { Activity } from "botbuilder";
import type { TriageBot } from "../../bot.js";
import type { Logger } from "../../logging.js";
import type { Notices } from "./notices.js";
import type { ReplayGuard } from "./replay-guard.js";
import type { SlackAdapter } from "./slack-adapter.js";
import type { BotIdentity, SlackWebClient } from "./web-client.js";

// What every Slack request handler is given. Handlers are plain functions of these, as in bolt's
// listener style: transport in the handler, conversation logic in the bot and dialogs.

export interface SlackDeps {
  adapter: SlackAdapter;
  bot: TriageBot;
  web: SlackWebClient;
  identity: BotIdentity;
  /** Event ids already handled (Slack retries an event with the same id). */
  events: ReplayGuard;
  notices: Notices;
  log: Logger;
}

/** What a route answers at once, and the work it does after the acknowledgement. */
export interface Ack {
  status: number;
  body?: unknown;
  work?: { kind: string; run: () => Promise<void>; onFailure: () => Promise<void> };
}

export const ACK: Ack = { status: 200 };

export async function runTurn(deps: SlackDeps, activity: Partial<Activity>): Promise<void> {
  await deps.adapter.processActivity(activity, (context) => deps.bot.run(context));
}
