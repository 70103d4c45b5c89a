import { fallbackText } from "../fallback-text.js";
import type { View } from "../views.js";
import type { Block } from "./blocks.js";
import { escapeMrkdwn } from "./mrkdwn.js";
import { outcomeBlocks } from "./outcome.js";
import { questionBlocks } from "./question.js";
import { screenBlocks } from "./screen.js";
import { answeredBlocks, helpBlocks, noticeBlocks, welcomeBlocks } from "./simple.js";

export interface BlockKitMessage {
  blocks: Block[];
  /** Plain fallback for notifications and clients without blocks (escaped for mrkdwn). */
  text: string;
}

/** Renders a channel-neutral view as a Slack Block Kit message, inside Slack's limits. */
export function renderBlockKit(view: View): BlockKitMessage {
  return { blocks: blocksFor(view), text: escapeMrkdwn(fallbackText(view)) };
}

function blocksFor(view: View): Block[] {
  switch (view.kind) {
    case "welcome":
      return welcomeBlocks(view);
    case "help":
      return helpBlocks(view);
    case "question":
      return questionBlocks(view);
    case "screen":
      return screenBlocks(view);
    case "answered":
      return answeredBlocks(view);
    case "outcome":
      return outcomeBlocks(view);
    case "notice":
      return noticeBlocks(view);
  }
}
