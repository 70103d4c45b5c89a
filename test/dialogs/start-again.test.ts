import { describe, expect, it } from "vitest";
import { botHarness } from "./harness.js";
import { lastQuestion, questionIdOf, textOf } from "./replies.js";

// Starting again is always understood: "is this urgent APP?", "new patient" or "triage" in the
// middle of a triage starts a new one, after one tap when answers would be lost; never a retry.

function actionData(reply: { attachments?: Array<{ content?: unknown }> } | undefined) {
  const card = reply?.attachments?.[0]?.content as {
    actions?: Array<{ title: string; data: Record<string, unknown> }>;
  };
  return card?.actions ?? [];
}

describe("starting again mid-triage", () => {
  it.each(["is this urgent APP?", "new patient", "triage", "Next patient."])(
    "'%s' before any answer starts a new triage at once",
    async (words) => {
      const bot = botHarness();
      await bot.say("triage");
      const replies = await bot.say(words);
      expect(textOf(replies)).toMatch(/Starting a new triage/);
      expect(lastQuestion(replies)).toBe("body_area");
      expect(textOf(replies)).not.toMatch(/did not catch|could not read/);
    },
  );

  it.each(["is this urgent APP?", "new patient", "triage"])(
    "'%s' after answers asks one tap to confirm, and Start a new triage starts one",
    async (words) => {
      const bot = botHarness();
      await bot.say("triage");
      await bot.submit({ questionId: "body_area", answer: "lumbar" });
      const asked = await bot.say(words);
      expect(textOf(asked)).toMatch(/Start a new triage\? The 1 answer given/);
      expect(textOf(asked)).not.toMatch(/did not catch|could not read/);
      const [start, carryOn] = actionData(asked.at(-1));
      expect(start?.title).toBe("Start a new triage");
      expect(carryOn?.title).toBe("Carry on with this one");
      const replies = await bot.submit(start?.data ?? {});
      expect(lastQuestion(replies)).toBe("body_area");
    },
  );

  it("Carry on shows the open question again and keeps the answers", async () => {
    const bot = botHarness();
    await bot.say("triage");
    const second = await bot.submit({ questionId: "body_area", answer: "lumbar" });
    const open = lastQuestion(second);
    const asked = await bot.say("new patient");
    const [, carryOn] = actionData(asked.at(-1));
    const replies = await bot.submit(carryOn?.data ?? {});
    expect(replies.map(questionIdOf).filter(Boolean).at(-1)).toBe(open);
  });

  it("a confirm button from an earlier triage does nothing to the one running", async () => {
    const bot = botHarness();
    await bot.say("triage");
    await bot.submit({ questionId: "body_area", answer: "lumbar" });
    const [start] = actionData((await bot.say("new patient")).at(-1));
    await bot.submit(start?.data ?? {});
    await bot.submit({ questionId: "body_area", answer: "cervical" });
    const replies = await bot.submit(start?.data ?? {});
    expect(textOf(replies)).toMatch(/did nothing/);
  });
});
