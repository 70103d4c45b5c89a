import type { Question, Screen } from "../outcome.js";
import type { CompiledQuestion, CompiledStep, Pack } from "../packs/compile.js";
import type { FindingId, Findings } from "../vocabulary.js";
import { type Evaluation, evaluate, factsFor, isEmergency } from "./evaluate.js";
import { type Facts, factsOf, NO, YES } from "./logic.js";

export type Next =
  /** emergencyPending: the outcome is already an emergency; this question only refines which one. */
  | { done: false; kind: "question"; question: Question; emergencyPending: boolean }
  | { done: false; kind: "screen"; screen: Screen }
  | { done: true; reason: "emergency" | "complete" };

export interface NextOptions {
  /** Items the clinician chose to answer one by one ("Not sure" on a screen): asked alone first. */
  oneByOne?: FindingId[];
}

/**
 * The next step of the conversation for these answers: a question, a screen, or done. Unanswered
 * findings are the ones not in `findings`. The pack's flow puts the most dangerous topics first.
 * A screen lists every open item for the body area and age, whatever the answers so far, so the
 * clinician's own concern is always asked; a single question (a detail such as a duration) is
 * asked only for its item and only when its answer could still change the route.
 */
export function nextQuestion(pack: Pack, findings: Findings, options: NextOptions = {}): Next {
  const best = bestCase(pack, findings);

  if (isEmergency(best)) {
    // Before stopping, ask what could switch the emergency (ED to the MSCC co-ordinator).
    for (const q of pack.questions) {
      if (!q.data.askBeforeEmergencyStop || q.data.id in findings || !q.data.askable) continue;
      const ifYes = bestCase(pack, { ...findings, [q.data.id]: true });
      if (ifYes.primary.rule.data.route !== best.primary.rule.data.route) return ask(q, true);
    }
    return { done: true, reason: "emergency" };
  }

  for (const id of options.oneByOne ?? []) {
    const q = pack.questionById.get(id);
    if (q?.data.askable && !(id in findings)) return ask(q);
  }

  const current = factsFor(pack, findings);
  for (const step of pack.flow) {
    if (step.kind === "ask") {
      if (isAskable(pack, step.question, findings, current, best))
        return ask(step.question, false, current, pack);
      continue;
    }
    const items = openItems(step, findings, current);
    if (items.length === 0) continue;
    if (step.onlyIfRouteCanChange && !tierCouldChange(pack, findings, best, items)) continue;
    const noted = [...new Set(items.flatMap((q) => (q.raisedWhen ? notedFacts(pack, q, current) : [])))];
    const why = noted.length > 0 ? `${youNoted(noted)} ${step.why}` : step.why;
    return {
      done: false,
      kind: "screen",
      screen: { id: step.id, title: step.title, why, items: items.map((q) => q.public) },
    };
  }
  return { done: true, reason: "complete" };
}

/** A screen's items still open that apply to this body area and age. */
function openItems(step: Extract<CompiledStep, { kind: "screen" }>, findings: Findings, x: Facts) {
  if (step.when && step.when(x) === NO) return [];
  return step.items.filter(
    (q) => q.data.askable && !(q.data.id in findings) && (!q.askWhen || q.askWhen(x) !== NO),
  );
}

/** Red flags that were not asked (the card lists them as "not asked", never as "no"). */
export function unaskedRedFlags(pack: Pack, findings: Findings): Question[] {
  const current = factsFor(pack, findings);
  return pack.questions
    .filter((q) => q.data.redFlag && q.data.askable && !(q.data.id in findings) && q.reach.length > 0)
    .filter((q) => !q.askWhen || q.askWhen(current) !== NO)
    .map((q) => q.public);
}

export function questionById(pack: Pack, id: FindingId): Question | undefined {
  return pack.questionById.get(id)?.public;
}

function isAskable(
  pack: Pack,
  q: CompiledQuestion,
  findings: Findings,
  current: Facts,
  best: Evaluation,
): boolean {
  if (!q.data.askable || q.data.id in findings) return false;
  if (q.data.askWhenRoute) return q.data.askWhenRoute.includes(best.primary.rule.data.route);
  if (q.reach.length === 0) return false;
  if (q.askWhen && q.askWhen(current) === NO) return false;
  if (q.raisedWhen) {
    // A concern question is asked alone only when facts raised it and its answer would change the
    // route now; otherwise the concern screen asks it a step later, so skipping here loses nothing.
    return q.raisedWhen(current) !== NO && yesCouldChangeRoute(pack, findings, best, [q]);
  }
  return couldChangePrimary(q, best);
}

