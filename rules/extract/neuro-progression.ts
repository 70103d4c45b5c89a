import type { BoolFindingId } from "../vocabulary.js";
import { AFTER_REACH, DENIED, type Detail, detail } from "./context-rules.js";
import type { PhraseHit, Scan } from "./scan.js";
import { firstStartingFrom } from "./text.js";

// "R foot drop 2/52 progressing", "progressive L foot drop": a progression word said beside a
// present neurological deficit, not inside its phrase. Radicular pain is left out: "sciatica
// worsening" is more pain, not worsening neurology.

const DEFICIT_IDS: ReadonlySet<BoolFindingId> = new Set([
  "motor_weakness",
  "foot_drop",
  "sensory_deficit",
  "gait_disturbance",
  "myelopathy_signs",
  "gross_functional_deficit",
]);
const PROGRESS = "progres+ing|progres+ive|worsening|getting worse|deteriorating|spreading";
const BEFORE = new RegExp(`(?:^|[^a-z])(?:${PROGRESS})(?:\\s+(?:l|r|lt|rt|left|right))?\\s*$`);
const AFTER = new RegExp(`(?<![a-z])(?:${PROGRESS})(?![a-z])`, "g");
// A sentence break ends the window; a comma does not ("weakness 2/52, progressing").
const SENTENCE_END = /[.;!?\n]/;

/** Whether a present deficit is said to be getting worse, with the words: the deficit and the progression word. */
export function neuroProgressing(
  lower: string,
  positives: readonly PhraseHit[],
  s: Scan,
): Detail | undefined {
  for (const h of positives) {
    if (!h.phrase.ids.some((id) => DEFICIT_IDS.has(id))) continue;
    const lead = lower.slice(Math.max(0, h.start - 24), h.start);
    const before = BEFORE.exec(lead);
    if (before && !DENIED.test(lead.slice(0, before.index + 1))) {
      // Only a side word may stand between ("progressive L foot drop"): one span is safe to cite.
      const at = h.start - lead.length + before.index + (/^[^a-z]/.test(before[0]) ? 1 : 0);
      const from = h.start - lead.length;
      return detail(lower, from, from + before.index + 1, [{ start: at, end: h.end }]);
    }
    // After it, up to the next finding, pain mention or sentence end, and no further than
    // AFTER_REACH (hits and pain mentions are in text order).
    const limit = Math.min(lower.length, h.end + AFTER_REACH);
    const stops = [
      limit,
      s.hits[firstStartingFrom(s.hits, h.end)]?.start ?? limit,
      s.painAnchors[firstStartingFrom(s.painAnchors, h.end)]?.start ?? limit,
    ];
    const sentence = SENTENCE_END.exec(lower.slice(h.end, limit));
    if (sentence) stops.push(h.end + sentence.index);
    const window = lower.slice(h.end, Math.min(...stops));
    for (const m of window.matchAll(AFTER)) {
      if (DENIED.test(window.slice(0, m.index))) continue;
      const at = h.end + m.index;
      return detail(lower, h.end, at, [
        { start: h.start, end: h.end },
        { start: at, end: at + m[0].length },
      ]);
    }
  }
  return undefined;
}
