import type { AnswerValue } from "../../cards/views.js";
import { toFindingValue } from "../../dialogs/answers.js";
import { applyExtraction, newSession } from "../../dialogs/session.js";
import { extractFindings } from "../../rules/extract/index.js";
import type { Pack } from "../../rules/packs/index.js";
import type { FindingId, Findings } from "../../rules/vocabulary.js";
import type { ApiCall } from "./fake-slack.js";
import { findAction, type Workspace } from "./workspace.js";

// A clinician who knows a case's findings and answers each question the bot posts in one Slack
// conversation: buttons for yes / no / not sure, the select menu for short number ranges and
// choices, and typed messages for the rest. It reads only what Slack would show.

export type Answer = boolean | number | string;

export interface Where {
  channel: string;
  /** Channel triages run in a thread; typed answers there are mentions in that thread. */
  threadTs?: string;
}

export interface Played {
  asked: string[];
  /** Findings the conversation had at the end (noted from the first message + answered). */
  findings: Findings;
  questions: ApiCall[];
  /** Messages carrying outcome metadata, in order (an emergency shows one before its last question). */
  outcomes: ApiCall[];
  how: Array<"button" | "select" | "typed" | "screen">;
}

/** A screen message's items: the values of its checkboxes. */
function screenItems(message: ApiCall): string[] {
  const blocks = (message.args.blocks ?? []) as Array<Record<string, unknown>>;
  return blocks.flatMap((b) =>
    ((b.elements as Array<Record<string, unknown>> | undefined) ?? [])
      .filter((e) => e.type === "checkboxes")
      .flatMap((e) => (e.options as Array<{ value: string }>).map((o) => o.value)),
  );
}

const ID_OF_BLOCK = /^question:([a-z_]+|screen:[a-z0-9_-]+):(\d+)$/;

export function questionIdOf(message: ApiCall): string | undefined {
  const blocks = (message.args.blocks ?? []) as Array<Record<string, unknown>>;
  for (const b of blocks) {
    const m = ID_OF_BLOCK.exec(String(b.block_id ?? ""));
    if (m) return m[1];
  }
  return undefined;
}

export const isOutcome = (c: ApiCall) =>
  (c.args.metadata as { event_type?: string } | undefined)?.event_type === "msk_triage_outcome";

export function postsIn(ws: Workspace, where: Where, from: number): ApiCall[] {
  return ws.fake
    .of("chat.postMessage", from)
    .filter((c) => c.args.channel === where.channel && c.args.thread_ts === where.threadTs);
}

/** The answer a clinician who knows these findings gives (unknown booleans are "no", other unknowns "not sure"). */
export function answerFrom(pack: Pack, findings: Findings) {
  return (id: string): Answer => {
    const given = (findings as Record<string, unknown>)[id];
    if (given !== undefined) return given as Answer;
    const q = pack.questionById.get(id as FindingId);
    if (q?.public.type === "bool" && q.data.absentMeans !== "unsure") return false;
    return "unsure";
  };
}

export async function playTriage(
  ws: Workspace,
  pack: Pack,
  opening: { text: string; send: () => Promise<unknown>; where: () => Where },
  answer: (id: string) => Answer,
): Promise<Played> {
  const findings: Record<string, unknown> = {
    ...applyExtraction(newSession(pack.data.region), extractFindings(opening.text)).answers,
  };
  const played: Played = { asked: [], findings: findings as Findings, questions: [], outcomes: [], how: [] };
  let mark = ws.fake.calls.length;
  await opening.send();
  for (let step = 0; step < 80; step++) {
    const where = opening.where();
    const posts = postsIn(ws, where, mark);
    // The final outcome replaces an emergency card shown early (chat.update with the metadata).
    const updated = ws.fake.of("chat.update", mark).filter(isOutcome);
    mark = ws.fake.calls.length;
    played.outcomes.push(...posts.filter(isOutcome), ...updated);
    const last = posts.at(-1);
    if (!last && updated.length > 0) return played;
    if (!last) throw new Error(`the bot posted nothing after step ${step}`);
    const id = questionIdOf(last);
    if (isOutcome(last) && !id) return played;
    if (!id) throw new Error(`expected a question, got: ${String(last.args.text).slice(0, 200)}`);
    if (id.startsWith("screen:")) {
      const items = screenItems(last);
      const values = items.map((item) => [item, answer(item)] as const);
      const ticked = values.filter(([, v]) => v === true).map(([item]) => item);
      const button = values.some(([, v]) => v === "unsure") ? "unsure" : ticked.length ? "these" : "none";
      for (const [item, v] of values) {
        played.asked.push(item);
        if (v === true || button !== "unsure") findings[item] = v === true;
      }
      played.questions.push(last);
      await ws.clickScreen(last, `screen_${button}`, ticked);
      played.how.push("screen");
      continue;
    }
    const q = pack.questionById.get(id as FindingId)?.public;
    if (!q) throw new Error(`unknown question ${id}`);
    if (!played.asked.includes(id)) played.asked.push(id);
    played.questions.push(last);

    const value = answer(id);
    const asAnswer: AnswerValue = value === true ? "yes" : value === false ? "no" : value;
    findings[id] = toFindingValue(q, asAnswer);
    const blocks = (last.args.blocks ?? []) as Array<Record<string, unknown>>;
    if (asAnswer === "unsure" || asAnswer === "yes" || asAnswer === "no") {
      await ws.click(last, `answer_${asAnswer}`);
      played.how.push("button");
    } else if (findAction(blocks, `answer_choice_${String(asAnswer)}`)) {
      await ws.click(last, `answer_choice_${String(asAnswer)}`);
      played.how.push("button");
    } else if (findAction(blocks, "answer_select")) {
      await ws.click(last, "answer_select", asAnswer);
      played.how.push("select");
    } else {
      const given = typeof asAnswer === "number" && q.divideBy ? asAnswer * q.divideBy : asAnswer;
      const text =
        q.unit === "weeks" ? `${given} weeks` : q.unit === "days" ? `${given} days` : String(given);
      if (where.threadTs) await ws.mention(text, where.threadTs).res;
      else await ws.dm(text);
      played.how.push("typed");
    }
  }
  throw new Error("the triage did not finish in 80 steps");
}
