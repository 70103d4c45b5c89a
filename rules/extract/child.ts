import type { PhraseHit } from "./scan.js";
import type { Span } from "./text.js";

// A child's same-day red flags (docs/clinical-rules.md): not bearing weight, a limp with fever or
// unwell, any limp under 3. Each is a red flag only in a child, so none is read when the message
// gives an age of 16 or over. With no age, a limp with fever is read (an unknown age lets the
// children's rules apply too, and an adult's answer to the age question keeps the flag from
// deciding); not bearing weight is read only when a word names a child, since in anyone else it
// is the fracture question, which leads to the same department. Suspected
// non-accidental injury and a slipped upper femoral epiphysis name a child's red flag on their own
// and are phrases (phrases.ts). The rest of the question (hip or knee pain from about 9) is a
// judgement left to the clinician: it is asked, never read.

export const CHILD_AGE = 16;
const TODDLER_AGE = 3;
// Words that put a child under 3, where any limp is a red flag.
const CHILD_WORDS =
  /(?<![a-z])(?:child|children|boy|girl|toddler|infant|baby|kid|schoolboy|schoolgirl|paeds|paediatric|pediatric)(?![a-z])/;
const UNDER_THREE_WORDS = /(?<![a-z])(?:toddler|infant|baby)(?![a-z])/;
const LIMP = /(?<![a-z])(?:limp|limping|limps|limped)(?![a-z])/g;
const LIMP_DENIED = /(?:^|[^a-z])(?:no|not|nil|without|denies|never)\s+(?:(?:a|any)\s+)*$/;
const NOT_BEARING = /weight|bear|wb/;

function firstLimp(lower: string): Span | undefined {
  for (const m of lower.matchAll(LIMP)) {
    if (LIMP_DENIED.test(lower.slice(Math.max(0, m.index - 16), m.index))) continue;
    return { start: m.index, end: m.index + m[0].length };
  }
  return undefined;
}

/**
 * The words of a child's red flag, if the message is about a child and says one.
 * @param positives findings read as present, in text order
 * @param age the age read from the message, if any
 */
export function childRedFlagWords(
  lower: string,
  positives: readonly PhraseHit[],
  age: number | undefined,
): Span[] | undefined {
  if (age !== undefined && age >= CHILD_AGE) return undefined;
  const child = age !== undefined || CHILD_WORDS.test(lower);
  const notBearing =
    child &&
    positives.find(
      (h) => h.phrase.ids.includes("suspected_fracture") && NOT_BEARING.test(lower.slice(h.start, h.end)),
    );
  if (notBearing) return [notBearing];
  const limp = firstLimp(lower);
  if (!limp) return undefined;
  if (age !== undefined ? age < TODDLER_AGE : UNDER_THREE_WORDS.test(lower)) return [limp];
  const unwell = positives.find((h) => h.phrase.ids.includes("fever_or_unwell"));
  return unwell ? [limp, unwell] : undefined;
}
