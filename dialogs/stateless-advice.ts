import type { OutcomeView } from "../cards/views.js";
import { nextQuestion } from "../rules/engine/next-question.js";
import { extractFindings } from "../rules/extract/index.js";
import type { Pack } from "../rules/packs/index.js";
import { outcomeView } from "./outcome-view.js";
import { applyExtraction, newSession } from "./session.js";

// What the bot can still say when it cannot read or save the conversation: only what the message
// itself shows. Red flags in the text that can only raise urgency (the same rule as the quick
// check) are enough for the rules core to call an emergency; anything less needs the triage, so
// nothing else is advised.

export const STORAGE_DOWN_NOTICE =
  "I cannot reach my records right now, so this triage cannot continue and your last message was not used. If the patient may need emergency care, follow your local emergency process now. Please try again in a few minutes.";

/** The emergency outcome the message alone shows, or undefined. Never stored anywhere. */
export function emergencyFromMessage(
  pack: Pack,
  text: string,
  today: Date = new Date(),
): OutcomeView | undefined {
  if (!text.trim()) return undefined;
  const { findings } = extractFindings(text);
  // applyExtraction keeps only the findings usable at once (yes / unsure red flags).
  const session = applyExtraction(newSession(pack.data.region), { findings, evidence: {} });
  if (Object.keys(session.answers).length === 0) return undefined;
  const next = nextQuestion(pack, session.answers);
  const emergency = next.done
    ? next.reason === "emergency"
    : next.kind === "question" && next.emergencyPending;
  return emergency ? outcomeView(pack, session, today) : undefined;
}
