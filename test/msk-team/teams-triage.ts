import {
  answerFor,
  outcomeOf,
  type PendingQuestion,
  pendingQuestion,
  type Reply,
} from "../storage/triage-client.js";
import type { ConnectorCall } from "../teams/fake-connector.js";
import { PERSONAL, type TeamsWorld } from "./teams-world.js";

// A clinician running a triage in their personal chat over the fake connector: reads each question
// card the bot posted and presses an answer, until an outcome with no question after it.

export interface TeamsTriage {
  outcome: Record<string, unknown>;
  /** The outcome's card actions (New triage, Ask the MSK team). */
  actions: Array<{ type: string; title?: string; data?: Record<string, unknown> }>;
}

/** A conversation the clinician types and clicks in. */
export interface Chat {
  id: string;
  send(message: { text?: string; value?: Record<string, unknown> }): Promise<void>;
}

export function personalChat(world: TeamsWorld): Chat {
  return { id: PERSONAL, send: (m) => world.personal(m) };
}

export async function triageInPersonalChat(
  world: TeamsWorld,
  text: string,
  script: Record<string, string> = {},
  chat: Chat = personalChat(world),
): Promise<TeamsTriage> {
  let mark = world.connector.calls.length;
  await chat.send({ text });
  let last: Reply[] = [];
  for (let step = 0; step < 60; step++) {
    const posted = world.connector.postedTo(chat.id, mark).map((c) => c.body as unknown as Reply);
    mark = world.connector.calls.length;
    if (posted.length > 0) last = posted;
    const q = pendingQuestion(posted);
    if (!q) break;
    await chat.send({ value: answerOn(posted, q, script) });
  }
  const outcome = [...last].reverse().find((r) => outcomeOf([r]));
  if (!outcome) throw new Error(`no outcome: ${JSON.stringify(last).slice(0, 500)}`);
  const card = outcome.attachments?.[0]?.content as { actions?: TeamsTriage["actions"] } | undefined;
  return { outcome: outcome as unknown as Record<string, unknown>, actions: card?.actions ?? [] };
}

/** Every text a set of connector calls carried (for "this never reached the queue" checks). */
export function textOf(calls: ConnectorCall[]): string {
  return JSON.stringify(calls.map((c) => c.body));
}

type Data = Record<string, unknown>;

/**
 * The answer a clinician gives: the script's, else "no" where the card offers it, else the card's
 * first one-tap answer (a choice such as the body area), else the shared policy (a number, a screen).
 */
function answerOn(posted: Reply[], q: PendingQuestion, script: Record<string, string>): Data {
  if (q.kind === "screen" || q.kind === "number" || script[q.id] !== undefined) return answerFor(q, script);
  const buttons = posted
    .flatMap((r) => r.attachments ?? [])
    .flatMap((a) => submits(a.content))
    .filter((d) => d.questionId === q.id && typeof d.answer === "string");
  return buttons.find((d) => d.answer === "no") ?? buttons[0] ?? answerFor(q, script);
}

function submits(node: unknown): Data[] {
  if (Array.isArray(node)) return node.flatMap(submits);
  if (!node || typeof node !== "object") return [];
  const n = node as Data;
  const own = n.type === "Action.Submit" && n.data && typeof n.data === "object" ? [n.data as Data] : [];
  return [...own, ...Object.values(n).flatMap(submits)];
}

/**
 * What a message says, however it is carried: its text, its notification summary, or its card
 * (a notice is a card whose words are in the summary and the card, not in `text`).
 */
export function messageText(body: Record<string, unknown>): string {
  const parts = [body.text, body.summary].filter((x): x is string => typeof x === "string");
  return [...parts, JSON.stringify(body.attachments ?? [])].join("\n");
}
