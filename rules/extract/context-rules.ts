import { CES_IDS } from "./binding.js";
import type { Cue, PhraseHit } from "./scan.js";
import type { Span } from "./text.js";

// Details said apart from the finding they qualify. "new" counts as ces_worsening because the
// question itself asks "are any of them new or getting worse?" (RULES.md §4).

const WORSE_BEFORE =
  /(?:^|[^a-z])(?:new|newly|new onset|recent onset|worsening|worse|progressive|increasing|deteriorating)\s*$/;
const WORSE_AFTER =
  /(?<![a-z])(?:new|worsening|worse|getting worse|progressing|progressive|deteriorating|increasing)(?![a-z])/;

/** The words saying a present CES symptom is new or getting worse, if any. */
export function cesWorseningSpan(
  lower: string,
  positives: readonly PhraseHit[],
  cues: readonly Cue[],
): Span | undefined {
  for (const h of positives) {
    if (!h.phrase.ids.some((id) => CES_IDS.has(id))) continue;
    const before = WORSE_BEFORE.exec(lower.slice(Math.max(0, h.start - 20), h.start));
    if (before)
      return { start: h.start - (before[0].length - (before[0].match(/^[^a-z]/) ? 1 : 0)), end: h.end };
    // After it, up to the end of the sentence or the next finding: "saddle numbness 2/52, worsening".
    const next = positives.find((o) => o.start >= h.end)?.start ?? lower.length;
    const stop =
      cues.find((c) => c.start >= h.end && /^[.;!\n]/.test(lower.slice(c.start, c.end)))?.start ??
      lower.length;
    const window = lower.slice(h.end, Math.min(next, stop));
    const after = WORSE_AFTER.exec(window);
    if (after) return { start: h.start, end: h.end + after.index + after[0].length };
  }
  return undefined;
}

const LUMP_CONCERN =
  /(?<![a-z])(?:growing|enlarging|getting bigger|increasing in size|rapidly growing|recurred|came back|deep to fascia|(?:[6-9]|[1-9]\d)(?:\.\d+)? ?cm)(?![a-z])/;

/** With a lump present, words elsewhere in the text that make it concerning ("lump on thigh, growing, 7cm"). */
export function lumpConcernSpan(lower: string): Span | undefined {
  const m = LUMP_CONCERN.exec(lower);
  if (!m) return undefined;
  // "not growing" is the opposite.
  if (/(?:not|no longer|isn'?t|hasn'?t been)\s+$/.test(lower.slice(Math.max(0, m.index - 14), m.index)))
    return undefined;
  return { start: m.index, end: m.index + m[0].length };
}
