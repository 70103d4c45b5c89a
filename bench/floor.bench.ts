import { ActivityTypes, ConversationState, MemoryStorage, TestAdapter, TurnContext } from "botbuilder";
import { renderAdaptive } from "../cards/adaptive/render.js";
import { Dialog, type DialogContext, DialogSet, type DialogTurnResult } from "../dialogs/sdk.js";
import { newSession, nextStep } from "../dialogs/session.js";
import { loadPack } from "../rules/packs/index.js";
import { BOOL_QUESTION, makeOutcomeView, makeQuestionView } from "../test/cards/fixtures.js";

// `npm run bench:floor`: the CPU a turn of any triage bot on this stack cannot avoid, measured in one
// process with no HTTP. Set against `npm run bench:bot` (CPU per turn of the echo and canonical
// bots), it shows how much room a throughput target leaves above the echo bot and what the chosen
// packages take of it (docs/performance.md). Figures, not assertions.
//
//   BENCH_CALLS (5000)  calls timed per figure, after a fifth as many to warm up

const CALLS = Number(process.env.BENCH_CALLS ?? 5000);

async function cpuPerCall(label: string, call: () => unknown): Promise<void> {
  for (let i = 0; i < CALLS / 5; i++) await call();
  const t0 = process.cpuUsage();
  for (let i = 0; i < CALLS; i++) await call();
  const used = process.cpuUsage(t0);
  console.log(`${label.padEnd(72)} ${((used.user + used.system) / CALLS).toFixed(1).padStart(6)} us CPU`);
}

/** The least a botbuilder-dialogs conversation does: one Dialog, continued once a turn, counting turns. */
class OneStepDialog extends Dialog {
  constructor() {
    super("one-step");
  }
  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    (dc.activeDialog as { state: { turns: number } }).state.turns = 1;
    return Dialog.EndOfTurn;
  }
  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    (dc.activeDialog as { state: { turns: number } }).state.turns += 1;
    return Dialog.EndOfTurn;
  }
}

const state = new ConversationState(new MemoryStorage());
const turns = state.createProperty<number>("turns");
const dialogs = new DialogSet(state.createProperty("dialogState")).add(new OneStepDialog());
const adapter = new TestAdapter();
const activity = {
  type: ActivityTypes.Message,
  text: "no",
  channelId: "msteams",
  conversation: { id: "floor", isGroup: false, conversationType: "personal", name: "" },
  from: { id: "clinician", name: "Clinician" },
  recipient: { id: "bot", name: "MSK triage" },
};

/** What the echo bot does with its state each turn: read a counter, change it, save. */
async function stateOnly(): Promise<void> {
  const context = new TurnContext(adapter, activity);
  await turns.set(context, (await turns.get(context, 0)) + 1);
  await state.saveChanges(context);
}

/** The same, with the dialog stack: its state changes every turn, so every turn is saved. */
async function oneDialogTurn(): Promise<void> {
  const context = new TurnContext(adapter, activity);
  const dc = await dialogs.createContext(context);
  if (dc.activeDialog) await dc.continueDialog();
  else await dc.beginDialog("one-step");
  await state.saveChanges(context);
}

const pack = loadPack("NEL");
const session = newSession("NEL");
const question = makeQuestionView(BOOL_QUESTION, { number: 7, noted: ["Age: 58", "Lower back"] });
const outcome = makeOutcomeView("ED_NOW");

console.log(`node ${process.version}, ${CALLS} calls per figure`);
await cpuPerCall("conversation state: read, change and save one property (as the echo bot)", stateOnly);
await cpuPerCall("one botbuilder-dialogs turn with one Dialog, its state saved", oneDialogTurn);
await cpuPerCall("question card: adaptivecards-templating with its checks", () => renderAdaptive(question));
await cpuPerCall("outcome card: adaptivecards-templating with its checks", () => renderAdaptive(outcome));
await cpuPerCall("rules core: the next question at the start of a triage", () => nextStep(pack, session));
