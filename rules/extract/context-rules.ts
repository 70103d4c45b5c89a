import { CES_IDS, joinedAsOne } from "./binding.js";
import type { Cue, PhraseHit } from "./scan.js";
import { firstStartingFrom, overlapsAny, type Span } from "./text.js";

// Details said apart from the finding they qualify. "new" counts as ces_worsening because the
// question itself asks whether any of them is new or getting worse (docs/clinical-rules.md).

const WORSE_BEFORE =
  /(?:^|[^a-z])(?:new|newly|new onset|recent onset|worsening|worse|progres+ive|increasing|deteriorating)\s*$/;
const WORSE_AFTER =
  /(?<![a-z])(?:new|worsening|worse|getting worse|progres+ing|progres+ive|deteriorating|increasing)(?![a-z])/g;
// "nothing new", "not getting worse": the words deny the change.
export const DENIED =
  /(?:^|[^a-z])(?:no|not|nothing|never|isn'?t|hasn'?t been|without)\s+(?:(?:any|really|been|getting|got)\s+)*$/;
// "unsure whether it is getting worse", "not sure if it's growing", "?worsening": the change is in
// doubt, so the detail is unsure, not yes.
const DOUBTED =
  /(?:^|[^a-z])((?:not sure|unsure|uncertain|unclear|not certain|(?:don'?t|doesn'?t|does not|do not) know|\?)\s*(?:(?:if|whether)\s+)?(?:(?:it'?s|it is|it|he'?s|she'?s|they'?re|he|she|they|is|are|has been|have been|been|still|really)\s+)*)$/;

/** A detail said apart from its finding: yes, or unsure when the words before it doubt it. */
export interface Detail {
  value: true | "unsure";
  words: Span[];
}
/**
 * @param from the start of the words before the change word that may doubt it
 * @param to where the change word starts
 * @param words the finding and the change word; the doubt, if any, is cited with them
 */
export function detail(lower: string, from: number, to: number, words: Span[]): Detail {
  const doubt = DOUBTED.exec(lower.slice(from, to));
  if (!doubt) return { value: true, words };
  // Only doubt words and the filler after them lie between the doubt and the change word.
  return { value: "unsure", words: [...words, { start: to - (doubt[1] ?? "").length, end: to }] };
}

/**
 * Whether a present CES symptom is said to be new or getting worse, if it is, with the words: the
 * symptom and the change word, not what lies between them.
 */
export function cesWorsening(
  lower: string,
  positives: readonly PhraseHit[],
  cues: readonly Cue[],
): Detail | undefined {
  for (const h of positives) {
    if (!h.phrase.ids.some((id) => CES_IDS.has(id))) continue;
    const lead = lower.slice(Math.max(0, h.start - 20), h.start);
    const before = WORSE_BEFORE.exec(lead);
    const leadBefore = before ? lead.slice(0, before.index + (/^[^a-z]/.test(before[0]) ? 1 : 0)) : "";
    if (before && !DENIED.test(leadBefore)) {
      const from = h.start - lead.length;
      return detail(lower, from, from + leadBefore.length, [
        { start: h.start - (before[0].length - (before[0].match(/^[^a-z]/) ? 1 : 0)), end: h.end },
      ]);
    }
    // After it, up to the end of the sentence or the next finding: "saddle numbness 2/52, worsening".
    // Positives and cues are in text order; the window is cut to AFTER_REACH so a long message
    // is not searched once per finding.
    // A finding said as one with it ("bilat leg tingling and weakness, progressive") does not end it.
    let n = firstStartingFrom(positives, h.end);
    let last: Span = h;
    while (positives[n] && joinedAsOne(lower, last, positives[n] as Span)) last = positives[n++] as Span;
    const next = positives[n]?.start ?? lower.length;
    let stop = lower.length;
    for (let i = firstStartingFrom(cues, h.end); i < cues.length; i++) {
      const c = cues[i] as Cue;
      if (c.start >= h.end + AFTER_REACH) break;
      if (/^[.;!\n]/.test(lower.slice(c.start, c.end))) {
        stop = c.start;
        break;
      }
    }
    const window = lower.slice(h.end, Math.min(next, stop, h.end + AFTER_REACH));
    for (const after of window.matchAll(WORSE_AFTER)) {
      if (DENIED.test(window.slice(0, after.index))) continue;
      const at = h.end + after.index;
      return detail(lower, h.end, at, [
        { start: h.start, end: h.end },
        { start: at, end: at + after[0].length },
      ]);
    }
  }
  return undefined;
}

/** How far after a finding a word that qualifies it is looked for. */
export const AFTER_REACH = 160;

const LUMP_CONCERN =
  /(?<![a-z])(?:growing|enlarging|getting bigger|increasing in size|rapidly growing|recurred|came back|deep to fascia|(?:[6-9]|[1-9]\d)(?:\.\d+)? ?cm)(?![a-z])/;

