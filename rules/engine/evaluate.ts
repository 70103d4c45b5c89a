import type { CompiledRule, Pack } from "../packs/compile.js";
import type { RuleData } from "../packs/schema.js";
import { type Findings, URGENCY_LEVELS, type Urgency } from "../vocabulary.js";
import { type Facts, facts, NO, type Truth, YES } from "./logic.js";

// The decision itself: which rules fire and which one sets the route. decide() and nextQuestion()
// both build on this, so the question flow can never disagree with the outcome.

export interface Firing {
  rule: CompiledRule;
  truth: Truth;
  /** Effective urgency: raised by a variant, or by the routes a superseding rule replaced. */
  rank: number;
  /** The variant (different urgency and wording) that applies, if any. */
  variant?: RuleData["variants"][number];
}

export interface Evaluation {
  findings: Findings;
  facts: Facts;
  fired: Firing[];
  primary: Firing;
}

const EMERGENCY = URGENCY_LEVELS.indexOf("emergency");

export function evaluate(pack: Pack, input: Findings): Evaluation {
  const first = evaluateAsGiven(pack, input);
  // A question the core asks before stopping on an emergency (cancer history) counts as unsure
  // until it is answered: the emergency card then lists the MSCC call in parallel.
  if (!isEmergency(first)) return first;
  const pending = pack.questions.filter((q) => q.data.askBeforeEmergencyStop && !(q.data.id in input));
  if (pending.length === 0) return first;
  const unsure = { ...input } as Record<string, unknown>;
  for (const q of pending) unsure[q.data.id] = "unsure";
  // Listed in parallel, not leading: the emergency already reached keeps the primary route.
  const second = evaluateAsGiven(pack, unsure as Findings);
  const kept = second.fired.find((f) => f.rule === first.primary.rule);
  return { ...second, findings: input, primary: kept ?? second.primary };
}

/** The findings as the rules read them (with implications applied), without deciding anything. */
export function factsFor(pack: Pack, input: Findings): Facts {
  const x = facts(input);
  applyImplications(pack, x);
  return x;
}

function evaluateAsGiven(pack: Pack, input: Findings): Evaluation {
  const x = factsFor(pack, input);
  let fired: Firing[] = [];
  for (const rule of pack.rules) {
    if (rule.data.fallback) continue;
    const truth = rule.when(x);
    if (truth !== NO) fired.push(firing(rule, truth, x));
  }

  // A superseding rule (under 16) applies when it certainly holds. It replaces every other
  // non-emergency rule but its exceptions; emergencies stay emergencies.
  for (const sup of fired.filter((f) => f.rule.data.supersedes && f.truth === YES)) {
    const except = sup.rule.data.supersedes?.except ?? [];
    const removed = fired.filter(
      (f) => f !== sup && f.rank < EMERGENCY && !except.some((id) => sameRule(f.rule.data.id, id)),
    );
    for (const r of removed) sup.rank = Math.max(sup.rank, r.rank);
    fired = fired.filter((f) => !removed.includes(f));
  }

  if (fired.length === 0) {
    for (const rule of pack.rules) {
      if (!rule.data.fallback) continue;
      const truth = rule.when(x);
      if (truth !== NO) fired.push(firing(rule, truth, x));
    }
  }
  if (fired.length === 0) throw new Error(`${pack.data.region} pack has no rule that fires for this case`);
  return { findings: input, facts: x, fired, primary: primaryOf(fired) };
}

function firing(rule: CompiledRule, truth: Truth, x: Facts): Firing {
  const v = rule.variants.find((variant) => variant.when(x) !== NO);
  if (!v) return { rule, truth, rank: rule.rank };
  return { rule, truth, rank: Math.max(rule.rank, v.rank), variant: v.data };
}

/**
 * The most urgent rule sets the route. At equal urgency a rule reached with certainty leads over
 * one reached only through an unsure or missing answer (acute CES with the cancer history unknown:
 * ED leads, the MSCC call goes in parallel); then the earlier rule in the pack.
 */
function primaryOf(fired: Firing[]): Firing {
  let primary = fired[0] as Firing;
  for (const f of fired) {
    if (f.rank > primary.rank || (f.rank === primary.rank && f.truth === YES && primary.truth !== YES))
      primary = f;
  }
  return primary;
}

/** A region may split a rule into lettered variants (R07 and R07B); both are that rule. */
function sameRule(id: string, base: string): boolean {
  return id === base || new RegExp(`^${base}[A-Z]$`).test(id);
}

export function urgencyAt(rank: number): Urgency {
  return URGENCY_LEVELS[rank] as Urgency;
}

export function isEmergency(e: Evaluation): boolean {
  return e.primary.rank === EMERGENCY;
}

/** "Under oncology" means "has cancer": the implied finding takes the more certain of the two answers. */
function applyImplications(pack: Pack, x: Facts): void {
  for (const [from, to] of pack.implies) {
    const a = x.v.get(from);
    if (a === true || (a === "unsure" && x.v.get(to) !== true)) x.v.set(to, a);
  }
}
