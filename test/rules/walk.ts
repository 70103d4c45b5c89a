import { decide } from "../../rules/engine/decide.js";
import { nextQuestion } from "../../rules/engine/next-question.js";
import { answerScreen } from "../../rules/engine/screen-answer.js";
import type { Outcome, Question } from "../../rules/outcome.js";
import type { Pack } from "../../rules/packs/index.js";
import type { FindingId, Findings } from "../../rules/vocabulary.js";
import { urgencyRank } from "../../rules/vocabulary.js";

// Shared by the property and question-path tests: drive nextQuestion the way a channel does, one
// answer at a time, so both tests measure the same conversation.

export const TODAY = "2026-01-01";

export interface Walk {
  answers: Findings;
  /** Every finding put to the clinician, on a screen or alone, in order. */
  asked: FindingId[];
  /** Answers given: a screen counts once, however many items it lists. */
  taps: number;
  reason: "emergency" | "complete";
  outcome: Outcome;
}

/**
 * Asks until done. `answer` gives the value for each question; a walk longer than the pack's
 * question list means the engine asked something twice, which the caller treats as a failure.
 */
export function walk(
  pack: Pack,
  answer: (q: Question, soFar: Findings) => unknown,
  start: Findings = {},
  borough?: string,
): Walk {
  const answers: Record<string, unknown> = { ...start };
  const asked: FindingId[] = [];
  let oneByOne: FindingId[] = [];
  let taps = 0;
  for (let step = 0; step <= pack.questions.length * 2; step++) {
    const next = nextQuestion(pack, answers as Findings, { oneByOne });
    if (next.done) {
      const outcome = decide(pack, answers as Findings, { today: TODAY, borough });
      return { answers: answers as Findings, asked, taps, reason: next.reason, outcome };
    }
    taps++;
    if (next.kind === "screen") {
      // A clinician ticks what is present; with any item unsure, "Not sure: ask one by one".
      const values = next.screen.items.map((q) => [q, answer(q, answers as Findings)] as const);
      for (const [q] of values) {
        if (q.id in answers) throw new Error(`screen listed ${q.id}, which was already answered`);
        asked.push(q.id);
      }
      const ticked = values.filter(([, v]) => v === true).map(([q]) => q.id);
      const button = values.some(([, v]) => v === "unsure") ? "unsure" : ticked.length ? "these" : "none";
      const result = answerScreen(next.screen, button, ticked);
      if (!result.ok) throw new Error(result.reason);
      Object.assign(answers, result.findings);
      oneByOne = result.oneByOne;
      continue;
    }
    const id = next.question.id;
    if (id in answers) throw new Error(`asked ${id}, which was already answered`);
    if (!oneByOne.includes(id)) asked.push(id);
    oneByOne = oneByOne.filter((x) => x !== id);
    answers[id] = answer(next.question, answers as Findings);
  }
  throw new Error(`no end after ${pack.questions.length + 1} questions: ${asked.join(", ")}`);
}

/**
 * The least urgent completion of the answers so far: what nextQuestion assumes for pending details
 * (principle 4). Written from the pack data, not by calling the engine's own helper.
 */
export function leastUrgentCompletion(pack: Pack, f: Findings): Findings {
  // Principle 4's "every detail not yet asked took its least urgent value". For numbers that is the
  // pack's leastUrgent value; for an unanswered choice (the body area) the least urgent option
  // depends on the region's rules, so every option is tried and the least urgent outcome kept.
  const out: Record<string, unknown> = { ...f };
  const open: Array<{ id: string; values: string[] }> = [];
  for (const q of pack.data.questions) {
    if (q.absentMeans !== "unsure" || q.id in out) continue;
    if (q.type === "choice" && q.choices) open.push({ id: q.id, values: q.choices.map((c) => c.value) });
    else if (q.leastUrgent !== undefined) out[q.id] = q.leastUrgent;
  }
  let options: Array<Record<string, unknown>> = [out];
  for (const { id, values } of open) options = options.flatMap((o) => values.map((v) => ({ ...o, [id]: v })));
  let least = options[0] as Record<string, unknown>;
  let leastRank = Number.POSITIVE_INFINITY;
  for (const o of options) {
    const rank = urgencyRank(decide(pack, o as Findings, { today: TODAY }).urgency);
    if (rank < leastRank) {
      leastRank = rank;
      least = o;
    }
  }
  return least as Findings;
}
