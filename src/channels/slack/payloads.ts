import { z } from "zod";

/** Slack ids and timestamps are short; a long one is not Slack's, and ids end up in stored state. */
const id = z.string().min(1).max(255);
const optId = z.string().max(255).optional();

// The parts of Slack's inbound payloads the bot reads, checked at the boundary. Anything else in a
// payload is ignored; a payload that does not fit is acknowledged and dropped (logged, no reply).

const messageEvent = z.object({
  type: z.literal("message"),
  channel: id,
  channel_type: z.string().optional(),
  user: optId,
  text: z.string().max(50_000).optional(),
  ts: id,
  thread_ts: optId,
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
});

const appMentionEvent = z.object({
  type: z.literal("app_mention"),
  channel: id,
  user: optId,
  text: z.string().max(50_000).optional(),
  ts: id,
  thread_ts: optId,
  bot_id: z.string().optional(),
});

export const eventEnvelope = z.discriminatedUnion("type", [
  z.object({ type: z.literal("url_verification"), challenge: z.string() }),
  z.object({
    type: z.literal("event_callback"),
    team_id: id,
    event_id: id,
    // Other event types are acknowledged and ignored, so the event itself is parsed separately.
    event: z.object({ type: z.string() }).loose(),
    authorizations: z
      .array(z.object({ user_id: z.string().optional(), is_bot: z.boolean().optional() }))
      .optional(),
  }),
]);

export const slackEvent = z.discriminatedUnion("type", [messageEvent, appMentionEvent]);

export type MessageEvent = z.infer<typeof messageEvent>;
export type AppMentionEvent = z.infer<typeof appMentionEvent>;

const action = z.object({
  action_id: z.string().max(255),
  action_ts: optId,
  value: z.string().optional(),
  selected_option: z.object({ value: z.string() }).optional(),
});

export const blockActions = z.object({
  type: z.literal("block_actions"),
  team: z.object({ id }).nullish(),
  user: z.object({ id, team_id: optId, name: optId, username: optId }),
  channel: z.object({ id }).optional(),
  container: z.object({
    message_ts: optId,
    channel_id: optId,
    thread_ts: optId,
  }),
  message: z.object({ ts: id, thread_ts: optId }).optional(),
  actions: z.array(action).min(1),
  /**
   * Inputs' current values by block and action id: a screen's ticked checkboxes, an MSK query's
   * new route (a select) and note (a text input), a concern's note.
   */
  state: z
    .object({
      values: z.record(
        z.string(),
        z.record(
          z.string(),
          z
            .object({
              type: z.string(),
              selected_options: z.array(z.object({ value: z.string() })).optional(),
              selected_option: z.object({ value: z.string() }).nullish(),
              value: z.string().nullish(),
            })
            .loose(),
        ),
      ),
    })
    .optional(),
  response_url: z.string().optional(),
  trigger_id: optId,
});

export type BlockActions = z.infer<typeof blockActions>;

/** Which triage (and question) the button belongs to; added to the CONTRACT fields by the presenter. */
const stamp = { triage: z.string().min(1).optional(), seq: z.number().int().optional() };

/** The JSON in a button's or select option's value (docs/interfaces.md §3). */
export const actionValue = z.union([
  z.object({ questionId: z.string().min(1), answer: z.union([z.string(), z.number()]), ...stamp }),
  z.object({ command: z.string().min(1), ...stamp }),
  z.object({ action: z.literal("askMskTeam"), ...stamp }),
  z.object({
    action: z.literal("mskReply"),
    queryId: z.string().min(1).max(100),
    reply: z.enum(["agree", "change", "call"]),
  }),
  // "Report a concern" and the concern prompt's kind buttons: their own fields are checked by their handler.
  z.looseObject({ action: z.literal("reportConcern"), ...stamp }),
]);

export const slashCommand = z.object({
  command: z.string(),
  text: z.string().max(50_000).default(""),
  team_id: id,
  channel_id: id,
  user_id: id,
  response_url: z.string().max(2_000).optional(),
  trigger_id: optId,
});

export type SlashCommand = z.infer<typeof slashCommand>;
