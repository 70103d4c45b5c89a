import type { Logger } from "../../logging.js";
import type { SlackThread } from "./thread.js";
import type { SlackWebClient } from "./web-client.js";

// Plain notices the Slack transport sends itself, when the conversation could not run at all.
// Clinical wording never appears here: only what happened and the emergency reminder.

export const FAILURE_NOTICE =
  "Sorry, something went wrong on my side and I could not handle that. If the patient may need emergency care, follow your local emergency process now. Then try again, or use /triage to start a new triage.";

export const NOT_IN_CHANNEL_NOTICE =
  "I could not post in this conversation. Invite me to the channel first, or message me directly and type 'triage'.";

export function slashRootText(userId: string): string {
  return `Triage started by <@${userId}> with /triage. The questions follow in this thread. Please leave patient identifiers out of the channel.`;
}

export class Notices {
  private readonly allowedOrigins: Set<string>;

  constructor(
    private readonly web: SlackWebClient,
    apiUrl: string,
    private readonly log: Logger,
  ) {
    // response_url comes inside a signed payload; still, only Slack's hooks host (or the configured
    // API host, which is the loopback fake in tests) is ever posted to.
    this.allowedOrigins = new Set(["https://hooks.slack.com", new URL(apiUrl).origin]);
  }

  /** Tells the clinician something failed: privately through response_url if there is one, else in the thread. */
  async failure(where: { thread?: SlackThread; responseUrl?: string | undefined }, text = FAILURE_NOTICE) {
    if (where.responseUrl && (await this.respond(where.responseUrl, text))) return;
    if (where.thread) {
      await this.web.chat.postMessage({
        channel: where.thread.channel,
        text,
        ...(where.thread.threadTs ? { thread_ts: where.thread.threadTs } : {}),
      });
    }
  }

  /** Posts an ephemeral reply to a slash command or a button click. False when it could not. */
  async respond(responseUrl: string, text: string): Promise<boolean> {
    let url: URL;
    try {
      url = new URL(responseUrl);
    } catch {
      return false;
    }
    if (!this.allowedOrigins.has(url.origin)) {
      this.log.warn("slack_response_url_refused", { host: url.host });
      return false;
    }
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ response_type: "ephemeral", replace_original: false, text }),
      signal: AbortSignal.timeout(10_000),
    });
    return res.ok;
  }
}
