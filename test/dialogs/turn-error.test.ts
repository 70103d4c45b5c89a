import { describe, expect, it } from "vitest";
import { ERROR_NOTICE } from "../../src/bot.js";
import { botHarness, failingOnSend } from "./harness.js";
import { runSteps } from "./steps.js";

// onTurnError: a failure mid-turn tells the clinician plainly, keeps the emergency advice in the
// reply (plain text, so it cannot itself fail to render), resets the conversation and logs.

describe("a turn that fails", () => {
  it("replies with the emergency-safe notice, resets the triage, and the next triage works", async () => {
    const bot = botHarness({ presenter: failingOnSend(3) });
    await runSteps(bot, [
      ["triage", { asks: "body_area" }],
      ["lower back", { asks: "age" }],
      // The third send (the next question) throws.
      ["45", { replies: 1, noQuestion: true, says: /follow your local emergency process/ }],
    ]);
    expect(bot.errors.some((l) => l.includes('"event":"turn_failed"'))).toBe(true);
    // The log line carries no message text.
    expect(bot.errors.join("\n")).not.toContain("lower back");
    await runSteps(bot, [
      // The old triage is gone: its open question is not waiting for this answer.
      [
        { type: "message", value: { questionId: "saddle_anaesthesia", answer: "yes" } },
        { says: /already finished/ },
      ],
      ["triage", { asks: "body_area", says: /Question 1:/ }],
      ["neck", { asks: "age", says: /Question 2:/ }],
    ]);
  });

  it("the notice itself names the emergency route and how to start again", async () => {
    const bot = botHarness({ presenter: failingOnSend(1) });
    const [replies] = await runSteps(bot, [["triage", { replies: 1 }]]);
    expect(replies?.[0]?.text).toBe(ERROR_NOTICE);
    expect(ERROR_NOTICE).toMatch(/emergency/);
    expect(ERROR_NOTICE).toMatch(/triage/);
  });
});
