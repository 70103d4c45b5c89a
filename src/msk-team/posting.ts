import type { TurnContext } from "botbuilder";
import type { Pack } from "../../rules/packs/index.js";
import type { MskTeamDeps } from "./deps.js";
import { queryMessage } from "./messages.js";
import { queryView } from "./query-case.js";
import type { PostRef, QueryRecord, QueueTarget } from "./records.js";

// Posting a query to its queue (first time or as a reminder) and replacing its posts once answered.

export async function postQuery(
  deps: MskTeamDeps,
  target: QueueTarget,
  record: QueryRecord,
  reminder: boolean,
  current?: TurnContext,
): Promise<void> {
  const transport = deps.transports[record.platform];
  if (!transport) throw new Error(`no ${record.platform} transport`);
  const post = await transport.post(
    target,
    queryMessage(record.platform, queryView(deps.pack, record, { reminder })),
    current,
  );
  await deps.store.updateQuery(record.id, (q) => ({
    ...q,
    posts: [...q.posts, post],
    lastPostedAt: deps.clock().toISOString(),
  }));
}

/**
 * Every post of an answered query shows the answer and loses its buttons. The post that was
 * clicked is updated through the clicking turn itself (a proactive turn there would wait on it).
 */
export async function markAnswered(
  deps: MskTeamDeps,
  pack: Pack,
  target: QueueTarget,
  record: QueryRecord,
  answered: string,
  current?: TurnContext,
): Promise<void> {
  const transport = deps.transports[record.platform];
  if (!transport) return;
  const reminderPosts = new Set(record.posts.slice(1));
  for (const post of record.posts) {
    const message = queryMessage(
      record.platform,
      queryView(pack, record, { answered, reminder: reminderPosts.has(post) }),
    );
    try {
      const clicked = current ? clickedId(current, post) : undefined;
      if (current && clicked) {
        await current.updateActivity({ ...message, id: clicked });
      } else {
        await transport.update(target, post, message);
      }
    } catch (err) {
      // A post left with its buttons is harmless: a second answer is turned away.
      deps.log.warn("msk_query_update_failed", {
        platform: record.platform,
        error: err instanceof Error ? err.name : "Error",
      });
    }
  }
}

/**
 * The id to update through the clicking turn, when the post is in its conversation: the post's own
 * id, or (a channel post whose id the connector did not name) the card the click came from.
 */
function clickedId(context: TurnContext, post: PostRef): string | undefined {
  if (context.activity.conversation?.id !== post.conversationId) return undefined;
  return post.activityId ?? context.activity.replyToId;
}
