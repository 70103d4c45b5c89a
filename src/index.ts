import "dotenv/config";
import { createApp } from "./app.js";
import { ConfigError, readConfig } from "./config.js";
import { createLogger } from "./logging.js";

// `npm run serve`: the bot server alone (docs/interfaces.md §2).

let config: ReturnType<typeof readConfig>;
try {
  config = readConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  throw err;
}
const log = createLogger(config.LOG_LEVEL);
const { server, ready, slack, mskTeam, audit } = await createApp(config, log);
const stopReminders = mskTeam.startReminders();

// Listen only once storage is reachable (createApp exits the process if it is not).
await ready.catch(() => process.exit(1));
server.listen(config.PORT, config.host, () => {
  log.info("listening", {
    url: `http://${config.host}:${config.PORT}/api/messages`,
    region: config.TRIAGE_REGION,
    storage: config.STORAGE,
    audit: config.AUDIT,
  });
  if (config.AUDIT === "off" && !config.anonymous) {
    // A deployed bot with no audit leaves the trust unable to monitor it (docs/audit.md).
    log.warn("audit_off", {
      note: "AUDIT=off: no outcome or concern is recorded. Set AUDIT=table in production.",
    });
  }
  if (config.anonymous) {
    log.warn("anonymous_mode", {
      note: "No MicrosoftAppId: any caller is accepted. For local use only (Playground, tests), never in production.",
    });
  }
});

const shutdown = async (signal: string) => {
  log.info("shutting_down", { signal });
  stopReminders();
  setTimeout(() => process.exit(0), 8000).unref();
  // Slack requests are acknowledged before their work runs: let that work finish first.
  await slack?.idle();
  // Audit records still queued are written (or counted as lost) before the process ends.
  await audit.close();
  server.close(() => process.exit(0));
};
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
