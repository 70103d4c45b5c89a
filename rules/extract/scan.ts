import { BREAKERS, DOUBTERS, GENERIC, NEGATORS } from "./cues.js";
import { PHRASES, type Phrase } from "./phrases.js";
import {
  allMatches,
  compileWords,
  longestNonOverlapping,
  overlapping,
  overlapsAny,
  type Span,
} from "./text.js";

// One pass over the lower-cased text: which phrases, cues and clause breaks are where.

export interface PhraseHit extends Span {
  phrase: Phrase;
}

export type CueKind = "negator" | "doubter" | "generic" | "breaker";
export interface Cue extends Span {
  kind: CueKind;
}

const PHRASE_REGEXES = PHRASES.map((phrase) => ({ phrase, regexes: compileWords(phrase.re) }));
const CUE_REGEXES: Array<{ kind: CueKind; regexes: RegExp[] }> = [
  { kind: "negator", regexes: compileWords(NEGATORS) },
  { kind: "doubter", regexes: compileWords(DOUBTERS) },
  { kind: "generic", regexes: compileWords(GENERIC) },
  { kind: "breaker", regexes: compileWords(BREAKERS) },
];
// The presenting pain is a topic of its own: "no trauma, LBP 3/52" does not negate what follows.
const PAIN_ANCHOR = compileWords(
  "lbp|(?:low(?:er)? |upper |mid |thoracic |lumbar )?back (?:pain|ache)|backache|neck pain|(?:knee|hip|shoulder|ankle|wrist|elbow|leg|arm|buttock|thoracic|chest wall) pain|pain|nsp|mechanical lbp|sciatica",
);

export interface Scan {
  /** In text order, none overlapping another (polarity.ts binary-searches them). */
  hits: PhraseHit[];
  /** In text order of their starts. */
  cues: Cue[];
  /** Spans of the presenting pain, for duration binding. */
  painAnchors: Span[];
}

export function scan(lower: string): Scan {
  const candidates: PhraseHit[] = [];
  for (const { phrase, regexes } of PHRASE_REGEXES) {
    for (const s of allMatches(lower, regexes)) candidates.push({ ...s, phrase });
  }
  // A blanket statement ("neuro intact") beats a finding word inside it only when it is longer.
  const genericSpans = longestNonOverlapping(allMatches(lower, CUE_REGEXES[2]?.regexes ?? []));
  const hits = longestNonOverlapping(candidates).filter(
    (h) => !overlapping(genericSpans, h).some((g) => g.end - g.start > h.end - h.start),
  );

  // Negators, doubters and blanket statements compete on length ("not sure" is not "not").
  const wordCandidates: Cue[] = [];
  for (const { kind, regexes } of CUE_REGEXES) {
    if (kind === "breaker") continue;
    for (const s of allMatches(lower, regexes)) wordCandidates.push({ ...s, kind });
  }
  // Words inside a finding belong to it ("b+b", "not eased by rest", "no saddle sensation").
  const outsideHits = (s: Span) => !overlapsAny(hits, s);
  // A cue that starts before a finding and runs into it still governs it ("no hx of ca").
  const leadsInto = (s: Span) => overlapping(hits, s).every((h) => s.start < h.start);
  const words = longestNonOverlapping(wordCandidates).filter(leadsInto);
  const breakers = longestNonOverlapping(allMatches(lower, CUE_REGEXES[3]?.regexes ?? []))
    .filter(outsideHits)
    .filter((b) => !overlapsAny(words, b))
    .map((b): Cue => ({ ...b, kind: "breaker" }));
  const kept: Cue[] = [...words, ...breakers];

  const painAnchors = longestNonOverlapping(allMatches(lower, PAIN_ANCHOR)).filter(
    (p) => !overlapsAny(hits, p),
  );
  for (const p of painAnchors) kept.push({ ...p, kind: "breaker" });
  return { hits, cues: kept.sort((a, b) => a.start - b.start), painAnchors };
}
