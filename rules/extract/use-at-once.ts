import { BOOL_FINDINGS, type FindingId, type Findings } from "../vocabulary.js";

// docs/clinical-rules.md: turning a yes/no finding to yes or to unsure never lowers urgency, so
// such a value read from free text may be used at once. Anything else read from text (a "no", a
// number such as an age, a duration or a power grade, a body area) could lower urgency and is only
// ever offered to the clinician to confirm.

const YES_NO = new Set<string>(BOOL_FINDINGS);

export function usableAtOnce(id: FindingId, value: Findings[FindingId]): boolean {
  return YES_NO.has(id) && (value === true || value === "unsure");
}
