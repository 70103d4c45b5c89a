import type { BoolFindingId } from "../vocabulary.js";
import type { NumberHit } from "./numbers.js";
import type { PhraseHit } from "./scan.js";
import type { Span } from "./text.js";

// A duration belongs only to what the text ties it to (issue 5): in "LBP 3/52, new saddle numbness"
// the three weeks are the back pain's. A duration binds to the finding or pain mention right before
// it ("saddle numbness 3/7", "weakness for 2 wks"), or failing that right after it ("3/7 hx of
// saddle numbness"); a comma or full stop in between breaks the tie, except for a duration that is
// a list element of its own (see loneElement).

// Words that may sit between a finding and its duration: where it is ("R leg", "L ankle DF"), its
// grade ("3/5"), and the usual connectives ("for", "x", "since", "over the last").
const WHERE =
  "l|r|lt|rt|left|right|leg|legs|arm|arms|foot|feet|hand|hands|ankle|knee|hip|grip|thigh|calf|df|pf|ehl|quads?|dorsiflexion|plantarflexion|hip flexion|toe extension|in|the|his|her|both";
const BEFORE_GAP = new RegExp(
  `^\\s*(?:[-–:~(]\\s*)?(?:(?:for|x|since|over|of|about|around|approx\\.?|approximately|roughly|nearly|almost|the|last|past|started|starting|began|onset|ongoing|present|hx|history|duration|now|>|<|~|[0-5][+-]?\\s*/\\s*5|power|mrc|${WHERE})(?![a-z])\\s*)*$`,
);
const AFTER_GAP =
  /^\s*(?:[-–:)]\s*)?(?:(?:hx|history|h\/o|of|ago|new|onset|worsening|progressive|increasing|old|duration|developed|started|noticed|began|sudden|gradual)\s*)*$/;
// A finding's own noun may close it: "bilateral leg pain and numbness".
const CHAIN_GAP = /^\s*(?:(?:pain|sx|symptoms)\s*)?(?:,|and|or|&|\/|\+)?\s*(?:and|or)?\s*$/;

export type Anchor = { kind: "hit"; hit: PhraseHit } | { kind: "pain"; span: Span };

const spanOf = (a: Anchor): Span => (a.kind === "hit" ? a.hit : a.span);

/** The anchors a duration belongs to: one pain mention, or a chain of findings ("weakness and numbness 2/52"). */
export function bindDuration(lower: string, d: NumberHit, anchors: readonly Anchor[]): Anchor[] {
  const sorted = [...anchors].sort((a, b) => spanOf(a).start - spanOf(b).start);
  const before = sorted.filter((a) => spanOf(a).end <= d.start).at(-1);
  if (before && BEFORE_GAP.test(lower.slice(spanOf(before).end, d.start)))
    return chain(lower, sorted, before, -1);
  const after = sorted.find((a) => spanOf(a).start >= d.end);
  if (after && AFTER_GAP.test(lower.slice(d.end, spanOf(after).start))) return chain(lower, sorted, after, 1);
  return loneElement(lower, d, sorted);
}

// A duration that is a list element of its own ("retention, 2/7", "saddle numbness, 5 days, 60M")
// dates the element right before it; never one further back, and never across a negated finding
// (negatives are not anchors, and the words between must still be a BEFORE_GAP).
// "perianal numbness, onset yesterday": onset words may introduce the element.
const LONE_BEFORE =
  /,\s*(?:(?:for|x|since|over|the|last|past|approx\.?|about|~|onset|started|starting|began|beginning|from)\s*)*$/;
const LONE_AFTER = /^\s*(?:(?:ago|duration|hx|history|onset|now)\s*)*(?:[,.;!\n]|$)/;

function loneElement(lower: string, d: NumberHit, sorted: readonly Anchor[]): Anchor[] {
  const lead = LONE_BEFORE.exec(lower.slice(0, d.start));
  if (!lead || !LONE_AFTER.test(lower.slice(d.end))) return [];
  const before = sorted.filter((a) => spanOf(a).end <= lead.index).at(-1);
  if (!before || !BEFORE_GAP.test(lower.slice(spanOf(before).end, lead.index))) return [];
  return chain(lower, sorted, before, -1);
}

function chain(lower: string, sorted: readonly Anchor[], from: Anchor, step: -1 | 1): Anchor[] {
  if (from.kind === "pain") return [from];
  const out: Anchor[] = [from];
  let i = sorted.indexOf(from);
  for (;;) {
    const last = out.at(-1);
    const next = sorted[i + step];
    if (!next || !last) break;
    if (next.kind !== "hit") break;
    const [a, b] = step === -1 ? [spanOf(next), spanOf(last)] : [spanOf(last), spanOf(next)];
    if (!CHAIN_GAP.test(lower.slice(a.end, b.start))) break;
    out.push(next);
    i += step;
  }
  return out;
}

export const CES_IDS: ReadonlySet<BoolFindingId> = new Set([
  "saddle_anaesthesia",
  "bladder_bowel_dysfunction",
  "sexual_dysfunction",
  "bilateral_leg_symptoms",
]);
export const MOTOR_IDS: ReadonlySet<BoolFindingId> = new Set(["motor_weakness", "foot_drop"]);
