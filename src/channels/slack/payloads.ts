import { z } from "zod";

// The parts of Slack's inbound payloads the bot reads, checked at the boundary. Anything else in a
// payload is ignored; a payload that does not fit is acknowledged and dropped (logged, no reply).

const messageEvent = z.object({
  type: z.literal("message"),
  channel: z.string().min(1),
  channel_type: z.string().optional(),
  user: z.string().optional(),
  text: z.string().optional(),
  ts: z.string().min(1),
  thread_ts: z.string().optional(),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
});

const appMentionEvent = z.object({
  type: z.literal("app_mention"),
  channel: z.string().min(1),
  user: z.string().optional(),
  text: z.string().optional(),
  ts: z.string().min(1),
  thread_ts: z.string().optional(),
  bot_id: z.string().optional(),
});

export const eventEnvelope = z.discriminatedUnion("type", [
  z.object({ type: z.literal("url_verification"), challenge: z.string() }),
  z.object({
    type: z.literal("event_callback"),
    team_id: z.string().min(1),
    event_id: z.string().min(1),
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
  action_id: z.string(),
  action_ts: z.string().optional(),
  value: z.string().optional(),
  selected_option: z.object({ value: z.string() }).optional(),
});

export const blockActions = z.object({
  type: z.literal("block_actions"),
  team: z.object({ id: z.string() }).nullish(),
  user: z.object({ id: z.string(), team_id: z.string().optional() }),
  channel: z.object({ id: z.string() }).optional(),
  container: z.object({
    message_ts: z.string().optional(),
    channel_id: z.string().optional(),
    thread_ts: z.string().optional(),
  }),
  message: z.object({ ts: z.string(), thread_ts: z.string().optional() }).optional(),
  actions: z.array(action).min(1),
  /** Inputs' current values by block and action id (a screen's ticked checkboxes, a concern's note). */
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
              value: z.string().nullish(),
            })
            .loose(),
        ),
      ),
    })
    .optional(),
  response_url: z.string().optional(),
  trigger_id: z.string().optional(),
});

export type BlockActions = z.infer<typeof blockActions>;

/** Which triage (and question) the button belongs to; added to the CONTRACT fields by the presenter. */
const stamp = { triage: z.string().min(1).optional(), seq: z.number().int().optional() };

/** The JSON in a button's or select option's value (docs/interfaces.md §3). */
export const actionValue = z.union([
  z.object({ questionId: z.string().min(1), answer: z.union([z.string(), z.number()]), ...stamp }),
  z.object({ command: z.string().min(1), ...stamp }),
  // Actions other than answers and commands ("reportConcern"): their own fields are checked by their handler.
  z.looseObject({ action: z.string().min(1), ...stamp }),
]);

export const slashCommand = z.object({
  command: z.string(),
  text: z.string().default(""),
  team_id: z.string().min(1),
  channel_id: z.string().min(1),
  user_id: z.string().min(1),
  response_url: z.string().optional(),
  trigger_id: z.string().optional(),
});

export type SlashCommand = z.infer<typeof slashCommand>;
