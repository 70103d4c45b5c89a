// Public face of cards/: one view in, one channel's message out.

export { CardRenderError } from "./adaptive/expand.js";
export type { AdaptiveMessage } from "./adaptive/render.js";
export { renderAdaptive } from "./adaptive/render.js";
export { mskQueryCard } from "./adaptive/views/msk-query.js";
export { fallbackText } from "./fallback-text.js";
export { mskQueryText } from "./msk-team/fallback.js";
export { MSK_LABELS } from "./msk-team/labels.js";
export type { MskQueryView, MskReply } from "./msk-team/views.js";
export type { Block } from "./slack/blocks.js";
export type { OutcomeMetadata } from "./slack/metadata.js";
export { outcomeMetadata } from "./slack/metadata.js";
export { MSK_ACTION_IDS, mskQueryBlocks } from "./slack/msk-query.js";
export { SlackRenderError } from "./slack/outcome.js";
export { ACTION_IDS as SLACK_ACTION_IDS } from "./slack/question.js";
export type { BlockKitMessage } from "./slack/render.js";
export { renderBlockKit } from "./slack/render.js";
export type * from "./views.js";
