import type { CompiledRule, Pack } from "../packs/compile.js";
import { type Findings, URGENCY_LEVELS, type Urgency } from "../vocabulary.js";
import { type Facts, facts, NO, type Truth, YES } from "./logic.js";

// The decision itself: which rules fire and which one sets the route. decide() and nextQuestion()
// both build on this, so the question flow can never disagree with the outcome.

export interface Firing {
  rule: CompiledRule;
  truth: Truth;
  /** Effective urgency: a superseding rule carries the most urgent route it replaced. */
  rank: number;
}

export interface Evaluation {
  findings: Findings;
  facts: Facts;
  fired: Firing[];
  primary: Firing;
}

const EMERGENCY = URGENCY_LEVELS.indexOf("emergency");

export function evaluate(pack: Pack, input: Findings): Evaluation {
  const x = facts(input);
  applyImplications(pack, x);
  const findings = input;
  let fired: Firing[] = [];
  for (const rule of pack.rules) {
    if (rule.data.fallback) continue;
    const truth = rule.when(x);
    if (truth !== NO) fired.push({ rule, truth, rank: rule.rank });
  }

  // A superseding rule (under 16) applies only when it certainly holds and no emergency fires.
  const superseding = fired.filter((f) => f.rule.data.supersedes && f.truth === YES);
  const anyEmergency = superseding.length > 0 && fired.some((f) => f.rank === EMERGENCY);
  for (const sup of superseding) {
    if (anyEmergency) break;
    const replaced = sup.rule.data.supersedes ?? [];
    const removed = fired.filter((f) => f !== sup && replaced.includes(f.rule.data.route));
    for (const r of removed) sup.rank = Math.max(sup.rank, r.rank);
    fired = fired.filter((f) => !removed.includes(f));
  }

  if (fired.length === 0) {
    for (const rule of pack.rules) {
      if (!rule.data.fallback) continue;
      const truth = rule.when(x);
      if (truth !== NO) fired.push({ rule, truth, rank: rule.rank });
    }
  }
  if (fired.length === 0) throw new Error(`${pack.data.region} pack has no rule that fires for this case`);

  let primary = fired[0] as Firing;
  for (const f of fired) if (f.rank > primary.rank) primary = f;
  return { findings, facts: x, fired, primary };
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
    const a = x.v[from];
    if (a === true || (a === "unsure" && x.v[to] !== true)) x.v[to] = a;
  }
}
