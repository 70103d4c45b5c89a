import type { AnsweredFinding, OutcomeView } from "../cards/views.js";
import { decide } from "../rules/engine/decide.js";
import { unaskedRedFlags } from "../rules/engine/next-question.js";
import type { Outcome } from "../rules/outcome.js";
import type { Pack } from "../rules/packs/index.js";
import { displayAnswer } from "./answers.js";
import type { TriageSession } from "./session.js";

// The outcome as the clinician sees it: the rules core's decision plus the record of what was asked.
// Nothing here decides anything; it only arranges what decide() returned.

export function outcomeView(pack: Pack, session: TriageSession, today: Date = new Date()): OutcomeView {
  const outcome = decide(pack, session.answers, { today });
  const answers: AnsweredFinding[] = session.order.flatMap((id) => {
    const q = pack.questionById.get(id);
    const v = session.answers[id];
    if (!q || v === undefined) return [];
    return [
      { id, question: q.data.text, answer: displayAnswer(q.public, v), how: session.how[id] ?? "asked" },
    ];
  });
  const notAsked = unaskedRedFlags(pack, session.answers).map((q) => ({
    id: q.id,
    question: q.text,
    label: pack.questionById.get(q.id)?.data.label ?? q.text,
  }));
  return {
    kind: "outcome",
    outcome,
    answers,
    notAsked,
    notesSummary: notesSummary(pack, outcome, session, notAsked, today),
    questions: Object.fromEntries(
      outcome.uncertain.map((id) => [id, pack.questionById.get(id)?.data.text ?? id]),
    ),
  };
}

/** A plain-text record for the patient notes: no identifiers, only the screen and its result. */
function notesSummary(
  pack: Pack,
  outcome: Outcome,
  session: TriageSession,
  notAsked: Array<{ id: string }>,
  today: Date,
): string {
  const label = (id: string) => pack.questionById.get(id as never)?.data.label ?? id;
  const lines = [
    `MSK red-flag triage (decision support), ${today.toISOString().slice(0, 10)}, ${outcome.rulesVersion}`,
    `Outcome: ${outcome.title} (${outcome.urgency.replace(/_/g, " ")}: ${outcome.clock})`,
    `Rules: ${outcome.rules.map((r) => `${r.id} ${r.name} [${r.sourceText}]`).join("; ")}`,
  ];
  if (outcome.additional.length)
    lines.push(
      `Also: ${outcome.additional.map((a) => `${a.title} (${a.urgency.replace(/_/g, " ")}, ${a.rule})`).join("; ")}`,
    );
  lines.push("Screened:");
  for (const id of session.order) {
    const q = pack.questionById.get(id);
    const v = session.answers[id];
    if (!q || v === undefined) continue;
    const noted = session.how[id] === "noted" ? " (from the referrer's message)" : "";
    lines.push(`- ${q.data.label}: ${displayAnswer(q.public, v)}${noted}`);
  }
  if (outcome.uncertain.length) lines.push(`Counted as unsure: ${outcome.uncertain.map(label).join(", ")}`);
  if (notAsked.length)
    lines.push(`Not asked (route already clear): ${notAsked.map((q) => label(q.id)).join(", ")}`);
  lines.push("Safety netting advice given: yes / no (delete as appropriate)");
  return lines.join("\n");
}
