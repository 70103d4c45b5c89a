import { LABELS, notedLabel, questionLabel } from "../labels.js";
import type { ScreenView } from "../views.js";
import { type Block, button, context, plain, sections } from "./blocks.js";
import { SLACK_LIMITS } from "./limits.js";
import { ACTION_IDS } from "./question.js";

// A screen in Block Kit: checkboxes (action_id "items", option value = finding id) and the three
// buttons. Slack sends the ticked boxes in the payload's state.values whichever button is pressed.

const MAX_CHECKBOXES = 10;

export const SCREEN_ACTION_IDS = {
  items: "items",
  none: "screen_none",
  these: "screen_these",
  unsure: "screen_unsure",
} as const;

export function screenBlocks(view: ScreenView): Block[] {
  const s = view.screen;
  const questionId = `screen:${s.id}`;
  const blocks: Block[] = [];
  if (view.retryHint) blocks.push(...sections({ text: `:warning: ${view.retryHint}` }));
  if (view.noted.length > 0) blocks.push(context(notedLabel(view.noted)));
  for (const m of view.mentioned ?? []) blocks.push(...sections({ text: m }));
  blocks.push(...sections({ heading: questionLabel(view.number), text: s.title }));
  blocks.push(context(`${LABELS.whyAsked}: ${s.why}`));
  // An option's text is at most 75 characters: longer questions are listed in full above.
  if (s.items.some((q) => q.text.length > SLACK_LIMITS.optionText))
    blocks.push(...sections({ text: s.items.map((q, i) => `${i + 1}. ${q.text}`).join("\n") }));
  // At most 10 options per checkboxes element: a longer screen continues in another block.
  for (let at = 0; at < s.items.length; at += MAX_CHECKBOXES) {
    blocks.push({
      type: "actions",
      block_id: `screen_items:${s.id}:${view.number}:${at}`,
      elements: [
        {
          type: "checkboxes",
          action_id: SCREEN_ACTION_IDS.items,
          options: s.items.slice(at, at + MAX_CHECKBOXES).map((q, i) => ({
            text: plain(`${at + i + 1}. ${q.text}`, SLACK_LIMITS.optionText),
            value: q.id,
          })),
        },
      ],
    });
  }
  blocks.push(context(LABELS.screenHint));
  blocks.push({
    type: "actions",
    block_id: `question:${questionId}:${view.number}`,
    elements: [
      button(SCREEN_ACTION_IDS.none, LABELS.screenNone, { questionId, answer: "none" }),
      button(SCREEN_ACTION_IDS.these, LABELS.screenThese, { questionId, answer: "these" }),
      button(SCREEN_ACTION_IDS.unsure, LABELS.screenUnsure, { questionId, answer: "unsure" }),
      button(ACTION_IDS.restart, LABELS.restart, { command: "restart" }),
    ],
  });
  return blocks;
}
