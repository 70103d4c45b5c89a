import type { CloudAdapter } from "botbuilder";
import restify from "restify";
import { z } from "zod";
import type { TriageBot } from "./bot.js";
import type { Logger } from "./logging.js";

// The least an activity needs before the adapter sees it: anything else is a client error (400),
// not a failed turn. Extra fields pass through untouched.
const party = z.looseObject({ id: z.string().min(1) });
const activityShape = z.looseObject({
  type: z.string().min(1),
  channelId: z.string().min(1),
  conversation: party,
  from: party,
  recipient: party,
  text: z.string().max(50_000).optional(),
});

export interface ServerDeps {
  adapter: CloudAdapter;
  bot: TriageBot;
  log: Logger;
  /** Extra routes (the Slack endpoints) mounted by their channel module. */
  mount?: Array<(server: restify.Server) => void>;
  /** With an app id configured, a request without a bearer token is refused before its body is read. */
  requireAuth?: boolean;
}

export function createServer({
  adapter,
  bot,
  log,
  mount = [],
  requireAuth = false,
}: ServerDeps): restify.Server {
  const server = restify.createServer({ name: "msk-triage-bot", handleUncaughtExceptions: false });
  if (requireAuth) {
    // docs/interfaces.md §2: 401 for a missing token, whatever the body. The adapter still validates the token.
    server.pre((req, res, next) => {
      if (
        req.method === "POST" &&
        req.path() === "/api/messages" &&
        !/^Bearer \S/.test(req.header("authorization") ?? "")
      ) {
        res.send(401, { error: "a Bot Framework bearer token is required" });
        return next(false);
      }
      return next();
    });
  }
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 256 * 1024 }));

  server.post("/api/messages", async (req, res) => {
    if (!activityShape.safeParse(req.body).success) {
      res.send(400, {
        error:
          "expected a Bot Framework activity (JSON with type, channelId, conversation.id, from.id, recipient.id; text a string)",
      });
      return;
    }
    try {
      await adapter.process(req, res, (context) => bot.run(context));
    } catch (err) {
      log.error("process_failed", { message: err instanceof Error ? err.message : String(err) });
      if (!res.headersSent) res.send(500, { error: "internal error" });
    }
  });
  server.get("/healthz", async (_req, res) => {
    res.send(200, { status: "ok" });
  });
  for (const m of mount) m(server);

  server.on("restifyError", (req: restify.Request, res: restify.Response, err: Error, cb: () => void) => {
    // Not err.message: a JSON parse error quotes the request body, which may hold clinical text.
    const status = (err as { statusCode?: number }).statusCode ?? res.statusCode;
    log.warn("http_error", { path: req.path(), status, error: err.name });
    return cb();
  });
  return server;
}
