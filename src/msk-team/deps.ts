import type { TurnContext } from "botbuilder";
import type { MskReply } from "../../cards/msk-team/views.js";
import type { NoticeView } from "../../cards/views.js";
import type { Presenter } from "../../dialogs/presenter.js";
import type { Pack } from "../../rules/packs/index.js";
import type { Logger } from "../logging.js";
import type { AskState } from "./ask-state.js";
import type { Platform } from "./records.js";
import type { MskTeamStore } from "./store.js";
import type { QueueTransport } from "./transport.js";

// What every part of the MSK team feature is given (built once in index.ts).

export interface MskTeamDeps {
  store: MskTeamStore;
  pack: Pack;
  presenter: Presenter;
  asks: AskState;
  transports: Partial<Record<Platform, QueueTransport>>;
  /** Teams AAD object ids or Slack user ids; undefined = anyone in the queue's conversation. */
  members: ReadonlySet<string> | undefined;
  reminderMinutes: number;
  clock: () => Date;
  log: Logger;
  /** Told when a query is asked and when it is answered (the audit keeps both with the outcome). */
  onQuery: (event: MskQueryEvent) => void;
}

/** What the audit needs of a query: no text, no ids of people or conversations. */
export interface MskQueryEvent {
  triageId: string;
  queryId: string;
  askedAt: Date;
  repliedAt?: Date;
  reply?: MskReply;
}

export function platformOf(context: TurnContext): Platform {
  return context.activity.channelId === "slack" ? "slack" : "teams";
}

export async function notice(
  deps: MskTeamDeps,
  context: TurnContext,
  text: string,
  tone: NoticeView["tone"] = "info",
) {
  await deps.presenter.send(context, { kind: "notice", tone, text });
}

/** MSK_TEAM_MEMBERS: Teams names a person by their AAD object id, Slack by the user id. */
export function isMember(deps: MskTeamDeps, context: TurnContext): boolean {
  if (!deps.members) return true;
  const from = context.activity.from;
  const id = platformOf(context) === "slack" ? from?.id : from?.aadObjectId;
  return id !== undefined && deps.members.has(id);
}

export const NOT_A_MEMBER =
  "Sorry, only members of the MSK team can do that here. If you should be able to, ask whoever runs the bot to add you to the team list.";
