import type { Pack } from "../rules/packs/index.js";
import type { FindingId } from "../rules/vocabulary.js";
import { parseTypedAnswer } from "./answers.js";
import { correctionWords } from "./commands.js";
import type { TriageSession } from "./session.js";

// "no, not saddle": the clinician says a finding noted from their message is wrong. Read narrowly,
// because removing a noted red flag can lower urgency: text that answers the question on screen
// ("not sure", "not present") is an answer, and the words must name a noted finding in whole words
// ("not weak" does not name "New limb weakness").

export interface Correction {
  session: TriageSession;
  /** The label of the finding removed, to tell the clinician. */
  label: string;
}

export function correctionOf(pack: Pack, session: TriageSession, text: string): Correction | undefined {
  const words = correctionWords(text);
  if (!words || words.trim().length < 3) return undefined;
  const pending = session.pending && pack.questionById.get(session.pending.id as FindingId)?.public;
  if (pending && parseTypedAnswer(pending, text).ok) return undefined;
  const named = wholeWords(words);
  const id = session.order.find((f) => {
    if (session.how[f] !== "noted") return false;
    const label = pack.questionById.get(f)?.data.label ?? "";
    return named.test(label) || named.test(f.replace(/_/g, " "));
  });
  if (!id) return undefined;
  return { session: withoutNoted(session, id), label: pack.questionById.get(id)?.data.label ?? id };
}

/** The words as a phrase that starts and ends on word boundaries, case-insensitive. */
function wholeWords(words: string): RegExp {
  const phrase = words
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("\\s+");
  return new RegExp(`(?<![\\p{L}\\p{N}])${phrase}(?![\\p{L}\\p{N}])`, "iu");
}

function withoutNoted(session: TriageSession, id: FindingId): TriageSession {
  const s = structuredClone(session);
  delete s.answers[id];
  delete s.how[id];
  s.order = s.order.filter((f) => f !== id);
  return s;
}
