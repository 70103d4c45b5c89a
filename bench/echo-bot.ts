import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  MemoryStorage,
  MessageFactory,
  type TurnContext,
} from "botbuilder";
import restify from "restify";

// The bench's floor: the smallest bot on the same stack as the real one (botbuilder CloudAdapter,
// anonymous auth, restify with the same body parser) that keeps one conversation-state property,
// echoing each message with its turn number. Loopback only. Started by bench/bot.bench.ts as its own
// process from dist/.

const conversationState = new ConversationState(new MemoryStorage());
const turns = conversationState.createProperty<number>("turns");

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const n = (await turns.get(context, 0)) + 1;
      await turns.set(context, n);
      await context.sendActivity(MessageFactory.text(`echo ${n}: ${context.activity.text ?? ""}`));
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await conversationState.saveChanges(context, false);
  }
}

const bot = new EchoBot();
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const server = restify.createServer({ name: "echo-bot", handleUncaughtExceptions: false });
server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 256 * 1024 }));
server.post("/api/messages", async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.get("/healthz", async (_req, res) => {
  res.send(200, { status: "ok" });
});
server.listen(Number(process.env.PORT ?? 3979), "127.0.0.1");
process.on("SIGTERM", () => server.close(() => process.exit(0)));
