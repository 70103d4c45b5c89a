import { describe, expect, it } from "vitest";
import { botHarness } from "./harness.js";
import { lastQuestion, textOf } from "./replies.js";

// "yes" then "no" typed in quick succession: the second reached the server before the question it
// would answer was shown, so it is not used, and the bot says which question is open.

async function atSaddleQuestion() {
  const h = botHarness();
  await h.say("triage");
  await h.submit({ questionId: "body_area", answer: "lumbar" });
  const replies = await h.submit({ questionId: "age", answer: "60" });
  return { h, first: lastQuestion(replies) as string };
}

describe("a typed answer sent before its question was shown", () => {
  it("is not applied to the next question; the bot names the open question", async () => {
    const { h, first } = await atSaddleQuestion();
    const updatesBefore = h.adapter.updates.length;
    const [a, b] = await Promise.all([h.say("no"), h.say("no")]);
    const replies = [...(a ?? []), ...(b ?? [])];
    // The first "no" answered the open question; the second would have answered the next one unseen.
    expect(h.adapter.updates.length - updatesBefore).toBe(1);
    const second = lastQuestion(replies) as string;
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    const text = textOf(replies);
    expect(text).toMatch(/arrived before question \d+ was shown, so it was not used/);
    const q = h.pack.questionById.get(second as never)?.public;
    expect(text).toContain(q?.text);
    // The open question still takes an answer typed after it was shown.
    const next = await h.say("no");
    expect(textOf(next)).not.toMatch(/arrived before/);
    expect(h.adapter.updates.length - updatesBefore).toBe(2);
  });

  it("answers typed one after another, each after its question, are all used", async () => {
    const { h } = await atSaddleQuestion();
    const before = h.adapter.updates.length;
    for (let i = 0; i < 3; i++) {
      const r = await h.say("no");
      expect(textOf(r)).not.toMatch(/arrived before/);
    }
    expect(h.adapter.updates.length - before).toBe(3);
  });
});
