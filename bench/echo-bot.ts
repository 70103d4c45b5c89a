import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  MessageFactory,
} from "botbuilder";
import restify from "restify";

// The bench's baseline: the smallest bot on the same stack as the real one (botbuilder
// CloudAdapter, anonymous auth, restify with the same body parser), echoing each message.
// Loopback only. Started by bench/bot.bench.ts as its own process.

const port = Number(process.env.PORT ?? 3979);
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new ActivityHandler();
bot.onMessage(async (context, next) => {
  await context.sendActivity(MessageFactory.text(`echo: ${context.activity.text ?? ""}`));
  await next();
});

const server = restify.createServer({ name: "echo-bot", handleUncaughtExceptions: false });
server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 256 * 1024 }));
server.post("/api/messages", async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.get("/healthz", async (_req, res) => {
  res.send(200, { status: "ok" });
});
server.listen(port, "127.0.0.1");
process.on("SIGTERM", () => server.close(() => process.exit(0)));