/** With a lump present, words elsewhere in the text that make it concerning ("lump on thigh, growing, 7cm"). */
export function lumpConcern(lower: string): Detail | undefined {
  const m = LUMP_CONCERN.exec(lower);
  if (!m) return undefined;
  // "not growing" is the opposite.
  if (/(?:not|no longer|isn'?t|hasn'?t been)\s+$/.test(lower.slice(Math.max(0, m.index - 14), m.index)))
    return undefined;
  return detail(lower, Math.max(0, m.index - 40), m.index, [{ start: m.index, end: m.index + m[0].length }]);
}

// A named fracture with its treatment in the same sentence has been managed already: "#NOF 8/52
// ago, post ORIF, for rehab" asks for rehabilitation (recent_injury), not whether there is a
// fracture. Only diagnosis words qualify: signs ("can't weight bear") stay a suspected fracture,
// and so does a date alone ("fell 2 days ago, ?#").
const FRACTURE_NAME = /^(?:fractures?|fractured|#|fx|broken|#\s*nof|nof #)/;
const MANAGED =
  /(?<![a-z])(?:post[- ]?(?:op|orif|fixation|surgery|mua|manipulation|cast|immobilisation)|orif|dhs|hemiarthroplasty|fixed|fixation|k-?wires?|(?:in|out of) (?:a )?(?:cast|pot|boot|plaster|splint|sling)|healed|healing|united|for (?:rehab\w*|physio\w*|mobilisation|strengthening)|rehab\w*|managed (?:in|by|conservatively|non[- ]?operatively)|(?:conservatively|non[- ]?operatively) managed)(?![a-z])/;

/**
 * The words saying a named fracture has been treated, if they are in its sentence (looked for
 * within AFTER_REACH either side): the fracture and the treatment, not what lies between them.
 */
export function managedFractureWords(lower: string, hit: PhraseHit): Span[] | undefined {
  if (!FRACTURE_NAME.test(lower.slice(hit.start, hit.end))) return undefined;
  const lo = Math.max(0, hit.start - AFTER_REACH);
  const hi = Math.min(lower.length, hit.end + AFTER_REACH);
  const lead = lower.slice(lo, hit.start);
  const from = lo + Math.max(lead.lastIndexOf("."), lead.lastIndexOf(";")) + 1;
  const tail = lower.slice(hit.end, hi);
  const stops = [".", ";", "\n"].map((c) => tail.indexOf(c)).filter((i) => i >= 0);
  const to = stops.length ? hit.end + Math.min(...stops) : hi;
  const m = MANAGED.exec(lower.slice(from, to));
  if (!m) return undefined;
  const at = from + m.index;
  return [
    { start: hit.start, end: hit.end },
    { start: at, end: at + m[0].length },
  ];
}

// Lifting, a cough or a slip is minor trauma for an older or osteoporotic person (the force is
// weighed against the age, docs/clinical-rules.md); in a 30-year-old it is the usual story of
// mechanical back pain. A fall the lexicon already reads ("fell off a ladder" is high-energy) is
// not read again here.
const MINOR_MECHANISM =
  /(?<![a-z])(?:after|while|whilst|when|following|since|on)\s+(?:(?:a|some|heavy|light|minor|the)\s+)?(?:lifting|bending|twisting|coughing|sneezing|cough|sneeze|reaching|lifting \w+)(?![a-z])|(?<![a-z])lifted (?:a|some|the|his|her|something)(?![a-z])|(?<![a-z])(?:slipped(?! discs?)|tripped|stumbled|fell(?! (?:asleep|pregnant|ill|apart|behind))|(?:a|minor|recent|the|simple) (?:fall|slip|trip)|found (?:on|lying on) (?:the )?floor)(?![a-z])|(?<=(?<![a-z])(?:sudden(?:ly)?|acute(?:ly)?)(?![a-z])[^,.;:!?\n]{0,30})(?<![a-z])(?:bending|bent) (?:over|down)(?![a-z])/g;
const MECHANISM_DENIED =
  /(?:^|[^a-z])(?:no|not|never|denies|denied|nil|without|no hx of|no history of|hasn'?t|has not)\s+(?:(?:any|recent|had|been)\s+)*$/;
export const OLDER_AGE = 65;

/**
 * The words of a minor mechanism of injury outside the phrases already read (in text order, none
 * overlapping another), if the text has one.
 */
export function minorMechanismSpan(lower: string, read: readonly Span[]): Span | undefined {
  for (const m of lower.matchAll(MINOR_MECHANISM)) {
    const span = { start: m.index, end: m.index + m[0].length };
    if (overlapsAny(read, span)) continue;
    if (MECHANISM_DENIED.test(lower.slice(Math.max(0, span.start - 24), span.start))) continue;
    return span;
  }
  return undefined;
}
