import type { BoolFindingId } from "../vocabulary.js";
import type { NumberHit } from "./numbers.js";
import type { PhraseHit } from "./scan.js";
import { firstEndingAfter, firstStartingFrom, type Span } from "./text.js";

// A duration belongs only to what the text ties it to: in "LBP 3/52, new saddle numbness"
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
// A finding's own noun may close it: "bilateral leg pain and numbness", "bilat leg tingling and weakness".
const CHAIN_GAP =
  /^\s*(?:(?:pain|sx|symptoms|tingling|pins and needles|paraesthesia|paresthesia)\s*)?(?:,|and|or|&|\/|\+)?\s*(?:and|or)?\s*$/;

export type Anchor = { kind: "hit"; hit: PhraseHit } | { kind: "pain"; span: Span };

const spanOf = (a: Anchor): Span => (a.kind === "hit" ? a.hit : a.span);

// Words between a duration and what it dates are a few connectives (or a blanked identifier): a
// longer gap is no tie, and is not matched, so a long message costs no more per duration.
const GAP_REACH = 200;
const gapIs = (re: RegExp, lower: string, from: number, to: number) =>
  to - from <= GAP_REACH && re.test(lower.slice(from, to));

/** Whether two findings, a then b, are said as one ("bilateral leg tingling and weakness"). */
export const joinedAsOne = (lower: string, a: Span, b: Span): boolean =>
  gapIs(CHAIN_GAP, lower, a.end, b.start);

/** Anchors in text order, none overlapping another, with their spans (what bindDuration takes). */
export interface Anchors {
  list: readonly Anchor[];
  spans: readonly Span[];
}

export function sortAnchors(anchors: readonly Anchor[]): Anchors {
  const list = [...anchors].sort((a, b) => spanOf(a).start - spanOf(b).start);
  return { list, spans: list.map(spanOf) };
}

/** The anchors a duration belongs to: one pain mention, or a chain of findings ("weakness and numbness 2/52"). */
export function bindDuration(lower: string, d: NumberHit, anchors: Anchors): Anchor[] {
  const b = firstEndingAfter(anchors.spans, d.start) - 1;
  const before = anchors.spans[b];
  if (before && gapIs(BEFORE_GAP, lower, before.end, d.start)) return chain(lower, anchors, b, -1);
  const a = firstStartingFrom(anchors.spans, d.end);
  const after = anchors.spans[a];
  if (after && gapIs(AFTER_GAP, lower, d.end, after.start)) return chain(lower, anchors, a, 1);
  return loneElement(lower, d, anchors);
}

// A duration that is a list element of its own ("retention, 2/7", "saddle numbness, 5 days, 60M")
// dates the element right before it; never one further back, and never across a negated finding
// (negatives are not anchors, and the words between must still be a BEFORE_GAP).
// "perianal numbness, onset yesterday": onset words may introduce the element.
// "weakness, progressive over 3 days": a change word may too.
const LONE_BEFORE =
  /,\s*(?:(?:for|x|since|over|the|last|past|approx\.?|about|~|onset|started|starting|began|beginning|from|progres+ive|progres+ing|worsening|getting worse|deteriorating)\s*)*$/;
const LONE_AFTER = /^\s*(?:(?:ago|duration|hx|history|onset|now)\s*)*(?:[,.;!\n]|$)/;

function loneElement(lower: string, d: NumberHit, anchors: Anchors): Anchor[] {
  const from = Math.max(0, d.start - GAP_REACH);
  const lead = LONE_BEFORE.exec(lower.slice(from, d.start));
  if (!lead) return [];
  const tail = lower.slice(d.end, d.end + GAP_REACH);
  const close = LONE_AFTER.exec(tail);
  // The end of the window is not the end of the message.
  if (!close || (!/[,.;!\n]$/.test(close[0]) && d.end + tail.length < lower.length)) return [];
  const leadAt = from + lead.index;
  const b = firstEndingAfter(anchors.spans, leadAt) - 1;
  const before = anchors.spans[b];
  if (!before || !gapIs(BEFORE_GAP, lower, before.end, leadAt)) return [];
  return chain(lower, anchors, b, -1);
}

function chain(lower: string, anchors: Anchors, from: number, step: -1 | 1): Anchor[] {
  const first = anchors.list[from] as Anchor;
  if (first.kind === "pain") return [first];
  const out: Anchor[] = [first];
  for (let i = from; ; i += step) {
    const next = anchors.list[i + step];
    if (next?.kind !== "hit") break;
    const [a, b] = step === -1 ? [i + step, i] : [i, i + step];
    if (!gapIs(CHAIN_GAP, lower, (anchors.spans[a] as Span).end, (anchors.spans[b] as Span).start)) break;
    out.push(next);
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
