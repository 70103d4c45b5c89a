// Slack's Block Kit limits for a message (api.slack.com/reference/block-kit). Exceeding any of
// them makes chat.postMessage fail with invalid_blocks, so the renderer stays inside them.

export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  buttonText: 75,
  optionText: 75,
  optionValue: 150,
  selectOptions: 100,
  placeholder: 150,
  contextElements: 10,
  actionsElements: 25,
  /** Kept equal to the Teams budget so one figure governs both channels. */
  messageBytes: 28 * 1024,
} as const;
