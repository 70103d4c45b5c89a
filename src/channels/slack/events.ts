import { ACK, type Ack, runTurn, type SlackDeps } from "./context.js";
import { eventEnvelope, slackEvent } from "./payloads.js";
import { threadOf } from "./thread.js";
import { fromAppMention, fromDirectMessage } from "./to-activity.js";

// POST /api/slack/events: the URL check, direct messages to the app and mentions in channels.

export function handleEvent(deps: SlackDeps, body: unknown, retryNum: string | undefined): Ack {
  const envelope = eventEnvelope.safeParse(body);
  if (!envelope.success) {
    deps.log.warn("slack_payload_ignored", { path: "events", reason: "unrecognised envelope" });
    return ACK;
  }
  const e = envelope.data;
  if (e.type === "url_verification") return { status: 200, body: { challenge: e.challenge } };

  // Slack retries an event it thinks we missed, with the same event id.
  if (!deps.events.firstTime(e.event_id)) {
    deps.log.info("slack_retry_ignored", { eventId: e.event_id, retry: retryNum });
    return ACK;
  }
  deps.identity.learn(e.authorizations?.find((a) => a.is_bot === true)?.user_id);
  const event = slackEvent.safeParse(e.event);
  if (!event.success) return ACK;
  const ev = event.data;

  return {
    ...ACK,
    work: {
      kind: ev.type,
      run: async () => {
        const botUserId = await deps.identity.get();
        const activity =
          ev.type === "message"
            ? fromDirectMessage(e.team_id, ev, botUserId)
            : fromAppMention(e.team_id, ev, botUserId);
        if (!activity) return;
        deps.log.info("slack_message", { kind: ev.type, eventId: e.event_id });
        await runTurn(deps, activity);
      },
      onFailure: async () => {
        const threadTs = ev.type === "app_mention" ? (ev.thread_ts ?? ev.ts) : ev.thread_ts;
        await deps.notices.failure({
          thread: threadOf(`${e.team_id}:${ev.channel}:${threadTs ?? ""}`),
        });
      },
    },
  };
}
