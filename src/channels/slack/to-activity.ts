import { type Activity, ActivityTypes } from "botbuilder";
import { extractFindings } from "../../../rules/extract/index.js";
import { recogniseQueueCommand } from "../../msk-team/queue-commands.js";
import {
  type AppMentionEvent,
  actionValue,
  type BlockActions,
  type MessageEvent,
  type SlashCommand,
} from "./payloads.js";
import { conversationIdOf, isDirectMessage, type SlackThread } from "./thread.js";

// Slack requests become Bot Framework message activities, so the same TriageBot, dialogs and state
// run for both channels. Only transport facts are translated here; nothing clinical.

export const SLACK_CHANNEL_ID = "slack";

export interface SlackChannelData {
  team: string;
  channel: string;
  threadTs?: string;
  responseUrl?: string;
}

interface Base {
  id: string;
  thread: SlackThread;
  user: string;
  /** The Slack display name, where the payload gives one (an MSK team member's answer shows it). */
  userName?: string;
  botUserId: string;
  text?: string;
  value?: Record<string, unknown>;
  replyToId?: string;
  /** The bot was addressed explicitly (a mention or the slash command): lets TriageBot answer in a channel. */
  addressed?: boolean;
  responseUrl?: string;
}

function activity(b: Base): Partial<Activity> {
  const personal = isDirectMessage(b.thread.channel);
  const channelData: SlackChannelData = { team: b.thread.team, channel: b.thread.channel };
  if (b.thread.threadTs) channelData.threadTs = b.thread.threadTs;
  if (b.responseUrl) channelData.responseUrl = b.responseUrl;
  const a: Partial<Activity> = {
    type: ActivityTypes.Message,
    id: b.id,
    channelId: SLACK_CHANNEL_ID,
    serviceUrl: "slack",
    timestamp: new Date(),
    from: { id: b.user, name: b.userName ?? "" },
    recipient: { id: b.botUserId, name: "" },
    conversation: {
      id: conversationIdOf(b.thread),
      conversationType: personal ? "personal" : "channel",
      isGroup: !personal,
      name: "",
    },
    text: b.text ?? "",
    channelData,
  };
  if (b.value) a.value = b.value;
  if (b.replyToId) a.replyToId = b.replyToId;
  if (b.addressed && !personal) {
    // TriageBot answers in shared conversations only when mentioned; the mention is already removed.
    a.entities = [{ type: "mention", mentioned: { id: b.botUserId, name: "" }, text: `<@${b.botUserId}>` }];
  }
  return a;
}

/** Slack escapes these three in message text; the answer parser wants what the clinician typed. */
export function decodeSlackText(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** Removes mentions of the bot (`<@U123>` or `<@U123|name>`) from a message. */
export function stripBotMention(text: string, botUserId: string): string {
  const own = new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, "g");
  return text.replace(own, " ").replace(/\s+/g, " ").trim();
}

/** A direct message to the app, or undefined when it is not one the bot should answer. */
export function fromDirectMessage(
  team: string,
  e: MessageEvent,
  botUserId: string,
): Partial<Activity> | undefined {
  // Edits, deletions, file shares and bot posts (including our own) come as subtypes or with bot_id.
  if (e.channel_type !== "im" || e.subtype || e.bot_id || !e.user || e.user === botUserId) return undefined;
  const text = decodeSlackText(stripBotMention(e.text ?? "", botUserId));
  const thread: SlackThread = { team, channel: e.channel, ...(e.thread_ts ? { threadTs: e.thread_ts } : {}) };
  return activity({ id: e.ts, thread, user: e.user, botUserId, text });
}

/** A mention in a channel: the bot answers in the message's thread (starting one if needed). */
export function fromAppMention(
  team: string,
  e: AppMentionEvent,
  botUserId: string,
): Partial<Activity> | undefined {
  if (e.bot_id || !e.user || e.user === botUserId) return undefined;
  // In a DM with the app the same message also arrives as message.im; answering both would duplicate.
  if (isDirectMessage(e.channel)) return undefined;
  const text = decodeSlackText(stripBotMention(e.text ?? "", botUserId));
  const thread: SlackThread = { team, channel: e.channel, threadTs: e.thread_ts ?? e.ts };
  return activity({ id: e.ts, thread, user: e.user, botUserId, text, addressed: true });
}

