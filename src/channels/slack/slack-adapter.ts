import type { webApi } from "@slack/bolt";
import {
  type Activity,
  ActivityTypes,
  BotAdapter,
  type ConversationReference,
  type ResourceResponse,
  TurnContext,
} from "botbuilder";
import { type SlackThread, threadOf } from "./thread.js";

// A Bot Framework adapter whose "connector" is the Slack Web API: the TriageBot sends activities as
// usual and they become chat.postMessage / chat.update / chat.delete calls. The message ts is the
// activity id, so the presenter can replace an answered question in place.

type WebClient = InstanceType<typeof webApi.WebClient>;
type PostArgs = Parameters<WebClient["chat"]["postMessage"]>[0];
type UpdateArgs = Parameters<WebClient["chat"]["update"]>[0];

interface MessageParts {
  text: string;
  blocks?: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

export class SlackAdapter extends BotAdapter {
  constructor(private readonly web: WebClient) {
    super();
  }

  /** Runs one inbound Slack activity through the middleware and the bot. */
  async processActivity(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>) {
    const context = new TurnContext(this, activity);
    await this.runMiddleware(context, logic);
  }

  override async sendActivities(
    context: TurnContext,
    activities: Partial<Activity>[],
  ): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const a of activities) {
      // Slack has no bot typing indicator over the Web API; delays are not needed between posts.
      if (a.type !== ActivityTypes.Message) {
        responses.push({ id: "" });
        continue;
      }
      const where = this.whereOf(context, a);
      const args = {
        channel: where.channel,
        ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
        ...messageParts(a),
        // Pathway links would otherwise unfurl into large previews under the outcome.
        unfurl_links: false,
        unfurl_media: false,
      } as PostArgs;
      const res = await this.web.chat.postMessage(args);
      responses.push({ id: res.ts ?? "" });
    }
    return responses;
  }

  override async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<void> {
    if (!activity.id) throw new Error("updateActivity needs the message ts as the activity id");
    const where = this.whereOf(context, activity);
    // An answered question has no metadata to send. An outcome that replaces an earlier one (the
    // emergency card, once its deciding question is answered) sends its own, so integrations read
    // the decision now shown, not the one it replaced.
    const parts = messageParts(activity);
    await this.web.chat.update({ channel: where.channel, ts: activity.id, ...parts } as UpdateArgs);
  }

  override async deleteActivity(
    context: TurnContext,
    reference: Partial<ConversationReference>,
  ): Promise<void> {
    const ts = reference.activityId;
    if (!ts) throw new Error("deleteActivity needs the message ts as the activity id");
    const where = threadOf(reference.conversation?.id ?? context.activity.conversation.id);
    await this.web.chat.delete({ channel: where.channel, ts });
  }

  override async continueConversation(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const event = TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: "continueConversation" },
      reference,
      true,
    );
    await this.runMiddleware(new TurnContext(this, event), logic);
  }

  private whereOf(context: TurnContext, a: Partial<Activity>): SlackThread {
    return threadOf(a.conversation?.id ?? context.activity.conversation.id);
  }
}

/** Blocks, fallback text and metadata from an activity the presenter (or an error handler) built. */
export function messageParts(a: Partial<Activity>): MessageParts {
  const data = (a.channelData ?? {}) as { blocks?: unknown; metadata?: MessageParts["metadata"] };
  const blocks = Array.isArray(data.blocks) && data.blocks.length > 0 ? data.blocks : undefined;
  // The Block Kit renderer escapes its fallback; plain notices (e.g. the turn-error notice) are escaped here.
  const text = blocks ? (a.text ?? "") : escapeMrkdwn(a.text ?? "");
  return {
    text: text || " ",
    ...(blocks ? { blocks } : {}),
    ...(data.metadata ? { metadata: data.metadata } : {}),
  };
}

function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
