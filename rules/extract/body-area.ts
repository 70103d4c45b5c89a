import type { BodyArea, BoolFindingId } from "../vocabulary.js";
import type { PhraseHit } from "./scan.js";
import {
  allMatches,
  compileWords,
  longestNonOverlapping,
  overlapIndex,
  overlapsAny,
  type Span,
} from "./text.js";

// Where the main problem is. When several areas are named, the spinal one most likely to matter
// wins (thoracic, then cervical, then lumbar, then a limb): a knee mentioned beside back pain is
// rarely the reason for a red-flag question, and thoracic pain is itself a flag (docs/clinical-rules.md).

const AREAS: Array<{ area: BodyArea; re: string }> = [
  {
    area: "thoracic",
    // A junction names both areas: the more urgent one, thoracic, is the one asked about.
    re: "thoraco-?lumbar|cervico-?thoracic|tl junction|t/l junction|thoracic|thoracic spine|t-?spine|mid[- ]?back|middle back|upper back|between (?:the |his |her )?shoulder blades|shoulder blades?|interscapular|scapula|dorsal spine|t(?:[1-9]|1[0-2])(?:[/-]t?(?:[1-9]|1[0-2]))?",
  },
  {
    area: "cervical",
    re: "neck|nsp|cervical|cervical spine|c-?spine|c[1-8](?:[/-]c?[1-8])?|whiplash|brachialgia|cervicalgia|cervical radiculopathy",
  },
  {
    area: "lumbar",
    re: "lbp|low(?:er)? back|(?<!(?:came|come|coming|went|go|going|got|get|getting|grew|grow|growing|been|be|is|was|straight|bring|brought|call|called|ring) )back(?! (?:to|after|again|from|of|in|on))|lumbar|lumbar spine|l-?spine|lumbago|lumbosacral|l[1-5](?:[/-](?:l?[1-5]|s1))?|s1|sciatica|sciatic pain|si ?joint|sij|sacroiliac|coccyx|tailbone|buttock",
  },
  {
    area: "limb",
    re: "knees?|shoulders?|hips?|ankles?|wrists?|elbows?|hands?|feet|foot|fingers?|thumbs?|toes?|achilles|calf|calves|thigh|hamstrings?|quads?|groin|heel|shin|tibia|fibula|femur|humerus|patella|plantar fascii?\\w*|rotator cuff|tennis elbow|golfer'?s elbow|forearm|neck of (?:the )?femur|nof|acl|mcl|menisc\\w*|biceps?|triceps|joint|tkr|thr|tka|tha|tsr|arthroplasty",
  },
];
const COMPILED = AREAS.map((a) => ({ area: a.area, regexes: compileWords(a.re) }));
// Nerve symptoms name where they are felt, not where the problem is ("numb foot", "weak hand").
const NERVE_IDS: ReadonlySet<BoolFindingId> = new Set([
  "motor_weakness",
  "sensory_deficit",
  "radiculopathy",
  "bilateral_leg_symptoms",
  "foot_drop",
  "gross_functional_deficit",
  "gait_disturbance",
]);
const PRIORITY: readonly BodyArea[] = ["thoracic", "cervical", "lumbar", "limb"];

export interface AreaHit extends Span {
  area: BodyArea;
}

/**
 * @param hits in text order, none overlapping another (as scan returns them)
 * @param nerveSpans positive nerve findings and power grades: a limb named in the same clause is
 * where the symptom is felt ("numb foot", "MRC 4 ankle DF"), not the main problem.
 */
export function findBodyArea(
  lower: string,
  hits: readonly PhraseHit[],
  nerveSpans: readonly Span[],
): AreaHit | undefined {
  const hidden = hits.filter((h) => h.phrase.hidesArea);
  const touchesNerve = overlapIndex(nerveSpans);
  const candidates: AreaHit[] = [];
  for (const { area, regexes } of COMPILED) {
    for (const s of allMatches(lower, regexes)) candidates.push({ ...s, area });
  }
  const found = longestNonOverlapping(candidates).filter((a) => {
    if (overlapsAny(hidden, a)) return false;
    if (a.area !== "limb") return true;
    return !touchesNerve(clauseAround(lower, a));
  });
  for (const area of PRIORITY) {
    const first = found.find((f) => f.area === area);
    if (first) return first;
  }
  return undefined;
}

// A clause is looked for no further than this either side: a long run without punctuation must
// not be walked once per body word in it.
const CLAUSE_REACH = 200;

function clauseAround(lower: string, s: Span): Span {
  const isBreak = (ch: string | undefined) => ch === "," || ch === "." || ch === ";" || ch === "\n";
  const lo = Math.max(0, s.start - CLAUSE_REACH);
  const hi = Math.min(lower.length, s.end + CLAUSE_REACH);
  let start = s.start;
  while (start > lo && !isBreak(lower[start - 1])) start--;
  let end = s.end;
  while (end < hi && !isBreak(lower[end])) end++;
  return { start, end };
}

/** Whether a finding names nerve symptoms (used to build findBodyArea's nerveSpans). */
export function isNerveHit(h: PhraseHit): boolean {
  return h.phrase.ids.some((id) => NERVE_IDS.has(id));
}
