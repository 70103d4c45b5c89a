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
  const best = bestCase(pack, findings);

  if (isEmergency(best)) {
    // RULES.md §1 principle 4: before stopping, ask what could switch ED to the MSCC co-ordinator.
    for (const q of pack.questions) {
      if (!q.data.askBeforeEmergencyStop || q.data.id in findings || !q.data.askable) continue;
      const ifYes = bestCase(pack, { ...findings, [q.data.id]: true });
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

/**
 * The least urgent way the pending details could still turn out: numbers take their least urgent
 * value, and an unanswered choice (the body area) is tried with every option, because which option
 * is least urgent depends on the region's rules (BNSSG sends a limb infection to ED but a spinal
 * one, when well, to direct MRI). A pending detail is therefore never a reason to stop.
 */
function bestCase(pack: Pack, findings: Findings): Evaluation {
  let base: Findings | undefined;
  const open: Array<{ id: FindingId; values: string[] }> = [];
  for (const q of pack.absentMeansUnsure) {
    if (q.data.id in findings) continue;
    if (q.data.type === "choice" && q.data.choices) {
      open.push({ id: q.data.id, values: q.data.choices.map((c) => c.value) });
      continue;
    }
    const lu = q.data.leastUrgent;
    if (lu === undefined) continue;
    base ??= { ...findings };
    (base as Record<string, unknown>)[q.data.id] = lu;
  }
  let completions: Findings[] = [base ?? findings];
  for (const { id, values } of open) {
    completions = completions.flatMap((c) => values.map((v) => ({ ...c, [id]: v }) as Findings));
  }
  let least: Evaluation | undefined;
  for (const c of completions) {
    const ev = evaluate(pack, c);
    if (!least || ev.primary.rank < least.primary.rank) least = ev;
  }
  return least as Evaluation;
}

function ask(q: CompiledQuestion, emergencyPending = false): Next {
  return { done: false, question: q.public, emergencyPending };
}
