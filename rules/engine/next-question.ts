import type { Question } from "../outcome.js";
import type { CompiledQuestion, Pack } from "../packs/compile.js";
import type { FindingId, Findings } from "../vocabulary.js";
import { type Evaluation, evaluate, isEmergency } from "./evaluate.js";
import { NO } from "./logic.js";

export type Next =
  /** emergencyPending: the outcome is already an emergency; this question only refines which one. */
  | { done: false; question: Question; emergencyPending: boolean }
  | { done: true; reason: "emergency" | "complete" };

/**
 * The next red-flag question for these answers, or done. Unanswered findings are the ones not in
 * `findings`. The order in the pack asks the most dangerous things first; a question is skipped when
 * its askWhen does not hold or when no answer to it could change the primary route.
 */
export function nextQuestion(pack: Pack, findings: Findings): Next {
  const best = evaluate(pack, bestCase(pack, findings));

  if (isEmergency(best)) {
    // RULES.md §1 principle 4: before stopping, ask what could switch ED to the MSCC co-ordinator.
    for (const q of pack.questions) {
      if (!q.data.askBeforeEmergencyStop || q.data.id in findings || !q.data.askable) continue;
      const ifYes = evaluate(pack, bestCase(pack, { ...findings, [q.data.id]: true }));
      if (ifYes.primary.rule.data.route !== best.primary.rule.data.route) return ask(q, true);
    }
    return { done: true, reason: "emergency" };
  }

  for (const q of pack.questions) {
    if (isAskable(q, findings, best)) return ask(q);
  }
  return { done: true, reason: "complete" };
}

/** Red flags that were not asked (the card lists them as "not asked", never as "no"). */
export function unaskedRedFlags(pack: Pack, findings: Findings): Question[] {
  const current = evaluate(pack, findings).facts;
  return pack.questions
    .filter((q) => q.data.redFlag && q.data.askable && !(q.data.id in findings) && q.reach.length > 0)
    .filter((q) => !q.askWhen || q.askWhen(current) !== NO)
    .map((q) => q.public);
}

export function questionById(pack: Pack, id: FindingId): Question | undefined {
  return pack.questionById.get(id)?.public;
}

function isAskable(q: CompiledQuestion, findings: Findings, best: Evaluation): boolean {
  if (!q.data.askable || q.data.id in findings) return false;
  if (q.data.askWhenRoute) return q.data.askWhenRoute.includes(best.primary.rule.data.route);
  if (q.reach.length === 0) return false;
  if (q.askWhen && q.askWhen(best.facts) === NO) return false;
  return couldChangePrimary(q, best);
}

/** Sound skip: only rules more urgent than the current best case, or as urgent and earlier, could win. */
function couldChangePrimary(q: CompiledQuestion, best: Evaluation): boolean {
  const p = best.primary;
  return q.reach.some((r) => r.rank > p.rank || (r.rank === p.rank && r.index < p.rule.index));
}

/** Unanswered details take their least urgent value: a pending detail is never a reason to stop. */
function bestCase(pack: Pack, findings: Findings): Findings {
  let out: Findings | undefined;
  for (const q of pack.questions) {
    const lu = q.data.leastUrgent;
    if (lu === undefined || q.data.id in findings) continue;
    if (q.data.absentMeans !== "unsure") continue;
    out ??= { ...findings };
    (out as Record<string, unknown>)[q.data.id] = lu;
  }
  return out ?? findings;
}

function ask(q: CompiledQuestion, emergencyPending = false): Next {
  return { done: false, question: q.public, emergencyPending };
}
