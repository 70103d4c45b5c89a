import { type Activity, ActivityTypes, CardFactory } from "botbuilder";
import { type MskQueryView, mskQueryBlocks, mskQueryCard, mskQueryText } from "../../cards/index.js";
import { escapeMrkdwn } from "../../cards/slack/mrkdwn.js";
import type { Platform } from "./records.js";

// The query as a message for its platform: an Adaptive Card for Teams (the plain text in the
// card's fallbackText and the notification summary, not a second bubble), Block Kit for Slack.

export function queryMessage(platform: Platform, view: MskQueryView): Partial<Activity> {
  const text = mskQueryText(view);
  if (platform === "slack") {
    return {
      type: ActivityTypes.Message,
      text: escapeMrkdwn(text),
      channelData: { blocks: mskQueryBlocks(view) },
    };
  }
  const card = { ...mskQueryCard(view), fallbackText: text };
  return {
    type: ActivityTypes.Message,
    summary: text.split("\n")[0] ?? text,
    attachments: [CardFactory.adaptiveCard(card)],
  };
}
