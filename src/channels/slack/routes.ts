import type restify from "restify";
import type { Logger } from "../../logging.js";
import type { Ack } from "./context.js";
import type { SharedReplayGuard } from "./shared-replay-guard.js";
import { verifyRequest } from "./verify.js";
import type { WorkQueue } from "./work-queue.js";

// Every Slack route: check the signature on the raw body, drop replays, acknowledge at once, then
// run the work. A request that fails the check gets 401 and causes nothing else.

export { SLACK_PATHS } from "./paths.js";

export interface RouteDeps {
  signingSecret: string;
  /** Request signatures already seen: a byte-identical replay is acknowledged and ignored. */
  signatures: SharedReplayGuard;
  queue: WorkQueue;
  log: Logger;
}

type Handler = (body: unknown, headers: restify.Request["headers"]) => Ack;

export function slackRoute(deps: RouteDeps, path: string, handle: Handler): restify.RequestHandler {
  return async (req: restify.Request, res: restify.Response) => {
    const verdict = verifyRequest(deps.signingSecret, req.headers, rawBodyOf(req));
    if (!verdict.ok) {
      deps.log.warn("slack_request_rejected", { path, reason: verdict.reason });
      res.send(401, { error: "invalid Slack request signature" });
      return;
    }
    if (!(await deps.signatures.firstTime(verdict.signature))) {
      deps.log.warn("slack_replay_ignored", { path });
      res.send(200);
      return;
    }
    let ack: Ack;
    try {
      ack = handle(req.body, req.headers);
    } catch (err) {
      deps.log.error("slack_request_failed", { path, error: err instanceof Error ? err.name : "Error" });
      res.send(500, { error: "internal error" });
      return;
    }
    if (ack.body === undefined) res.send(ack.status);
    else res.send(ack.status, ack.body);
    if (ack.work) deps.queue.run(ack.work.kind, ack.work.run, ack.work.onFailure);
  };
}

/** restify's body parser keeps the unparsed body on req.rawBody: the signature covers those bytes. */
function rawBodyOf(req: restify.Request): string {
  const raw = (req as restify.Request & { rawBody?: unknown }).rawBody;
  if (typeof raw === "string") return raw;
  // Content types without a parser (text/*) keep the unparsed text as the body itself.
  if (raw === undefined && typeof req.body === "string") return req.body;
  if (Buffer.isBuffer(raw)) return raw.toString("utf8");
  return "";
}
