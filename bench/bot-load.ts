import type { Activity } from "botbuilder";
import type { Pack } from "../rules/packs/index.js";
import { answerFrom, play } from "../test/dialogs/clinician.js";
import { botClient } from "../test/http/bot-client.js";
import type { Vignette } from "../test/vignettes/vignette-file.js";

// The three loads of `npm run bench:bot`. Each keeps N conversations busy at once over HTTP
// (deliveryMode expectReplies, so every reply comes back in the response body) until it has spent
// its turn budget, and records each turn's latency as the client sees it.

export interface Run {
  turns: number;
  errors: number;
  seconds: number;
  latencies: number[];
}

type Say = (activity: Partial<Activity>) => Promise<Array<Partial<Activity>>>;

/** What a slot gets: a client for any conversation id, and a way to count a failed conversation. */
interface SlotTools {
  slot: number;
  sayIn: (conversationId: string) => Say;
  fail: () => void;
}

/** Thrown by `say` once the phase's turn budget (or time cap) is spent: it ends the slot. */
class BudgetReached extends Error {}

const TIME_CAP_MS = 180_000;

/** Runs N slots at once, each saying whatever it likes until the budget is spent. */
async function load(
  base: string,
  n: number,
  budget: number,
  slot: (tools: SlotTools) => Promise<void>,
): Promise<Run> {
  const latencies: number[] = [];
  let turns = 0;
  let errors = 0;
  const stopAt = Date.now() + TIME_CAP_MS;
  const sayIn =
    (conversationId: string): Say =>
    async (activity) => {
      if (turns >= budget || Date.now() > stopAt) throw new BudgetReached();
      turns += 1;
      const t0 = performance.now();
      const replies = await botClient(base, conversationId).say(activity);
      latencies.push(performance.now() - t0);
      return replies;
    };
  const fail = () => {
    errors += 1;
  };
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      try {
        await slot({ slot: i, sayIn, fail });
      } catch (err) {
        if (!(err instanceof BudgetReached)) fail();
      }
    }),
  );
  return { turns, errors, seconds: (performance.now() - t0) / 1000, latencies };
}

/** Plays conversations back to back, each in a new conversation, counting the ones that go wrong. */
async function conversations(
  tools: SlotTools,
  tag: string,
  conversation: (say: Say, round: number) => Promise<boolean>,
): Promise<void> {
  for (let round = 0; ; round++) {
    try {
      if (!(await conversation(tools.sayIn(`${tag}-${tools.slot}-${round}`), round))) tools.fail();
    } catch (err) {
      if (err instanceof BudgetReached) throw err;
      tools.fail();
    }
  }
}

/**
 * The triage bot: whole triages played by the tests' simulated clinician from the vignettes
 * (answering by card submit and by typed words in turn); a triage that ends without an outcome
 * entity is an error.
 */
export function triageLoad(
  base: string,
  n: number,
  budget: number,
  tag: string,
  pack: Pack,
  cases: Vignette[],
): Promise<Run> {
  return load(base, n, budget, (tools) =>
    conversations(tools, tag, async (say, round) => {
      const v = cases[(tools.slot * 7 + round) % cases.length] as Vignette;
      const played = await play(say, pack, answerFrom(pack, v.findings, v.borough), { mode: "mixed" });
      return played.outcome !== undefined;
    }),
  );
}

const CHOICES = ["Yes", "No", "Not sure"];

/** A reply's words: its text, or the text of the hero card a ChoicePrompt shows in Teams. */
function spoken(reply: Partial<Activity>): string {
  const content = reply.attachments?.[0]?.content as { text?: unknown } | undefined;
  return reply.text ?? (typeof content?.text === "string" ? content.text : "");
}

/**
 * The canonical waterfall bot: answers each ChoicePrompt as a click on its card button does (the
 * choice's text) until the summary; a turn that gets neither a question nor the summary is an error.
 */
export function canonicalLoad(base: string, n: number, budget: number, tag: string): Promise<Run> {
  return load(base, n, budget, (tools) =>
    conversations(tools, tag, async (say, round) => {
      let replies = await say({ text: "hello" });
      for (let step = 0; step < 20; step++) {
        const text = replies.map(spoken).join("\n");
        if (text.startsWith("Thank you.")) return true;
        if (!text.startsWith("Question ")) return false;
        replies = await say({ text: CHOICES[(tools.slot + round + step) % CHOICES.length] as string });
      }
      return false;
    }),
  );
}

/** The echo bot: one long conversation per slot; a turn that does not get exactly one echo is an error. */
export function echoLoad(base: string, n: number, budget: number, tag: string): Promise<Run> {
  return load(base, n, budget, async ({ slot, sayIn, fail }) => {
    const say = sayIn(`${tag}-${slot}`);
    for (let i = 0; ; i++) {
      const replies = await say({ text: `message ${i}` }).catch((err) => {
        if (err instanceof BudgetReached) throw err;
        return [];
      });
      if (replies.length !== 1 || !replies[0]?.text?.startsWith("echo ")) fail();
    }
  });
}
