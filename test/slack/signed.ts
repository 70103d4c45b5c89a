import { createHmac } from "node:crypto";

// Requests as Slack sends them: the raw body signed with the app's signing secret
// (v0 HMAC-SHA256 of "v0:{timestamp}:{body}"), here playing Slack's part.

export const SIGNING_SECRET = "test-signing-secret-0123456789abcdef";
export const BOT_TOKEN = "xoxb-test-token";

export interface SendOptions {
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  /** Replaces the computed signature (or removes it with null). */
  signature?: string | null;
  secret?: string;
  headers?: Record<string, string>;
}

export interface Signed {
  body: string;
  headers: Record<string, string>;
}

export function sign(body: string, contentType: string, o: SendOptions = {}): Signed {
  const timestamp = o.timestamp ?? Math.floor(Date.now() / 1000);
  const mac = createHmac("sha256", o.secret ?? SIGNING_SECRET)
    .update(`v0:${timestamp}:${body}`)
    .digest("hex");
  const headers: Record<string, string> = {
    "content-type": contentType,
    "x-slack-request-timestamp": String(timestamp),
    ...(o.headers ?? {}),
  };
  if (o.signature !== null) headers["x-slack-signature"] = o.signature ?? `v0=${mac}`;
  return { body, headers };
}

export function jsonRequest(payload: unknown, o?: SendOptions): Signed {
  return sign(JSON.stringify(payload), "application/json", o);
}

export function formRequest(fields: Record<string, string>, o?: SendOptions): Signed {
  return sign(new URLSearchParams(fields).toString(), "application/x-www-form-urlencoded", o);
}

export async function post(baseUrl: string, path: string, req: Signed): Promise<Response> {
  return fetch(`${baseUrl}${path}`, { method: "POST", headers: req.headers, body: req.body });
}
