import type { CloudAdapter } from "botbuilder";
import restify from "restify";
import type { TriageBot } from "./bot.js";
import type { Logger } from "./logging.js";

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
    const body = req.body as { type?: unknown } | undefined;
    if (!body || typeof body !== "object" || typeof body.type !== "string") {
      res.send(400, { error: "expected a Bot Framework activity (JSON with a type)" });
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
    log.warn("http_error", { path: req.path(), status: res.statusCode, message: err.message });
    return cb();
  });
  return server;
}
