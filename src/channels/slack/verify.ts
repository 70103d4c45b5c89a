import { verifySlackRequest } from "@slack/bolt";

// Slack signs every request with the app's signing secret (v0 HMAC of "v0:{timestamp}:{raw body}").
// The HMAC and the staleness check are Slack's own code (bolt's verifySlackRequest); this adds only
// the other side of the clock window, which bolt does not check.

export const MAX_SKEW_SECONDS = 5 * 60;

export type Verdict =
  | { ok: true; signature: string; timestamp: number }
  | { ok: false; reason: "missing_headers" | "stale_timestamp" | "future_timestamp" | "bad_signature" };

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function verifyRequest(
  signingSecret: string,
  headers: Headers,
  rawBody: string,
  nowMs: number = Date.now(),
): Verdict {
  const signature = header(headers, "x-slack-signature");
  const tsText = header(headers, "x-slack-request-timestamp");
  if (!signature || !tsText || !/^\d+$/.test(tsText)) return { ok: false, reason: "missing_headers" };
  const timestamp = Number(tsText);
  const nowSec = Math.floor(nowMs / 1000);
  if (nowSec - timestamp > MAX_SKEW_SECONDS) return { ok: false, reason: "stale_timestamp" };
  if (timestamp - nowSec > MAX_SKEW_SECONDS) return { ok: false, reason: "future_timestamp" };
  try {
    verifySlackRequest({
      signingSecret,
      body: rawBody,
      headers: { "x-slack-signature": signature, "x-slack-request-timestamp": timestamp },
      nowMilliseconds: nowMs,
    });
  } catch {
    return { ok: false, reason: "bad_signature" };
  }
  return { ok: true, signature, timestamp };
}
