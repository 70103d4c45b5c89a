import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STORAGE_DOWN_NOTICE } from "../../dialogs/stateless-advice.js";
import { lastQuestion, outcomeOf } from "../dialogs/replies.js";
import { botClient } from "../http/bot-client.js";
import { isOutcome, questionIdOf } from "../slack/play.js";
import { DM, Workspace } from "../slack/workspace.js";
import { type Azurite, startAzurite } from "./azurite.js";
import { blobEnv, type RunningBot, startApp } from "./bots.js";

// Storage stops (killed: connections refused) or freezes (SIGSTOP: connections hang) in the middle
// of a triage, in Teams and in Slack. The clinician still gets the emergency advice their message
// shows, within 5 s, with a plain notice; the answer sent while storage was away is never applied;
// and once storage is back the triage carries on from the question that was open.

const EMERGENCY_TEXT = "new saddle numbness and urinary retention";
const DEADLINE = "2000";

let azurite: Azurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  await azurite?.stop();
});

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await work();
  return { value, ms: performance.now() - t0 };
}

describe("Teams: storage down mid-triage", () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startApp({
      ...blobEnv(azurite.connectionString, "teams-down"),
      STORAGE_TIMEOUT_MS: DEADLINE,
    });
  });
  afterAll(async () => {
    await bot?.close();
  });

  for (const fault of ["frozen", "stopped"] as const) {
    it(`${fault}: emergency advice within 5 s, no late answer, then the triage continues`, async () => {
      const client = botClient(bot.url, `teams-${fault}`);
      await client.say({ text: "triage" });
      let replies = await client.say({ value: { questionId: "body_area", answer: "lumbar" } });
      const open = lastQuestion(replies);
      expect(open).toBe("age");

      if (fault === "frozen") azurite.freeze();
      else await azurite.kill();
      try {
        const emergency = await timed(() => client.say({ text: EMERGENCY_TEXT }));
        expect(emergency.ms).toBeLessThan(5_000);
        expect(emergency.value.map(outcomeOf).find(Boolean)?.urgency).toBe("emergency");
        expect(emergency.value.map((r) => r.text).join("\n")).toContain(STORAGE_DOWN_NOTICE);

        // An answer while storage is away is refused with the notice, never kept for later.
        const answer = await timed(() => client.say({ value: { questionId: "age", answer: 60 } }));
        expect(answer.ms).toBeLessThan(5_000);
        expect(answer.value.map((r) => r.text)).toEqual([STORAGE_DOWN_NOTICE]);

        const health = await fetch(`${bot.url}/healthz`);
        expect(health.status).toBe(200);
        expect(await health.json()).toMatchObject({ storage: "unavailable" });
        expect((await fetch(`${bot.url}/readyz`)).status).toBe(503);
      } finally {
        if (fault === "frozen") azurite.thaw();
        else await azurite.restart();
      }
      // Give the thawed store time to run whatever was queued while it was frozen.
      await new Promise((r) => setTimeout(r, 2_500));
      expect((await fetch(`${bot.url}/readyz`)).status).toBe(200);

      // The same question is still open: neither the typed red flags nor the age were applied.
      replies = await client.say({ value: { questionId: "age", answer: 60 } });
      expect(JSON.stringify(replies)).not.toMatch(/already been answered/);
      expect(replies.map(outcomeOf).find(Boolean)).toBeUndefined();
      expect(lastQuestion(replies)).toBeDefined();
      expect(lastQuestion(replies)).not.toBe("age");
    }, 40_000);
  }
});

describe("Slack: storage down mid-triage", () => {
  const ws = new Workspace();
  beforeAll(async () => {
    await ws.start({ ...blobEnv(azurite.connectionString, "slack-down"), STORAGE_TIMEOUT_MS: DEADLINE });
  });
  afterAll(async () => {
    await ws.stop();
  });

  for (const fault of ["frozen", "stopped"] as const) {
    it(`${fault}: emergency advice within 5 s, no late answer, then the triage continues`, async () => {
      await ws.dm("restart");
      await ws.dm("triage");
      const asked = () =>
        ws.fake.of("chat.postMessage", 0).filter((c) => c.args.channel === DM && questionIdOf(c));
      const areaCard = asked().pop();
      expect(areaCard && questionIdOf(areaCard)).toBe("body_area");
      await ws.dm("lower back");
      expect(questionIdOf(asked().pop() as never)).toBe("age");

      if (fault === "frozen") azurite.freeze();
      else await azurite.kill();
      try {
        const from = ws.fake.calls.length;
        const emergency = await timed(() => ws.dm(EMERGENCY_TEXT));
        expect(emergency.ms).toBeLessThan(5_000);
        const posted = ws.fake.of("chat.postMessage", from);
        expect(posted.some(isOutcome)).toBe(true);
        expect(posted.map((c) => String(c.args.text))).toContain(STORAGE_DOWN_NOTICE);

        const from2 = ws.fake.calls.length;
        await ws.dm("62");
        expect(ws.fake.of("chat.postMessage", from2).map((c) => String(c.args.text))).toEqual([
          STORAGE_DOWN_NOTICE,
        ]);
      } finally {
        if (fault === "frozen") azurite.thaw();
        else await azurite.restart();
      }
      await new Promise((r) => setTimeout(r, 2_500));

      const from3 = ws.fake.calls.length;
      await ws.dm("60");
      const next = ws.fake.of("chat.postMessage", from3).map(questionIdOf).filter(Boolean);
      expect(next.length).toBeGreaterThan(0);
      expect(next).not.toContain("age");
    }, 40_000);
  }
});
