import { z } from "zod";
import { FINDING_IDS } from "../../../rules/vocabulary.js";
import { answerOptionsText } from "../../fallback-text.js";
import {
  confirmPrefillLabel,
  LABELS,
  notedLabel,
  prefillLabel,
  questionLabel,
  rangeLabel,
} from "../../labels.js";
import type { QuestionView } from "../../views.js";
import { expandCard } from "../expand.js";
import boolTemplate from "../templates/question-bool.json" with { type: "json" };
import choiceTemplate from "../templates/question-choice.json" with { type: "json" };
import numberTemplate from "../templates/question-number.json" with { type: "json" };

const text = z.string().trim().min(1);

const QuestionData = z
  .object({
    questionId: z.enum(FINDING_IDS),
    questionLabel: text,
    text,
    whyLine: text,
    retryHints: z.array(text).max(1),
    notedLines: z.array(text).max(1),
    prefills: z
      .array(z.object({ label: text, confirmTitle: text, answer: z.union([text, z.number().finite()]) }))
      .max(1),
    yesLabel: text,
    noLabel: text,
    notSureLabel: text,
    restartLabel: text,
    sendLabel: text,
    inputLabel: text,
    inputError: text,
    placeholder: text,
    min: z.number().finite().nullable(),
    max: z.number().finite().nullable(),
    choices: z.array(z.object({ title: text, value: text })),
    choiceRows: z.array(z.array(z.object({ title: text, value: text })).min(1)),
  })
  .refine((d) => d.min === null || d.max === null || d.min <= d.max, { message: "min is above max" });
type QuestionData = z.infer<typeof QuestionData>;

/**
 * A short choice (body area, borough) is one tap: a button per option. Two to a row keeps long
 * titles ("A joint or soft tissue of a limb") readable and every row inside the buttons a Teams
 * client shows side by side.
 */
const CHOICES_PER_ROW = 2;

function rows<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function questionCard(view: QuestionView): Record<string, unknown> {
  const q = view.question;
  if (q.type === "choice" && !(q.choices && q.choices.length > 0)) {
    throw new TypeError(`choice question ${q.id} has no choices`);
  }
  const data: QuestionData = {
    questionId: q.id,
    questionLabel: questionLabel(view.number),
    text: q.text,
    whyLine: `${LABELS.whyAsked}: ${q.why}`,
    retryHints: view.retryHint ? [view.retryHint] : [],
    notedLines: view.noted.length > 0 ? [notedLabel(view.noted)] : [],
    prefills: view.prefill
      ? [
          {
            label: prefillLabel(view.prefill.evidence, view.prefill.display),
            confirmTitle: confirmPrefillLabel(view.prefill.display),
            answer: view.prefill.answer,
          },
        ]
      : [],
    yesLabel: LABELS.yes,
    noLabel: LABELS.no,
    notSureLabel: LABELS.notSure,
    restartLabel: LABELS.restart,
    sendLabel: LABELS.sendAnswer,
    inputLabel: answerOptionsText(view),
    inputError: q.type === "number" ? `Enter ${rangeLabel(q.min, q.max, q.unit)}.` : LABELS.chooseAnswer,
    placeholder: q.type === "number" ? rangeLabel(q.min, q.max, q.unit) : LABELS.chooseAnswer,
    min: q.min ?? null,
    max: q.max ?? null,
    choices: q.choices ?? [],
    choiceRows: rows(q.choices ?? [], CHOICES_PER_ROW),
  };
  const template = q.type === "bool" ? boolTemplate : q.type === "number" ? numberTemplate : choiceTemplate;
  return expandCard({
    name: `question-${q.type}`,
    template,
    schema: QuestionData,
    data,
    required: [
      data.text,
      data.whyLine,
      ...data.retryHints,
      ...data.prefills.map((p) => p.label),
      ...(q.type === "choice" ? data.choices.map((c) => c.title) : []),
    ],
  });
}
