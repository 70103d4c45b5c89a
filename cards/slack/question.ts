import { confirmPrefillLabel, LABELS, notedLabel, prefillLabel, questionLabel } from "../labels.js";
import type { QuestionView } from "../views.js";
import {
  type Block,
  type Button,
  button,
  context,
  option,
  type StaticSelect,
  sections,
  select,
} from "./blocks.js";
import { SLACK_LIMITS } from "./limits.js";

/** A number question whose whole range fits in a short list gets a select (e.g. MRC power 0-5). */
export const MAX_NUMBER_OPTIONS = 11;

// Action ids stay fixed so the Slack transport can route on them; the decision data is in the
// JSON `value` (docs/interfaces.md §3), which is the same shape for buttons and select options.
export const ACTION_IDS = {
  yes: "answer_yes",
  no: "answer_no",
  unsure: "answer_unsure",
  select: "answer_select",
  /** A choice's button: `answer_choice_<value>` (action ids must differ within a block). */
  choicePrefix: "answer_choice_",
  confirm: "answer_confirm",
  restart: "command_restart",
  /** An extra outcome button (`outcome_action_<i>`): its value is the action's data. */
  outcomePrefix: "outcome_action_",
  triage: "command_triage",
} as const;

export function questionBlocks(view: QuestionView): Block[] {
  const q = view.question;
  const blocks: Block[] = [];
  if (view.retryHint) blocks.push(...sections({ text: `:warning: ${view.retryHint}` }));
  if (view.noted.length > 0) blocks.push(context(notedLabel(view.noted)));
  blocks.push(...sections({ heading: questionLabel(view.number), text: q.text }));
  blocks.push(context(`${LABELS.whyAsked}: ${q.why}`));
  if (view.prefill) {
    const [first, ...more] = sections({ text: prefillLabel(view.prefill.evidence, view.prefill.display) });
    const confirm = button(ACTION_IDS.confirm, confirmPrefillLabel(view.prefill.display), {
      questionId: q.id,
      answer: view.prefill.answer,
    });
    if (first?.type === "section") blocks.push({ ...first, accessory: confirm }, ...more);
  }
  const answerInputs = inputsFor(view);
  if (answerInputs.hint) blocks.push(context(answerInputs.hint));
  blocks.push({
    type: "actions",
    block_id: `question:${q.id}:${view.number}`,
    elements: [
      ...answerInputs.elements,
      button(ACTION_IDS.unsure, LABELS.notSure, { questionId: q.id, answer: "unsure" }),
      button(ACTION_IDS.restart, LABELS.restart, { command: "restart" }),
    ],
  });
  return blocks;
}

function inputsFor(view: QuestionView): { elements: Array<Button | StaticSelect>; hint?: string } {
  const q = view.question;
  if (q.type === "bool") {
    return {
      elements: [
        button(ACTION_IDS.yes, LABELS.yes, { questionId: q.id, answer: "yes" }),
        button(ACTION_IDS.no, LABELS.no, { questionId: q.id, answer: "no" }),
      ],
    };
  }
  if (q.type === "choice") {
    const choices = q.choices ?? [];
    if (choices.length === 0) throw new TypeError(`choice question ${q.id} has no choices`);
    // One tap: a button per option (an actions block holds up to 25 elements, with Not sure and Restart).
    if (choices.length > SLACK_LIMITS.actionsElements - 2)
      throw new RangeError(`choice question ${q.id} has too many choices`);
    return {
      elements: choices.map((c) =>
        button(`${ACTION_IDS.choicePrefix}${c.value}`, c.title, { questionId: q.id, answer: c.value }),
      ),
    };
  }
  // Durations and ages have no short list that would not round a clinical threshold away
  // (weeks buckets would hide "under 2 weeks" vs "2 weeks"), so those are typed as a message.
  const { min, max } = q;
  if (min !== undefined && max !== undefined && Number.isInteger(min) && Number.isInteger(max)) {
    const count = max - min + 1;
    if (count > 0 && count <= MAX_NUMBER_OPTIONS) {
      const values = Array.from({ length: count }, (_, i) => min + i);
      return {
        elements: [
          select(
            ACTION_IDS.select,
            LABELS.chooseAnswer,
            values.map((n) => option(String(n), { questionId: q.id, answer: n })),
          ),
        ],
      };
    }
  }
  return { elements: [], hint: LABELS.typeNumberSlack };
}
