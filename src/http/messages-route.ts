import type { Activity, TurnContext } from "botbuilder";
import type restify from "restify";
import { z } from "zod";
import type { Logger } from "../logging.js";
import type { TriageCloudAdapter } from "./cloud-adapter.js";

// POST /api/messages. The activity is checked (shape, id lengths, where replies may go), the
// caller authenticated, and only then is the turn run. Failures answer with a status and a fixed
// word, never the error's text, and are logged as structured lines (botbuilder's own
// CloudAdapter.process would print stacks to the console and echo the error message).

/** Upper bounds well above anything Teams sends; each id is kept in state, so they are capped. */
const ID_MAX = 256;
const CONVERSATION_ID_MAX = 512;

const party = z.looseObject({ id: z.string().min(1).max(ID_MAX) });
const activityShape = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(ID_MAX).optional(),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.string().min(1).max(512),
  conversation: z.looseObject({ id: z.string().min(1).max(CONVERSATION_ID_MAX) }),
  from: party,
  recipient: party,
  replyToId: z.string().max(ID_MAX).optional(),
  text: z.string().max(50_000).optional(),
});

/** Channels with their own transport in this server: their conversations are not reachable from here. */
const OWN_TRANSPORT_CHANNELS = new Set(["slack"]);

export interface MessagesRouteDeps {
  adapter: TriageCloudAdapter;
  logic: (context: TurnContext) => Promise<void>;
  log: Logger;
  /** Anonymous mode: replies may go only to a loopback service URL. */
  loopbackServiceUrlOnly: boolean;
}

export function messagesRoute(deps: MessagesRouteDeps): restify.RequestHandler {
  return async (req: restify.Request, res: restify.Response) => {
    const parsed = activityShape.safeParse(req.body);
    if (!parsed.success) {
      res.send(400, {
        error:
          "expected a Bot Framework activity (JSON with type, channelId, serviceUrl, conversation.id, from.id, recipient.id; text a string)",
      });
      return;
    }
    const activity = fixTimestamps(parsed.data as unknown as Activity);
    if (OWN_TRANSPORT_CHANNELS.has(activity.channelId.toLowerCase())) {
      res.send(400, { error: "this channel is not served on this endpoint" });
      return;
    }
    if (deps.loopbackServiceUrlOnly && !isLoopbackUrl(activity.serviceUrl)) {
      deps.log.warn("service_url_refused", { reason: "not loopback in anonymous mode" });
      res.send(400, { error: "serviceUrl must be a loopback address in anonymous mode" });
      return;
    }

    let authResult: Awaited<ReturnType<TriageCloudAdapter["authenticate"]>>;
    try {
      authResult = await deps.adapter.authenticate(activity, req.header("authorization") ?? "");
    } catch (err) {
      const status = authFailureStatus(err);
      deps.log.warn("auth_failed", { status, error: err instanceof Error ? err.name : "Error" });
      res.send(status, { error: status === 401 ? "unauthorized" : "authentication unavailable" });
      return;
    }

    try {
      const invoke = await deps.adapter.runAuthenticated(authResult, activity, deps.logic);
      if (invoke?.body !== undefined) res.send(invoke.status ?? 200, invoke.body);
      else res.send(invoke?.status ?? 200);
    } catch (err) {
      deps.log.error("process_failed", { error: err instanceof Error ? err.name : "Error" });
      if (!res.headersSent) res.send(500, { error: "internal error" });
    }
  };
}

/**
 * 503 when the token could not be checked because Microsoft's key endpoint was unreachable or
 * failed (botframework-connector reports those with status 500, or as a network error); 401 for
 * every token that was checked and refused.
 */
export function authFailureStatus(err: unknown): 401 | 503 {
  const code = (err as { statusCode?: unknown } | undefined)?.statusCode;
  if (typeof code === "number") return code >= 500 ? 503 : 401;
  const text = err instanceof Error ? `${err.name} ${err.message} ${String(err.cause ?? "")}` : "";
  return /fetch failed|ECONN|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|socket|network|timeout/i.test(text) ? 503 : 401;
}

export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

/** What botbuilder's validateAndFixActivity does: timestamps arrive as strings. */
function fixTimestamps(a: Activity): Activity {
  const raw = a as Activity & Record<string, unknown>;
  for (const [field, rawField] of [
    ["timestamp", "rawTimestamp"],
    ["localTimestamp", "rawLocalTimestamp"],
    ["expiration", "rawExpiration"],
  ] as const) {
    const v = raw[field];
    if (typeof v === "string") {
      raw[rawField] = v;
      raw[field] = new Date(v);
    }
  }
  return a;
}