/**
 * Whether a "yes" to a raised concern would give another route or urgency than the least urgent
 * completion of the answers so far. Skipping it alone loses nothing: the concern screen asks it.
 */
function yesCouldChangeRoute(
  pack: Pack,
  findings: Findings,
  best: Evaluation,
  items: readonly CompiledQuestion[],
): boolean {
  const ifYes = withYes(pack, findings, items).primary;
  return ifYes.rule.data.route !== best.primary.rule.data.route || ifYes.rank !== best.primary.rank;
}

/**
 * Whether any answers to a screen of tier criteria could change the route or its urgency. Rules
 * only gain truth as an answer goes from no to unsure to yes, so every mix of answers lies between
 * the answers so far and "yes" to all: if "yes" to all keeps the primary rule at its urgency and
 * lets no other rule overtake it, no mix can lead anywhere else.
 */
function tierCouldChange(
  pack: Pack,
  findings: Findings,
  best: Evaluation,
  items: readonly CompiledQuestion[],
): boolean {
  const p = best.primary;
  const ifYes = withYes(pack, findings, items);
  if (ifYes.primary.rule !== p.rule || ifYes.primary.rank !== p.rank) return true;
  // Another rule that gains truth leads only by the tie-breaks of principle 1 (earlier in the pack
  // at the same urgency, or certain where the primary is not), and matters only if it goes elsewhere.
  const before = new Map(best.fired.map((f) => [f.rule, f.truth]));
  return ifYes.fired.some(
    (f) =>
      f.rule.data.route !== p.rule.data.route &&
      before.get(f.rule) !== f.truth &&
      (f.rank > p.rank ||
        (f.rank === p.rank && (f.rule.index < p.rule.index || (f.truth === YES && p.truth !== YES)))),
  );
}

function withYes(pack: Pack, findings: Findings, items: readonly CompiledQuestion[]): Evaluation {
  const yes: Record<string, unknown> = { ...findings };
  for (const q of items) yes[q.data.id] = true;
  return bestCase(pack, yes as Findings);
}

/**
 * Sound skip: only a rule more urgent than the current best case could win, or one as urgent that
 * is earlier, or that could lead by certainty because the current primary holds only on an unsure
 * answer.
 */
function couldChangePrimary(q: CompiledQuestion, best: Evaluation): boolean {
  const p = best.primary;
  return q.reach.some(
    (r) => r.maxRank > p.rank || (r.maxRank === p.rank && (r.index < p.rule.index || p.truth !== YES)),
  );
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

function ask(q: CompiledQuestion, emergencyPending = false, raisedBy?: Facts, pack?: Pack): Next {
  const question = raisedBy && pack && q.raisedWhen ? raisedWording(pack, q, raisedBy) : q.public;
  return { done: false, kind: "question", question, emergencyPending };
}

/** A concern raised by facts names them, so the clinician sees why it is asked now. */
function raisedWording(pack: Pack, q: CompiledQuestion, x: Facts): Question {
  const noted = notedFacts(pack, q, x);
  if (noted.length === 0) return q.public;
  return { ...q.public, text: `${youNoted(noted)} ${q.public.text}` };
}

/** The facts answered so far that raise this concern, by label. */
function notedFacts(pack: Pack, q: CompiledQuestion, x: Facts): string[] {
  if (!q.raisedWhen || q.raisedWhen(x) === NO) return [];
  const read = factsOf(q.data.raisedWhen ?? { always: true }, pack.data.terms);
  const noted: string[] = [];
  for (const id of read) {
    const v = x.f[id];
    const other = pack.questionById.get(id);
    if (other?.data.type === "bool" && (v === true || v === "unsure")) noted.push(other.data.label);
  }
  for (const flag of pack.suspicionFlags) {
    if (flag.when(x) === 1 && !noted.some((n) => n.toLowerCase() === flag.label.toLowerCase()))
      if (flag.reads.some((id) => pack.questionById.get(id)?.data.type !== "bool" && read.has(id)))
        noted.push(flag.label);
  }
  return noted;
}

function youNoted(noted: readonly string[]): string {
  const list = noted.map((n, i) => (i === 0 ? n : n.charAt(0).toLowerCase() + n.slice(1))).join(", ");
  return `You noted: ${list}.`;
}
