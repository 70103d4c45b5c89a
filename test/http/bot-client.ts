import type { Activity } from "botbuilder";

// A Bot Framework client over HTTP for tests and the bench: posts activities with
// deliveryMode "expectReplies" (docs/interfaces.md §2), so the replies come back in the response body
// and no channel service is needed.

export interface BotClient {
  /** Posts one activity of this conversation; resolves with the bot's replies to it. */
  say(activity: Partial<Activity>): Promise<Array<Partial<Activity>>>;
}

let sequence = 0;

export function botClient(baseUrl: string, conversationId: string, channelId = "msteams"): BotClient {
  return {
    async say(activity) {
      sequence += 1;
      const body: Partial<Activity> = {
        type: "message",
        id: `${conversationId}-${sequence}`,
        channelId,
        // Never called with expectReplies; an unroutable loopback port in case it ever is.
        serviceUrl: "http://127.0.0.1:9/",
        conversation: { id: conversationId, conversationType: "personal" } as Activity["conversation"],
        from: { id: "clinician-1", name: "Clinician" },
        recipient: { id: "msk-triage-bot", name: "MSK triage" },
        ...activity,
        deliveryMode: "expectReplies",
      };
      const res = await fetch(`${baseUrl}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
      const json = (await res.json()) as { activities?: Array<Partial<Activity>> };
      return json.activities ?? [];
    },
  };
}
