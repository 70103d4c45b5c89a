import { decide } from "../../rules/engine/decide.js";
import { nextQuestion } from "../../rules/engine/next-question.js";
import type { Outcome, Question } from "../../rules/outcome.js";
import type { Pack } from "../../rules/packs/index.js";
import type { FindingId, Findings } from "../../rules/vocabulary.js";

// Shared by the property and question-path tests: drive nextQuestion the way a channel does, one
// answer at a time, so both tests measure the same conversation.

export const TODAY = "2026-01-01";

export interface Walk {
  answers: Findings;
  asked: FindingId[];
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
  for (let step = 0; step <= pack.questions.length; step++) {
    const next = nextQuestion(pack, answers as Findings);
    if (next.done) {
      const outcome = decide(pack, answers as Findings, { today: TODAY, borough });
      return { answers: answers as Findings, asked, reason: next.reason, outcome };
    }
    const id = next.question.id;
    if (id in answers) throw new Error(`asked ${id}, which was already answered`);
    asked.push(id);
    answers[id] = answer(next.question, answers as Findings);
  }
  throw new Error(`no end after ${pack.questions.length + 1} questions: ${asked.join(", ")}`);
}

/**
 * The least urgent completion of the answers so far: what nextQuestion assumes for pending details
 * (RULES.md §1 principle 4). Written from the pack data, not by calling the engine's own helper.
 */
export function leastUrgentCompletion(pack: Pack, f: Findings): Findings {
  const out: Record<string, unknown> = { ...f };
  for (const q of pack.data.questions) {
    if (q.absentMeans === "unsure" && q.leastUrgent !== undefined && !(q.id in out))
      out[q.id] = q.leastUrgent;
  }
  return out as Findings;
}
