import { errorFields } from "../logging.js";
import type { MskTeamDeps } from "./deps.js";
import { postQuery } from "./posting.js";
import type { Platform, QueryRecord } from "./records.js";

// An unanswered query is posted again after MSK_REMINDER_MINUTES. Every instance runs the round;
// the conditional write of `lastPostedAt` lets exactly one of them post each reminder. A query
// that could not be posted at all (the queue was unreachable when it was asked) goes at once.

const PLATFORMS: readonly Platform[] = ["teams", "slack"];
/** A query never posted (its first post failed, or is still on its way) is tried again after this. */
const UNPOSTED_RETRY_MS = 60_000;

export async function remindOnce(deps: MskTeamDeps): Promise<number> {
  let posted = 0;
  const region = deps.pack.data.region;
  for (const platform of PLATFORMS) {
    if (!deps.transports[platform]) continue;
    const queue = await deps.store.queue(platform, region);
    if (!queue.active || !queue.target) continue;
    for (const id of queue.open) {
      const now = deps.clock();
      const due = (q: QueryRecord) => {
        const since = now.getTime() - Date.parse(q.lastPostedAt ?? q.askedAt);
        return since >= (q.posts.length === 0 ? UNPOSTED_RETRY_MS : deps.reminderMinutes * 60_000);
      };
      const { after } = await deps.store.updateQuery(id, (q) =>
        !q.reply && due(q)
          ? {
              ...q,
              lastPostedAt: now.toISOString(),
              reminders: q.posts.length > 0 ? q.reminders + 1 : q.reminders,
            }
          : undefined,
      );
      if (!after) continue;
      try {
        await postQuery(deps, queue.target, after, after.posts.length > 0);
        posted += 1;
        deps.log.info("msk_query_reminder", { platform, number: after.number, reminders: after.reminders });
      } catch (err) {
        deps.log.error("msk_query_reminder_failed", { platform, number: after.number, ...errorFields(err) });
      }
    }
  }
  return posted;
}
