import type { Activity, ConversationReference, TurnContext } from "botbuilder";
import type { SlackAdapter } from "../channels/slack/slack-adapter.js";
import { messageParts } from "../channels/slack/slack-adapter.js";
import type { SlackWebClient } from "../channels/slack/web-client.js";
import type { PostRef, QueueTarget } from "./records.js";
import { type QueueTransport, rethrowing } from "./transport.js";

// Slack through the existing Web API client: chat.postMessage for a query in the team's channel,
// chat.update to answer it in place, and the Slack adapter's continueConversation to reach the
// clinician's DM or thread, so the reply is rendered exactly as any other bot message there.

export class SlackQueueTransport implements QueueTransport {
  constructor(
    private readonly web: SlackWebClient,
    private readonly adapter: SlackAdapter,
  ) {}

  async post(target: QueueTarget, message: Partial<Activity>): Promise<PostRef> {
    if (target.platform !== "slack") throw new Error("not a Slack queue");
    const res = await this.web.chat.postMessage({
      channel: target.channel,
      ...messageParts(message),
      unfurl_links: false,
      unfurl_media: false,
    } as Parameters<SlackWebClient["chat"]["postMessage"]>[0]);
    if (!res.ts) throw new Error("chat.postMessage returned no ts");
    return { conversationId: `${target.team}:${target.channel}:`, activityId: res.ts };
  }

  async update(target: QueueTarget, post: PostRef, message: Partial<Activity>): Promise<void> {
    if (target.platform !== "slack" || !post.activityId) return;
    const { metadata: _kept, ...parts } = messageParts(message);
    await this.web.chat.update({ channel: target.channel, ts: post.activityId, ...parts } as Parameters<
      SlackWebClient["chat"]["update"]
    >[0]);
  }

  continueIn(
    reference: Partial<ConversationReference>,
    send: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    return rethrowing((logic) => this.adapter.continueConversation(reference, logic), send);
  }
}
