import { z } from "zod";
import { LABELS, questionLabel } from "../../labels.js";
import type { AnsweredView } from "../../views.js";
import { expandCard } from "../expand.js";
import template from "../templates/answered.json" with { type: "json" };

const text = z.string().trim().min(1);

const AnsweredData = z.object({ questionLabel: text, question: text, answerLine: text });
type AnsweredData = z.infer<typeof AnsweredData>;

export function answeredCard(view: AnsweredView): Record<string, unknown> {
  const data: AnsweredData = {
    questionLabel: questionLabel(view.number),
    question: view.question,
    answerLine: `${LABELS.answer}: ${view.answer}`,
  };
  return expandCard({ name: "answered", template, schema: AnsweredData, data, required: [data.answerLine] });
}
