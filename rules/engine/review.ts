import type { Outcome } from "../outcome.js";
import type { Pack } from "../packs/compile.js";
import type { Findings, RouteCode } from "../vocabulary.js";
import { type DecideOptions, describe } from "./decide.js";
import { evaluate, type Firing } from "./evaluate.js";
import { UNSURE, YES } from "./logic.js";

// The outcome after the MSK team has reviewed a case and chosen another route. The team's choice
// is a clinical decision made by people; the core only describes that route for these findings
// (its action, time frame, imaging and safety-netting advice, referral) in the usual shape.

/**
 * The same findings, the route the team chose. Its urgency is the most urgent a rule that fired
 * gave that route, or, when no rule reached it, the most urgent any rule in the pack gives it:
 * a route chosen on review is never shown less urgent than the pack ever uses it.
 * The rules listed are the ones that fired (the reasons the case raised concern); the route the
 * team replaced is no longer an action, every other route a rule reached still is.
 */
export function reviewedOutcome(
  pack: Pack,
  findings: Findings,
  route: RouteCode,
  options: DecideOptions = {},
): Outcome {
  const ev = evaluate(pack, findings);
  if (ev.primary.rule.data.route === route) return describe(pack, ev, options);
  const primary = firingFor(pack, ev.fired, route);
  if (!primary) throw new RangeError(`the ${pack.data.region} pack has no rule with route ${route}`);
  const described = describe(pack, { ...ev, primary }, options);
  const fired = [...ev.fired].sort((a, b) => b.rank - a.rank || a.rule.index - b.rule.index);
  return {
    ...described,
    rules: fired.map((f) => ({
      id: f.rule.data.id,
      name: f.rule.data.name,
      source: f.rule.data.source,
      sourceText: f.rule.sourceText,
      onUncertainty: f.truth === UNSURE,
    })),
    additional: described.additional.filter((a) => a.route !== ev.primary.rule.data.route),
  };
}

/** A firing for the chosen route: the most urgent that fired, else the pack's most urgent rule for it. */
function firingFor(pack: Pack, fired: Firing[], route: RouteCode): Firing | undefined {
  const reached = fired.filter((f) => f.rule.data.route === route).sort((a, b) => b.rank - a.rank)[0];
  if (reached) return reached;
  const rule = pack.rules.filter((r) => r.data.route === route).sort((a, b) => b.rank - a.rank)[0];
  return rule ? { rule, truth: YES, rank: rule.rank } : undefined;
}
