import { webApi } from "@slack/bolt";
import type { Logger } from "../../logging.js";

// Slack's own Web API client, pointed at SLACK_API_URL (a loopback fake in tests). Its log lines go
// to our logger at warn and above only: its debug output would include message bodies.

export type SlackWebClient = InstanceType<typeof webApi.WebClient>;

export function createWebClient(token: string, apiUrl: string, log: Logger): SlackWebClient {
  const line = (args: unknown[]) => args.map(String).join(" ").slice(0, 300);
  const logger = {
    debug: () => {},
    info: () => {},
    warn: (...args: unknown[]) => log.warn("slack_web_api", { message: line(args) }),
    error: (...args: unknown[]) => log.error("slack_web_api", { message: line(args) }),
    setLevel: () => {},
    getLevel: () => webApi.LogLevel.WARN,
    setName: () => {},
  };
  return new webApi.WebClient(token, {
    slackApiUrl: apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/`,
    logger,
    logLevel: webApi.LogLevel.WARN,
    // A turn waits on these calls: retry briefly, then let the turn fail and the clinician be told.
    retryConfig: { retries: 2, minTimeout: 200, maxTimeout: 1000 },
    timeout: 10_000,
  });
}

/** The bot's own Slack user id (to ignore its own messages and strip its mention), asked once. */
export class BotIdentity {
  private userId: Promise<string> | undefined;

  constructor(private readonly web: SlackWebClient) {}

  /** Slack names the bot user in each event's authorizations; remember it when it does. */
  learn(userId: string | undefined): void {
    if (userId && !this.userId) this.userId = Promise.resolve(userId);
  }

  get(): Promise<string> {
    if (!this.userId) {
      this.userId = this.web.auth.test().then((r) => {
        if (!r.user_id) throw new Error("auth.test returned no user_id");
        return r.user_id;
      });
      // A failed lookup is asked again next time rather than remembered.
      this.userId.catch(() => {
        this.userId = undefined;
      });
    }
    return this.userId;
  }
}
