import type {
  Activity,
  CloudAdapter,
  ConversationParameters,
  ConversationReference,
  TurnContext,
} from "botbuilder";
import type { PostRef, QueueTarget } from "./records.js";
import { type QueueTransport, rethrowing, threadRootId } from "./transport.js";

// Teams through the Bot Framework connector at the queue's serviceUrl: a new post in the team's
// channel per query (createConversationAsync), a new message in a group chat, and proactive
// messages to the clinician's chat (continueConversationAsync).

/** The token audience of the public Bot Framework cloud (ignored in local anonymous mode). */
const BOT_FRAMEWORK_AUDIENCE = "https://api.botframework.com";

export class TeamsQueueTransport implements QueueTransport {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
  ) {}

  async post(target: QueueTarget, message: Partial<Activity>, current?: TurnContext): Promise<PostRef> {
    if (target.platform !== "teams") throw new Error("not a Teams queue");
    let posted: PostRef | undefined;
    if (target.teamsChannelId) {
      const params: ConversationParameters = {
        isGroup: true,
        bot: target.bot,
        channelData: {
          channel: { id: target.teamsChannelId },
          ...(target.tenantId ? { tenant: { id: target.tenantId } } : {}),
        },
        activity: message as Activity,
        members: [],
        ...(target.tenantId ? { tenantId: target.tenantId } : {}),
      } as ConversationParameters;
      await this.adapter.createConversationAsync(
        this.appId,
        "msteams",
        target.serviceUrl,
        BOT_FRAMEWORK_AUDIENCE,
        params,
        async (context) => {
          const id = context.activity.conversation.id;
          const root = threadRootId(id);
          posted = { conversationId: id, ...(root ? { activityId: root } : {}) };
        },
      );
    } else {
      const send = async (context: TurnContext) => {
        const res = await context.sendActivity(message);
        posted = { conversationId: target.conversation.id, ...(res?.id ? { activityId: res.id } : {}) };
      };
      if (current?.activity.conversation?.id === target.conversation.id) await send(current);
      else await this.continueIn(queueReference(target), send);
    }
    if (!posted) throw new Error("the Teams post returned no conversation");
    return posted;
  }

  async update(target: QueueTarget, post: PostRef, message: Partial<Activity>): Promise<void> {
    if (target.platform !== "teams" || !post.activityId) return;
    const id = post.activityId;
    const reference = queueReference(target);
    reference.conversation = {
      ...(reference.conversation as ConversationReference["conversation"]),
      id: post.conversationId,
    };
    await this.continueIn(reference, async (context) => {
      await context.updateActivity({ ...message, id });
    });
  }

  continueIn(
    reference: Partial<ConversationReference>,
    send: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    return rethrowing((logic) => this.adapter.continueConversationAsync(this.appId, reference, logic), send);
  }
}

function queueReference(target: Extract<QueueTarget, { platform: "teams" }>): Partial<ConversationReference> {
  return {
    channelId: "msteams",
    serviceUrl: target.serviceUrl,
    conversation: { isGroup: true, name: "", conversationType: "", ...target.conversation },
    bot: { name: "", ...target.bot },
  } as Partial<ConversationReference>;
}
