import type { TurnContext } from "botbuilder";
import { normaliseText } from "../../dialogs/answers.js";
import { scopeOf } from "../../dialogs/scope.js";
import { isMember, type MskTeamDeps, NOT_A_MEMBER, notice, platformOf } from "./deps.js";
import { displayTime } from "./query-case.js";
import type { QueueTarget } from "./records.js";

// `queue here`, `queue off` and `queue`, typed (with a mention) in the MSK team's channel or group
// chat, or `/triage queue here` in Slack.

export type QueueCommand = "here" | "off" | "list";

export function recogniseQueueCommand(text: string | undefined): QueueCommand | undefined {
  const t = normaliseText(text ?? "");
  if (t === "queue here") return "here";
  if (t === "queue off") return "off";
  if (t === "queue" || t === "queue list") return "list";
  return undefined;
}

export async function runQueueCommand(
  deps: MskTeamDeps,
  context: TurnContext,
  command: QueueCommand,
): Promise<void> {
  const platform = platformOf(context);
  const region = deps.pack.data.region;
  if (scopeOf(context) !== "shared") {
    return notice(
      deps,
      context,
      "The MSK team's query queue lives in the team's channel or group chat: mention me there with 'queue here'.",
    );
  }
  if (command !== "list" && !isMember(deps, context)) return notice(deps, context, NOT_A_MEMBER);
  const queue = await deps.store.queue(platform, region);

  if (command === "here") {
    const target = targetOf(context);
    await deps.store.updateQueue(platform, region, (q) => ({
      ...q,
      active: true,
      target,
      setAt: deps.clock().toISOString(),
    }));
    deps.log.info("msk_queue_set", { platform, region });
    const replaced =
      queue.active && queue.target && !sameQueue(queue.target, context)
        ? " It replaces the previous queue."
        : "";
    return notice(
      deps,
      context,
      `This conversation is now the ${deps.pack.data.regionName} MSK query queue.${replaced} Every outcome card now offers 'Ask the MSK team'; each query arrives here as a new post with Agree, Change route and Call me. Mention me with 'queue' to list open queries, or 'queue off' to end the queue.`,
    );
  }

  if (!queue.active || !queue.target || !sameQueue(queue.target, context)) {
    return notice(
      deps,
      context,
      "This conversation is not the MSK query queue. Mention me with 'queue here' to make it one.",
    );
  }

  if (command === "off") {
    await deps.store.updateQueue(platform, region, (q) => ({ ...q, active: false }));
    deps.log.info("msk_queue_off", { platform, region });
    return notice(
      deps,
      context,
      "The MSK query queue is off: outcome cards no longer offer 'Ask the MSK team'. Queries already posted here can still be answered.",
    );
  }

  const open = await Promise.all(queue.open.map((id) => deps.store.query(id)));
  const lines = open.flatMap((q) =>
    q && !q.reply
      ? [
          `Query ${q.number}: ${q.case.routeTitle}, asked ${displayTime(q.askedAt)}${q.reminders ? ` (${q.reminders} reminder${q.reminders > 1 ? "s" : ""})` : ""}`,
        ]
      : [],
  );
  return notice(deps, context, lines.length > 0 ? `Open queries:\n${lines.join("\n")}` : "No open queries.");
}

/** Where new queries for this conversation's queue go. */
export function targetOf(context: TurnContext): QueueTarget {
  const a = context.activity;
  if (platformOf(context) === "slack") {
    const cd = a.channelData as { team: string; channel: string };
    return { platform: "slack", team: cd.team, channel: cd.channel };
  }
  const cd = (a.channelData ?? {}) as { channel?: { id?: string }; tenant?: { id?: string } };
  const tenantId = a.conversation.tenantId ?? cd.tenant?.id;
  const teamsChannelId =
    a.conversation.conversationType === "channel"
      ? (cd.channel?.id ?? a.conversation.id.split(";")[0])
      : undefined;
  return {
    platform: "teams",
    serviceUrl: a.serviceUrl,
    conversation: {
      id: a.conversation.id,
      ...(a.conversation.conversationType ? { conversationType: a.conversation.conversationType } : {}),
      ...(tenantId ? { tenantId } : {}),
      isGroup: true,
    },
    bot: { id: a.recipient.id, ...(a.recipient.name ? { name: a.recipient.name } : {}) },
    ...(teamsChannelId ? { teamsChannelId } : {}),
    ...(tenantId ? { tenantId } : {}),
  };
}

/** Whether this turn comes from the queue's channel (any thread of it) or group chat. */
export function sameQueue(target: QueueTarget, context: TurnContext): boolean {
  const here = targetOf(context);
  if (target.platform === "slack" || here.platform === "slack") {
    return (
      target.platform === here.platform &&
      target.platform === "slack" &&
      here.platform === "slack" &&
      target.channel === here.channel &&
      target.team === here.team
    );
  }
  if (target.teamsChannelId || here.teamsChannelId) return target.teamsChannelId === here.teamsChannelId;
  return target.conversation.id === here.conversation.id;
}
