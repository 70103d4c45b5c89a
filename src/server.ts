import restify from "restify";
import type { TriageBot } from "./bot.js";
import { contentTypeGate, parseBody } from "./http/body.js";
import type { TriageCloudAdapter } from "./http/cloud-adapter.js";
import { securityHeaders } from "./http/headers.js";
import { messagesRoute } from "./http/messages-route.js";
import type { Logger } from "./logging.js";
import type { StorageHealth } from "./storage/health.js";

/** Limits on connections and on how long a client may take to send its request. */
export interface HttpLimits {
  maxBodyBytes: number;
  maxConnections: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
}

export const DEFAULT_LIMITS: HttpLimits = {
  maxBodyBytes: 256 * 1024,
  maxConnections: 512,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
};

export interface ServerDeps {
  adapter: TriageCloudAdapter;
  bot: TriageBot;
  log: Logger;
  /** Extra routes (the Slack endpoints) mounted by their channel module. */
  mount?: Array<(server: restify.Server) => void>;
  /** Routes that also take Slack's form encoding (the Slack module's interactions and commands). */
  formRoutes?: readonly string[];
  /** With an app id configured, a request without a bearer token is refused before its body is read. */
  requireAuth?: boolean;
  /** False: no /api/messages at all (a Slack-only deployment). */
  botFramework?: boolean;
  /** Anonymous mode: replies only to loopback service URLs. */
  loopbackServiceUrlOnly?: boolean;
  /** Conversation storage as /healthz and /readyz see it. */
  storage?: { health: StorageHealth; probe: () => Promise<void> };
  limits?: HttpLimits;
}

export function createServer({
  adapter,
  bot,
  log,
  mount = [],
  formRoutes = [],
  requireAuth = false,
  botFramework = true,
  loopbackServiceUrlOnly = false,
  storage,
  limits = DEFAULT_LIMITS,
}: ServerDeps): restify.Server {
  const server = restify.createServer({ name: "msk-triage-bot", handleUncaughtExceptions: false });
  const http = server.server;
  http.maxConnections = limits.maxConnections;
  http.headersTimeout = limits.headersTimeoutMs;
  http.requestTimeout = limits.requestTimeoutMs;
  http.keepAliveTimeout = 5_000;
  // headersTimeout and requestTimeout are only checked every 30 s; an idle socket is cut sooner.
  http.setTimeout(limits.requestTimeoutMs);

  server.pre(securityHeaders);
  if (requireAuth && botFramework) {
    // docs/interfaces.md §2: 401 for a missing token, whatever the body. The route still validates the token.
    server.pre((req, res, next) => {
      if (
        req.method === "POST" &&
        req.path() === "/api/messages" &&
        !/^Bearer \S/.test(req.header("authorization") ?? "")
      ) {
        res.send(401, { error: "unauthorized" });
        return next(false);
      }
      return next();
    });
  }
  server.pre(contentTypeGate(formRoutes));
  server.use(restify.plugins.bodyReader({ maxBodySize: limits.maxBodyBytes }));
  server.use(parseBody);

  if (botFramework) {
    server.post(
      "/api/messages",
      messagesRoute({ adapter, logic: (context) => bot.run(context), log, loopbackServiceUrlOnly }),
    );
  }
  // Liveness: the process answers (and says how storage looked last); restarting it would not help storage.
  server.get("/healthz", async (_req, res) => {
    res.send(200, { status: "ok", storage: storage?.health.status ?? "ok" });
  });
  // Readiness: take no traffic while conversation state cannot be read.
  server.get("/readyz", async (_req, res) => {
    try {
      await storage?.probe();
      res.send(200, { status: "ready", storage: "ok" });
    } catch {
      res.send(503, { status: "unavailable", storage: "unavailable" });
    }
  });
  for (const m of mount) m(server);

  server.on("restifyError", (req: restify.Request, res: restify.Response, err: Error, cb: () => void) => {
    // Not err.message: a parse error can quote the request body, which may hold clinical text.
    const status = (err as { statusCode?: number }).statusCode ?? res.statusCode;
    log.warn("http_error", { path: req.path().slice(0, 100), status, error: err.name });
    // restify's default body names the error and may echo the path or body: replace it with a bare status word.
    (err as Error & { toJSON?: () => unknown }).toJSON = () => ({
      error: status >= 500 ? "internal error" : "request refused",
    });
    return cb();
  });
  return server;
}
