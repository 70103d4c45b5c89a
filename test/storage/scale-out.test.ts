import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_NOTICE } from "../../src/app.js";
import { BlobStore } from "../../src/storage/blob-store.js";
import { CONFLICT_NOTICE } from "../../src/storage/conflict-guard.js";
import { type Azurite, startAzurite } from "./azurite.js";
import {
  blobEnv,
  type ChildBot,
  kill,
  ReadBarrier,
  type RunningBot,
  runTriage,
  startApp,
  startChildBot,
} from "./bots.js";
import { answerFor, pendingQuestion, type Reply, TriageClient } from "./triage-client.js";

// Several bot processes share one conversation through Azure Blob storage (Azurite here).

const CONTAINER = "scale-out";
/** Saddle numbness for a week and worsening: suspected cauda equina, straight to the emergency department. */
const CES_SCRIPT = {
  body_area: "lumbar",
  saddle_anaesthesia: "yes",
  ces_symptom_weeks: "1",
  ces_worsening: "yes",
};

let azurite: Azurite;
let env: Record<string, string>;
const running: RunningBot[] = [];
let reference: { route: string; urgency: string } | undefined;
let referenceTurns = 0;

beforeAll(async () => {
  azurite = await startAzurite();
  env = blobEnv(azurite.connectionString, CONTAINER);
  // The same answers in one process with memory storage: what the scaled-out bots must match.
  const single = await startApp({ LOG_LEVEL: "silent" });
  running.push(single);
  const r = await runTriage(new TriageClient("reference"), () => single.url, CES_SCRIPT);
  reference = r.outcome;
  referenceTurns = r.turns;
});

afterAll(async () => {
  await Promise.all(running.map((b) => b.close()));
  await azurite?.stop();
});

async function app(storageWrapper?: ReadBarrier): Promise<RunningBot> {
  const storage = storageWrapper?.wrap(new BlobStore(azurite.connectionString, CONTAINER));
  const bot = await startApp(env, storage);
  running.push(bot);
  return bot;
}

describe("scale-out over blob storage", () => {
  it("has a reference outcome to compare with", () => {
    expect(reference?.route).toBe("ED_NOW");
  });

  it("two bot instances continue one triage turn by turn and reach the same outcome as one process", async () => {
    const a = await app();
    const b = await app();
    const used = new Set<string>();
    const result = await runTriage(
      new TriageClient("alternating"),
      (turn) => {
        const url = turn % 2 === 0 ? a.url : b.url;
        used.add(url);
        return url;
      },
      CES_SCRIPT,
    );
    expect(used.size).toBe(2);
    expect(result.outcome).toEqual(reference);
    expect(result.turns).toBe(referenceTurns);
  });

  it("keeps the conversation when a bot process is killed with SIGKILL mid-triage", async () => {
    const client = new TriageClient("survives-kill-9");
    const children: ChildBot[] = [];
    try {
      const first = await startChildBot(env);
      children.push(first);
      // Four turns on the first process, then it dies without any chance to flush or shut down.
      const part = await runTriage(client, () => first.url, CES_SCRIPT, { maxTurns: 4 });
      expect(part.outcome).toBeUndefined();
      const asked = pendingQuestion(part.last);
      expect(asked).toBeDefined();
      await kill(first.process);
      expect(first.process.signalCode).toBe("SIGKILL");

      const second = await startChildBot(env);
      children.push(second);
      const rest = await runTriage(client, () => second.url, CES_SCRIPT, {
        start: part.last,
        fromTurn: part.turns,
      });
      expect(rest.outcome).toEqual(reference);
      expect(rest.turns).toBe(referenceTurns);
    } finally {
      await Promise.all(children.map((c) => kill(c.process)));
    }
  });
});

describe("two instances answering at the same moment", () => {
  /** Walks a fresh conversation to its third card (the cauda equina screen), on instance `a`. */
  async function toThirdQuestion(client: TriageClient, url: string): Promise<string> {
    let replies = await client.send(url, { text: "triage" });
    for (let i = 0; i < 2; i++) {
      const q = pendingQuestion(replies);
      if (!q) throw new Error("expected a question");
      replies = await client.send(url, { value: answerFor(q, CES_SCRIPT) });
    }
    const q = pendingQuestion(replies);
    expect(q?.id).toBe("screen:ces");
    return "screen:ces";
  }

  async function storedAnswers(client: TriageClient): Promise<Record<string, unknown>> {
    const store = new BlobStore(azurite.connectionString, CONTAINER);
    const item = (await store.read([client.stateKey]))[client.stateKey] as
      | { triageSession?: { answers: Record<string, unknown> } }
      | undefined;
    return item?.triageSession?.answers ?? {};
  }

  const said = (replies: Reply[]) => replies.map((r) => r.text ?? r.summary ?? "").join("\n");

  it("two card clicks on the same question: one is recorded, the other is told it was already answered", async () => {
    const barrier = new ReadBarrier();
    const a = await app(barrier);
    const b = await app(barrier);
    const client = new TriageClient("double-click");
    const questionId = await toThirdQuestion(client, a.url);

    barrier.arm(2);
    const [fromA, fromB] = await Promise.all([
      client.send(a.url, { value: { questionId, answer: "these", items: "saddle_anaesthesia" } }),
      client.send(b.url, { value: { questionId, answer: "none", items: "" } }),
    ]);

    const winnerIsA =
      pendingQuestion(fromA)?.id !== questionId && !said(fromA).includes("already been answered");
    const [winner, loser, winningAnswer] = winnerIsA ? [fromA, fromB, true] : [fromB, fromA, false];
    expect(said(loser)).toContain("already been answered");
    expect(pendingQuestion(winner)?.id).not.toBe(questionId);
    for (const replies of [fromA, fromB]) expect(said(replies)).not.toContain(ERROR_NOTICE);
    // The stored answer is the winner's: nothing was overwritten behind anyone's back.
    expect((await storedAnswers(client)).saddle_anaesthesia).toBe(winningAnswer);
  });

  it("two typed answers: one is recorded, the other gets only a clear 'reply again' notice", async () => {
    const barrier = new ReadBarrier();
    const a = await app(barrier);
    const b = await app(barrier);
    const client = new TriageClient("typed-race");
    await toThirdQuestion(client, a.url);

    barrier.arm(2);
    const [fromA, fromB] = await Promise.all([
      client.send(a.url, { text: "1" }),
      client.send(b.url, { text: "none" }),
    ]);

    const aLost = said(fromA) === CONFLICT_NOTICE;
    const bLost = said(fromB) === CONFLICT_NOTICE;
    expect([aLost, bLost].filter(Boolean)).toHaveLength(1);
    const loser = aLost ? fromA : fromB;
    const winner = aLost ? fromB : fromA;
    // The losing turn's own replies (built on state that was never saved) are not delivered.
    expect(loser).toHaveLength(1);
    expect(pendingQuestion(winner)?.id).not.toBe("screen:ces");
    expect((await storedAnswers(client)).saddle_anaesthesia).toBe(!aLost);
  });
});
