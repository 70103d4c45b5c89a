import { randomUUID } from "node:crypto";
import { type Activity, TurnContext } from "botbuilder";
import { normaliseText } from "../../dialogs/answers.js";
import { recogniseCommand } from "../../dialogs/commands.js";
import { scopeOf } from "../../dialogs/scope.js";
import { findIdentifiers, redactIdentifiers } from "../../rules/extract/index.js";
import { errorFields } from "../logging.js";
import { type MskTeamDeps, notice, platformOf } from "./deps.js";
import { postQuery } from "./posting.js";
import type { QueryRecord } from "./records.js";

// The clinician's side: "Ask the MSK team" on an outcome, the optional question, and the query
// sent to the queue. The clinician can carry on at once; the reply comes back on its own.

/** The team reads a question, not a letter: longer messages are asked to be shortened. */
export const QUESTION_LIMIT = 500;
/** A question not typed within this time is no longer waited for. */
const PENDING_MINUTES = 15;

export async function onAskClick(deps: MskTeamDeps, context: TurnContext, value: Record<string, unknown>) {
  const queue = await deps.store.queue(platformOf(context), deps.pack.data.region);
  if (!queue.active || !queue.target) {
    return notice(deps, context, "There is no MSK team query queue at the moment, so nothing was sent.");
  }
  const memory = await deps.asks.get(context);
  const wanted = typeof value.triage === "string" ? value.triage : memory.cases.at(-1)?.triageId;
  const found = memory.cases.find((c) => c.triageId === wanted);
  if (!found) {
    return notice(
      deps,
      context,
      "I no longer have that outcome, so nothing was sent. Run the triage again and ask from its outcome.",
    );
  }
  if (found.queryNumber !== undefined) {
    return notice(
      deps,
      context,
      `This outcome was already sent to the MSK team as query ${found.queryNumber}.`,
    );
  }
  await deps.asks.set(context, {
    ...memory,
    pending: { triageId: found.triageId, since: deps.clock().toISOString() },
  });
  const mention = scopeOf(context) === "shared" ? " (mention me)" : "";
  await notice(
    deps,
    context,
    `Type your question for the MSK team in one message${mention}, at most ${QUESTION_LIMIT} characters and without patient identifiers, or type 'skip' to send the case without a question. The team sees the route, the red flags answered yes or unsure and the rules: nothing else you typed.`,
  );
}

/** A typed message while a question is awaited. Resolves true when the message was taken. */
export async function onPendingText(deps: MskTeamDeps, context: TurnContext): Promise<boolean> {
  const text = context.activity.text ?? "";
  if (context.activity.value || !text.trim()) return false;
  const memory = await deps.asks.get(context);
  const pending = memory.pending;
  if (!pending) return false;
  const { pending: _done, ...rest } = memory;
  const age = deps.clock().getTime() - Date.parse(pending.since);
  if (!(age >= 0 && age < PENDING_MINUTES * 60_000)) {
    await deps.asks.set(context, rest);
    return false;
  }
  const command = recogniseCommand(text);
  if (command) {
    // A command means the clinician moved on: nothing is sent, and the command still works.
    await deps.asks.set(context, rest);
    await notice(deps, context, "Nothing was sent to the MSK team.");
    return command === "cancel";
  }
  const skip = normaliseText(text) === "skip";
  if (!skip && text.trim().length > QUESTION_LIMIT) {
    await notice(
      deps,
      context,
      `That is ${text.trim().length} characters; the MSK team's limit is ${QUESTION_LIMIT}. Please send a shorter question, or 'skip'.`,
    );
    return true;
  }
  const c = memory.cases.find((x) => x.triageId === pending.triageId);
  await deps.asks.set(context, rest);
  if (!c) return false;
  const hadIdentifiers = !skip && findIdentifiers(text).length > 0;
  const question = skip ? undefined : redactIdentifiers(text.trim()).slice(0, QUESTION_LIMIT);

  const platform = platformOf(context);
  const region = deps.pack.data.region;
  const id = randomUUID();
  const queue = await deps.store.updateQueue(platform, region, (q) =>
    q.active ? { ...q, lastNumber: q.lastNumber + 1, open: [...q.open, id] } : undefined,
  );
  if (!queue.active || !queue.target) {
    await notice(deps, context, "The MSK team's query queue has just been ended, so nothing was sent.");
    return true;
  }
  const now = deps.clock().toISOString();
  const { queryNumber: _n, ...anonymised } = c;
  const record: QueryRecord = {
    id,
    number: queue.lastNumber,
    platform,
    askedAt: now,
    reminders: 0,
    case: anonymised,
    ...(question ? { question } : {}),
    asker: askerReference(context.activity),
    posts: [],
  };
  await deps.store.saveNewQuery(record);
  deps.onQuery({ triageId: c.triageId, queryId: id, askedAt: new Date(now) });
  await deps.asks.set(context, {
    ...rest,
    cases: rest.cases.map((x) => (x.triageId === c.triageId ? { ...x, queryNumber: record.number } : x)),
  });
  if (hadIdentifiers) {
    await notice(
      deps,
      context,
      "I removed patient identifiers from your question before sending it.",
      "warning",
    );
  }
  try {
    await postQuery(deps, queue.target, record, false, context);
    deps.log.info("msk_query_sent", { platform, number: record.number, withQuestion: Boolean(question) });
    await notice(
      deps,
      context,
      `Sent to the MSK team as query ${record.number}. You can carry on: their reply will arrive here. Act on the outcome meanwhile; do not wait for the reply if the patient may need urgent care.`,
    );
  } catch (err) {
    // Kept open with no post: the reminder round posts it as soon as the queue can be reached.
    deps.log.error("msk_query_post_failed", { platform, number: record.number, ...errorFields(err) });
    await notice(
      deps,
      context,
      `Query ${record.number} is saved but could not be posted to the MSK team's channel just now; it will be posted again shortly. If the patient may need urgent care, do not wait for the reply.`,
      "warning",
    );
  }
  return true;
}

/** Forgets an awaited question (the clinician pressed something else), and says nothing was sent. */
export async function dropPendingAsk(deps: MskTeamDeps, context: TurnContext): Promise<void> {
  const memory = await deps.asks.get(context);
  if (!memory.pending) return;
  const { pending: _dropped, ...rest } = memory;
  await deps.asks.set(context, rest);
  await notice(deps, context, "Nothing was sent to the MSK team.");
}

/** Where the reply goes: the clinician's conversation, without the clinician's own ids or text. */
function askerReference(activity: Activity) {
  const {
    user: _user,
    activityId: _id,
    locale: _locale,
    ...reference
  } = TurnContext.getConversationReference(activity);
  return reference;
}
