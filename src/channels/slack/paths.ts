// The Slack endpoints, apart from their handlers so the server can name them (for the body parser)
// without loading the Slack SDK.

export const SLACK_PATHS = {
  events: "/api/slack/events",
  interactions: "/api/slack/interactions",
  commands: "/api/slack/commands",
} as const;
