import { LABELS, notedLabel, prefillLabel, questionLabel, rangeLabel } from "./labels.js";
import { outcomeParts } from "./outcome-parts.js";
import type { QuestionView, ScreenView, View } from "./views.js";

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
    case "screen":
      return screenText(view);
    case "answered":
      return `${questionLabel(view.number)}: ${view.question}\n${LABELS.answer}: ${view.answer}`;
    case "outcome": {
      const p = outcomeParts(view);
      const pending = view.pendingQuestion;
      return [
        `${p.title} (${p.urgencyLine})`,
        `${LABELS.whatToDoNow}: ${p.action}`,
        ...(p.contact ? [`${LABELS.contact}: ${p.contact}`] : []),
        ...(p.changed ? [p.changed] : []),
        // Other routes a rule reached are as much to do now as the main action.
        ...(p.additional.length ? [`${LABELS.additionalActions}: ${p.additional.join("; ")}`] : []),
        ...(pending?.noted?.length ? [notedLabel(pending.noted)] : []),
        ...(pending
          ? [
              `${LABELS.pendingQuestionLead} ${pending.question.text} (${LABELS.yes} / ${LABELS.no} / ${LABELS.notSure})`,
            ]
          : []),
        ...(p.mriCheck ? [`${LABELS.mriCheck}: ${p.mriCheck}`] : []),
        `${LABELS.why}: ${p.why.join("; ")}`,
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

/** A screen in words, numbered so a typed answer can name the items ("1 and 3"). */
function screenText(view: ScreenView): string {
  const lines: string[] = [];
  if (view.retryHint) lines.push(view.retryHint);
  if (view.noted.length > 0) lines.push(notedLabel(view.noted));
  lines.push(`${questionLabel(view.number)}: ${view.screen.title}`);
  lines.push(...(view.mentioned ?? []));
  view.screen.items.forEach((q, i) => {
    lines.push(`${i + 1}. ${q.text}`);
  });
  lines.push(
    `${LABELS.answer}: ${LABELS.screenNone} (none) / the numbers of those present (e.g. 1 3) / ${LABELS.screenUnsure} (not sure)`,
  );
  return lines.join("\n");
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
