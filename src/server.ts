import type { CloudAdapter } from "botbuilder";
import restify from "restify";
import { z } from "zod";
import type { TriageBot } from "./bot.js";
import type { Logger } from "./logging.js";

// The least an activity needs before the adapter sees it: anything else is a client error (400),
// not a failed turn. Extra fields pass through untouched.
const activityShape = z.looseObject({
  type: z.string().min(1),
  channelId: z.string().min(1),
  conversation: z.looseObject({ id: z.string().min(1) }),
});

export interface ServerDeps {
  adapter: CloudAdapter;
  bot: TriageBot;
  log: Logger;
  /** Extra routes (the Slack endpoints) mounted by their channel module. */
  mount?: Array<(server: restify.Server) => void>;
}

export function createServer({ adapter, bot, log, mount = [] }: ServerDeps): restify.Server {
  const server = restify.createServer({ name: "msk-triage-bot", handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 256 * 1024 }));

  server.post("/api/messages", async (req, res) => {
    if (!activityShape.safeParse(req.body).success) {
      res.send(400, {
        error: "expected a Bot Framework activity (JSON with type, channelId and conversation.id)",
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