export type ParsedAction =
  | { ok: true; activity: Partial<Activity> }
  | { ok: false; reason: "no_channel" | "bad_value" };

/** A click on a button or a choice in a select menu of one of the bot's messages. */
export function fromBlockAction(p: BlockActions, botUserId: string): ParsedAction {
  const act = p.actions[0];
  const channel = p.channel?.id ?? p.container.channel_id;
  const team = p.team?.id ?? p.user.team_id;
  if (!act || !channel || !team) return { ok: false, reason: "no_channel" };
  const raw = act.selected_option?.value ?? act.value;
  let value: Record<string, unknown>;
  try {
    const parsed = actionValue.safeParse(JSON.parse(raw ?? ""));
    if (!parsed.success) return { ok: false, reason: "bad_value" };
    value = { ...textInputs(p), ...parsed.data };
  } catch {
    return { ok: false, reason: "bad_value" };
  }
  // A screen's buttons: the ticked checkboxes come from state.values, whichever button was pressed,
  // and reach the dialog as Teams would send them (a comma-separated `items`).
  if (typeof value.questionId === "string" && value.questionId.startsWith("screen:"))
    value = { ...value, items: tickedItems(p).join(",") };
  if (value.action === "mskReply") value = { ...value, ...queryInputs(p) };
  const threadTs = p.message?.thread_ts ?? p.container.thread_ts;
  const thread: SlackThread = { team, channel, ...(threadTs ? { threadTs } : {}) };
  const messageTs = p.container.message_ts ?? p.message?.ts;
  return {
    ok: true,
    activity: activity({
      id: `${messageTs ?? ""}/${act.action_ts ?? p.trigger_id ?? ""}`,
      thread,
      user: p.user.id,
      ...(p.user.name || p.user.username ? { userName: p.user.name ?? p.user.username } : {}),
      botUserId,
      value,
      addressed: true,
      ...(messageTs ? { replyToId: messageTs } : {}),
      ...(p.response_url ? { responseUrl: p.response_url } : {}),
    }),
  };
}

/** Text typed into inputs of the clicked message, by action id (Teams merges card inputs the same way). */
function textInputs(p: BlockActions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const block of Object.values(p.state?.values ?? {})) {
    for (const [actionId, input] of Object.entries(block)) {
      if (typeof input.value === "string") out[actionId] = input.value;
    }
  }
  return out;
}

/** The values of every ticked box of the message's `items` checkboxes. */
function tickedItems(p: BlockActions): string[] {
  const out: string[] = [];
  for (const block of Object.values(p.state?.values ?? {})) {
    const items = block.items;
    if (items?.type === "checkboxes") out.push(...(items.selected_options ?? []).map((o) => o.value));
  }
  return out;
}

/**
 * An MSK query's new route and note, read from the message's inputs by their action ids, as Teams
 * merges a card's inputs into the submitted value.
 */
function queryInputs(p: BlockActions): { route?: string; note?: string } {
  const out: { route?: string; note?: string } = {};
  for (const block of Object.values(p.state?.values ?? {})) {
    const route = block.route?.selected_option?.value;
    const note = block.note?.value;
    if (route) out.route = route;
    if (note) out.note = note;
  }
  return out;
}

/**
 * `/triage [text]`: always a new triage. Text with clinical findings is the quick check; otherwise
 * the plain word "triage", which (re)starts the triage even if one is running in this conversation.
 */
export function slashCommandText(text: string): string {
  const t = decodeSlackText(text).trim();
  if (!t) return "triage";
  if (isQueueCommand(t)) return t;
  return Object.keys(extractFindings(t).findings).length > 0 ? `triage ${t}` : "triage";
}

export function fromSlashCommand(c: SlashCommand, thread: SlackThread, botUserId: string): Partial<Activity> {
  return activity({
    id: c.trigger_id ?? `${c.channel_id}/${thread.threadTs ?? ""}/${c.user_id}`,
    thread,
    user: c.user_id,
    botUserId,
    text: slashCommandText(c.text),
    addressed: true,
    ...(c.response_url ? { responseUrl: c.response_url } : {}),
  });
}

/** `/triage queue here|off` and `/triage queue`: the MSK team's queue, answered in the channel itself. */
export function isQueueCommand(text: string): boolean {
  return recogniseQueueCommand(decodeSlackText(text)) !== undefined;
}
