import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  MemoryStorage,
  type StatePropertyAccessor,
  type TurnContext,
  UserState,
} from "botbuilder";
import {
  ChoiceFactory,
  ChoicePrompt,
  ComponentDialog,
  DialogSet,
  type DialogState,
  DialogTurnStatus,
  WaterfallDialog,
  type WaterfallStepContext,
} from "botbuilder-dialogs";
import restify from "restify";

// The bench's reference for "a bot written the usual way": the shape of the Bot Framework samples'
// multi-turn prompt bot (a ComponentDialog holding a WaterfallDialog and a ChoicePrompt, a bot that
// runs it and saves conversation and user state after every turn), asking a fixed list of yes / no /
// not sure questions one at a time, looping with replaceDialog, then summing up. Same stack as the
// triage bot (botbuilder CloudAdapter, anonymous auth, restify with the same body parser).
// Loopback only. Started by bench/bot.bench.ts as its own process from dist/.

const QUESTIONS = [
  "Is the pain new?",
  "Is it worse at night?",
  "Any numbness?",
  "Any weakness?",
  "Any fever?",
  "Any weight loss?",
  "Any history of injury?",
  "Is it getting worse?",
];
const CHOICES = ["Yes", "No", "Not sure"];

const QUESTION_DIALOG = "QUESTION_DIALOG";
const CHOICE_PROMPT = "CHOICE_PROMPT";
const WATERFALL_DIALOG = "WATERFALL_DIALOG";

/** The answers given so far travel in the options each loop of the waterfall starts with. */
function answersSoFar(step: WaterfallStepContext): string[] {
  return (step.options as { answers?: string[] } | undefined)?.answers ?? [];
}

class QuestionDialog extends ComponentDialog {
  constructor(private readonly completed: StatePropertyAccessor<number>) {
    super(QUESTION_DIALOG);
    this.addDialog(new ChoicePrompt(CHOICE_PROMPT));
    this.addDialog(
      new WaterfallDialog(WATERFALL_DIALOG, [this.askStep.bind(this), this.answerStep.bind(this)]),
    );
    this.initialDialogId = WATERFALL_DIALOG;
  }

  /** Entry point from the bot: continue the running dialog or start one. */
  async run(context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<void> {
    const dialogSet = new DialogSet(accessor);
    dialogSet.add(this);
    const dialogContext = await dialogSet.createContext(context);
    const results = await dialogContext.continueDialog();
    if (results.status === DialogTurnStatus.empty) await dialogContext.beginDialog(this.id);
  }

  private async askStep(step: WaterfallStepContext) {
    const n = answersSoFar(step).length;
    return step.prompt(CHOICE_PROMPT, {
      prompt: `Question ${n + 1} of ${QUESTIONS.length}: ${QUESTIONS[n]}`,
      choices: ChoiceFactory.toChoices(CHOICES),
    });
  }

  private async answerStep(step: WaterfallStepContext) {
    const answers = [...answersSoFar(step), (step.result as { value: string }).value];
    if (answers.length < QUESTIONS.length) return step.replaceDialog(WATERFALL_DIALOG, { answers });
    const yes = answers.filter((a) => a === "Yes").length;
    await step.context.sendActivity(`Thank you. ${yes} of ${answers.length} answers were yes.`);
    await this.completed.set(step.context, (await this.completed.get(step.context, 0)) + 1);
    return step.endDialog();
  }
}

class DialogBot extends ActivityHandler {
  constructor(
    private readonly conversationState: ConversationState,
    private readonly userState: UserState,
    dialog: QuestionDialog,
  ) {
    super();
    const dialogState = conversationState.createProperty<DialogState>("DialogState");
    this.onMessage(async (context, next) => {
      await dialog.run(context, dialogState);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.conversationState.saveChanges(context, false);
    await this.userState.saveChanges(context, false);
  }
}

const storage = new MemoryStorage();
const conversationState = new ConversationState(storage);
const userState = new UserState(storage);
const bot = new DialogBot(
  conversationState,
  userState,
  new QuestionDialog(userState.createProperty<number>("completed")),
);
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
adapter.onTurnError = async (context, error) => {
  process.stderr.write(`turn error: ${error.message}\n`);
  await conversationState.delete(context);
  await context.sendActivity("Sorry, something went wrong.");
};

const server = restify.createServer({ name: "canonical-bot", handleUncaughtExceptions: false });
server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 256 * 1024 }));
server.post("/api/messages", async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.get("/healthz", async (_req, res) => {
  res.send(200, { status: "ok" });
});
server.listen(Number(process.env.PORT ?? 3980), "127.0.0.1");
process.on("SIGTERM", () => server.close(() => process.exit(0)));
