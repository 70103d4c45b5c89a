import type { Block } from "../slack/blocks.js";
import { button } from "../slack/blocks.js";
import { SLACK_LIMITS } from "../slack/limits.js";
import { MSK_ACTION_IDS } from "../slack/msk-query.js";
import type { OutcomeView } from "../views.js";
import { ASK_DATA, MSK_LABELS } from "./labels.js";

// "Ask the MSK team" on an outcome, added after the outcome is rendered and only while a query
// queue exists: one action on the Teams card, one button on Slack, whatever the outcome's layout.

export function withAskMskTeamAction(
  view: OutcomeView,
  card: Record<string, unknown>,
): Record<string, unknown> {
  if (!view.askMskTeam) return card;
  const actions = Array.isArray(card.actions) ? card.actions : [];
  return {
    ...card,
    actions: [...actions, { type: "Action.Submit", title: MSK_LABELS.askButton, data: { ...ASK_DATA } }],
  };
}

export function withAskMskTeamButton(view: OutcomeView, blocks: Block[]): Block[] {
  if (!view.askMskTeam) return blocks;
  const ask = button(MSK_ACTION_IDS.ask, MSK_LABELS.askButton, ASK_DATA);
  if (blocks.length < SLACK_LIMITS.blocks)
    return [...blocks, { type: "actions", block_id: "ask_msk_team", elements: [ask] }];
  // A message already at Slack's block limit: the button joins the last row of buttons instead.
  const out = [...blocks];
  const last = out.map((b) => b.type).lastIndexOf("actions");
  const row = out[last];
  if (row?.type === "actions") out[last] = { ...row, elements: [...row.elements, ask] };
  return out;
}
