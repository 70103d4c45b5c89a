import { MSK_LABELS, replyData } from "../msk-team/labels.js";
import type { MskQueryView } from "../msk-team/views.js";
import { type Block, bold, bulletList, button, context, header, plain, sections } from "./blocks.js";
import { SLACK_LIMITS } from "./limits.js";
import { escapeMrkdwn } from "./mrkdwn.js";

// The query message in the MSK team's Slack channel: the same content as the Teams card. The new
// route and the note are input blocks (they do not send anything when changed); the reply buttons
// read them from the payload's state.values by their action ids, `route` and `note`.

/** Action ids of the query message (the transport reads `route` and `note` from state.values). */
export const MSK_ACTION_IDS = {
  route: "route",
  note: "note",
  agree: "msk_reply_agree",
  change: "msk_reply_change",
  call: "msk_reply_call",
} as const;

interface InputBlock {
  type: "input";
  block_id: string;
  optional: boolean;
  label: ReturnType<typeof plain>;
  element:
    | {
        type: "static_select";
        action_id: string;
        placeholder: ReturnType<typeof plain>;
        options: Array<{ text: ReturnType<typeof plain>; value: string }>;
      }
    | { type: "plain_text_input"; action_id: string; multiline: boolean; max_length: number };
}

/** Block Kit blocks, including two input blocks that cards/slack/blocks.ts has no type for. */
export type MskQueryBlock = Block | InputBlock;

export function mskQueryBlocks(view: MskQueryView): MskQueryBlock[] {
  const title = view.reminder ? MSK_LABELS.reminderTitle(view.number) : MSK_LABELS.queryTitle(view.number);
  const blocks: MskQueryBlock[] = [
    header(`${view.reminder && !view.answered ? ":alarm_clock: " : ""}${title}`),
    context(MSK_LABELS.anonymised),
    ...sections({
      raw: [
        `${bold(MSK_LABELS.route)}: ${escapeMrkdwn(`${view.routeTitle} (${view.route})`)}`,
        `${bold(MSK_LABELS.urgency)}: ${escapeMrkdwn(view.urgency)}`,
        `${bold(MSK_LABELS.askedAt)}: ${escapeMrkdwn(view.askedAt)}`,
      ].join("\n"),
    }),
    ...sections({
      heading: MSK_LABELS.yes,
      raw: bulletList(view.yes.length > 0 ? view.yes : [MSK_LABELS.none]),
    }),
  ];
  if (view.unsure.length > 0)
    blocks.push(...sections({ heading: MSK_LABELS.unsure, raw: bulletList(view.unsure) }));
  if (view.rules.length > 0)
    blocks.push(...sections({ heading: MSK_LABELS.rules, raw: bulletList(view.rules) }));
  blocks.push(context(`${MSK_LABELS.guideline}: ${view.rulesVersion}`));
  blocks.push(...sections({ heading: MSK_LABELS.question, text: view.question ?? MSK_LABELS.noQuestion }));
  if (view.answered) {
    blocks.push(...sections({ raw: `:white_check_mark: ${bold(view.answered)}` }));
    return blocks;
  }
  blocks.push(
    {
      type: "input",
      block_id: "msk_route",
      optional: true,
      label: plain(MSK_LABELS.newRoute, SLACK_LIMITS.placeholder),
      element: {
        type: "static_select",
        action_id: MSK_ACTION_IDS.route,
        placeholder: plain(MSK_LABELS.route, SLACK_LIMITS.placeholder),
        options: view.routeChoices
          .slice(0, SLACK_LIMITS.selectOptions)
          .map((c) => ({ text: plain(c.title, SLACK_LIMITS.optionText), value: c.value })),
      },
    },
    {
      type: "input",
      block_id: "msk_note",
      optional: true,
      label: plain(MSK_LABELS.note, SLACK_LIMITS.placeholder),
      element: { type: "plain_text_input", action_id: MSK_ACTION_IDS.note, multiline: true, max_length: 500 },
    },
    {
      type: "actions",
      block_id: "msk_reply",
      elements: [
        button(MSK_ACTION_IDS.agree, MSK_LABELS.agree, replyData(view.queryId, "agree")),
        button(MSK_ACTION_IDS.change, MSK_LABELS.change, replyData(view.queryId, "change")),
        button(MSK_ACTION_IDS.call, MSK_LABELS.call, replyData(view.queryId, "call")),
      ],
    },
  );
  return blocks;
}
