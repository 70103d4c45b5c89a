import type { TurnContext } from "botbuilder";
import type { MskReply } from "../../cards/msk-team/views.js";
import type { OutcomeView } from "../../cards/views.js";
import { outcomeView } from "../../dialogs/outcome-view.js";
import { reviewedOutcome } from "../../rules/engine/review.js";
import { redactIdentifiers } from "../../rules/extract/index.js";
import type { FindingId, RouteCode } from "../../rules/vocabulary.js";
import { errorFields } from "../logging.js";
import { QUESTION_LIMIT } from "./ask.js";
import { isMember, type MskTeamDeps, NOT_A_MEMBER, notice } from "./deps.js";
import { markAnswered } from "./posting.js";
import { changeableRoutes, displayTime } from "./query-case.js";
import type { QueryRecord } from "./records.js";

// The team's side: Agree, Change route (with the new route and a note) or Call me, pressed on a
// query in the queue. Exactly one answer is kept; the query is updated in place and the clinician
// gets the reply where they asked, and for a changed route a new outcome marked as reviewed.

const REPLIES: readonly MskReply[] = ["agree", "change", "call"];

export async function onReplyClick(deps: MskTeamDeps, context: TurnContext, value: Record<string, unknown>) {
  if (!isMember(deps, context)) return notice(deps, context, NOT_A_MEMBER);
  const reply = REPLIES.find((r) => r === value.reply);
  const queryId = typeof value.queryId === "string" ? value.queryId : undefined;
  const existing = queryId ? await deps.store.query(queryId) : undefined;
  if (!reply || !existing) return notice(deps, context, "I could not find that query, so nothing was sent.");
  // An answer is given on the query itself, in the team's channel: a submit made up elsewhere
  // (a personal chat that learned a query id) is turned away.
  if (!existing.posts.some((p) => p.conversationId === context.activity.conversation?.id)) {
    return notice(
      deps,
      context,
      "Queries are answered on the query itself, in the MSK team's channel. Nothing was sent.",
    );
  }

  let route: RouteCode | undefined;
  if (reply === "change") {
    route = changeableRoutes(deps.pack).find((r) => r === value.route);
    if (!route)
      return notice(
        deps,
        context,
        `To change the route of query ${existing.number}, choose the new route in the list first, then press Change route.`,
      );
  }
  const rawNote = typeof value.note === "string" ? value.note.trim() : "";
  const note = rawNote ? redactIdentifiers(rawNote).slice(0, QUESTION_LIMIT) : undefined;
  const at = deps.clock().toISOString();

  const { before, after } = await deps.store.updateQuery(existing.id, (q) =>
    q.reply
      ? undefined
      : { ...q, reply: { kind: reply, ...(route ? { route } : {}), ...(note ? { note } : {}), at } },
  );
  const queue = await deps.store.updateQueue(existing.platform, existing.case.region, (q) =>
    q.open.includes(existing.id) ? { ...q, open: q.open.filter((id) => id !== existing.id) } : undefined,
  );
  const who = context.activity.from?.name?.trim() || "a member of the MSK team";
  if (!after) {
    const first = before?.reply;
    return notice(
      deps,
      context,
      `Query ${existing.number} was already answered${first ? ` (${first.kind}, ${displayTime(first.at)})` : ""}, so this answer was not sent.`,
    );
  }
  deps.onQuery({
    triageId: after.case.triageId,
    queryId: after.id,
    askedAt: new Date(after.askedAt),
    repliedAt: new Date(at),
    reply,
  });
  const answered = answeredLine(deps, after, who);
  if (queue.target) await markAnswered(deps, deps.pack, queue.target, after, answered, context);
  deps.log.info("msk_query_answered", { platform: after.platform, number: after.number, reply });

  const asker = after.asker;
  if (!asker) return;
  try {
    const send = async (c: TurnContext) => {
      await notice(deps, c, replyText(deps, after, who));
      if (after.reply?.kind === "change" && after.reply.route)
        await deps.presenter.send(c, reviewedView(deps, after));
    };
    // The clinician may have asked from this very conversation (a group chat that is also the queue).
    if (asker.conversation?.id === context.activity.conversation?.id) await send(context);
    else await deps.transports[after.platform]?.continueIn(asker, send);
    // Delivered: where the clinician asked from is no longer needed.
    await deps.store.updateQuery(after.id, ({ asker: _gone, ...q }) => q);
  } catch (err) {
    deps.log.error("msk_reply_delivery_failed", {
      platform: after.platform,
      number: after.number,
      ...errorFields(err),
    });
    await notice(
      deps,
      context,
      `Your answer to query ${after.number} is saved, but it could not be delivered to the clinician just now. If it matters for the patient today, contact them directly.`,
      "warning",
    );
  }
}

function routeTitle(deps: MskTeamDeps, route: RouteCode): string {
  return deps.pack.data.routes[route].title;
}

/** The line the query shows once answered: what, by whom, when. */
function answeredLine(deps: MskTeamDeps, q: QueryRecord, who: string): string {
  const r = q.reply;
  if (!r) return "";
  const when = displayTime(r.at);
  if (r.kind === "agree") return `Agreed by ${who}, ${when}`;
  if (r.kind === "call") return `${who} asked the clinician to call, ${when}`;
  const route = r.route ? routeTitle(deps, r.route) : "";
  return `Route changed to ${route} by ${who}, ${when}${r.note ? `. Note: ${r.note}` : ""}`;
}

/** What the clinician reads in the conversation they asked from. */
function replyText(deps: MskTeamDeps, q: QueryRecord, who: string): string {
  const r = q.reply;
  const head = `The MSK team answered query ${q.number} (${q.case.routeTitle})`;
  if (!r || r.kind === "agree") return `${head}: ${who} agrees with the route.`;
  if (r.kind === "call") return `${head}: ${who} would like to discuss it. Please call them.`;
  const route = r.route ? routeTitle(deps, r.route) : "";
  return `${head}: ${who} changed the route to ${route}.${r.note ? ` Note: ${r.note}` : ""} The reviewed outcome follows.`;
}

/** The new outcome: the same answers, the team's route, marked as reviewed by the MSK team. */
function reviewedView(deps: MskTeamDeps, q: QueryRecord): OutcomeView {
  const route = q.reply?.route ?? q.case.route;
  const today = deps.clock();
  const outcome = reviewedOutcome(deps.pack, q.case.findings, route, { today });
  const session = {
    id: q.case.triageId,
    region: q.case.region,
    answers: q.case.findings,
    how: {},
    order: Object.keys(q.case.findings) as FindingId[],
    suggestions: {},
    seq: 0,
  };
  const base = outcomeView(deps.pack, session, today);
  const note = q.reply?.note ? ` Note: ${q.reply.note}` : "";
  const reviewed = `Outcome: ${outcome.title} (${outcome.urgency.replace(/_/g, " ")}: ${outcome.clock}), changed on review by the MSK team (query ${q.number}) from ${q.case.routeTitle}`;
  return {
    ...base,
    outcome,
    notesSummary: base.notesSummary
      .split("\n")
      .map((line) => (line.startsWith("Outcome: ") ? reviewed : line))
      .join("\n"),
    review: {
      by: "msk_team",
      summary: `Changed on review by the MSK team (query ${q.number}), from ${q.case.routeTitle}.${note}`,
    },
  };
}
