import { LABELS, notedLabel, prefillLabel, questionLabel, rangeLabel } from "./labels.js";
import { outcomeParts } from "./outcome-parts.js";
import type { QuestionView, View } from "./views.js";

// Plain-text form of every view: the `text` of a Teams activity and of a Slack message. Clients
// show it in notifications and where cards cannot render, so a question lists its answers and an
// outcome keeps the action and the safety netting (docs/interfaces.md §2).

export function fallbackText(view: View): string {
  switch (view.kind) {
    case "welcome":
      return [
        LABELS.welcomeTitle,
        LABELS.notForEmergencies,
        view.scope === "shared" ? LABELS.noPatientDetails : LABELS.noIdentifiers,
        `${LABELS.startTriage}: type "triage".`,
      ].join("\n");
    case "help":
      return [LABELS.helpTitle, ...LABELS.helpLines, LABELS.helpAnswers].join("\n");
    case "question":
      return questionText(view);
    case "answered":
      return `${questionLabel(view.number)}: ${view.question}\n${LABELS.answer}: ${view.answer}`;
    case "outcome": {
      const p = outcomeParts(view);
      return [
        `${p.title} (${p.urgencyLine})`,
        `${LABELS.whatToDoNow}: ${p.action}`,
        // Other routes a rule reached are as much to do now as the main action.
        ...(p.additional.length ? [`${LABELS.additionalActions}: ${p.additional.join("; ")}`] : []),
        `${LABELS.safetyNet}: ${p.safetyNet}`,
        p.disclaimer,
      ].join("\n");
    }
    case "notice":
      return view.tone === "info" ? view.text : `${LABELS.noticeTitle[view.tone]}: ${view.text}`;
  }
}

/** The answer options in words, e.g. `Answer: Yes / No / Not sure`. */
export function answerOptionsText(view: QuestionView): string {
  const q = view.question;
  if (q.type === "bool") return `${LABELS.answer}: ${LABELS.yes} / ${LABELS.no} / ${LABELS.notSure}`;
  if (q.type === "number")
    return `${LABELS.answer}: ${rangeLabel(q.min, q.max, q.unit)}, or ${LABELS.notSure}`;
  const titles = (q.choices ?? []).map((c) => c.title);
  return `${LABELS.answer}: ${[...titles, LABELS.notSure].join(" / ")}`;
}

function questionText(view: QuestionView): string {
  const lines: string[] = [];
  if (view.retryHint) lines.push(view.retryHint);
  if (view.noted.length > 0) lines.push(notedLabel(view.noted));
  lines.push(`${questionLabel(view.number)}: ${view.question.text}`);
  if (view.prefill) lines.push(prefillLabel(view.prefill.evidence, view.prefill.display));
  lines.push(answerOptionsText(view));
  return lines.join("\n");
}
