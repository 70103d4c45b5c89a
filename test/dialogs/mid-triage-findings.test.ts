import { describe, expect, it } from "vitest";
import { botHarness } from "./harness.js";
import { lastOutcome, lastQuestion, textOf } from "./replies.js";

describe("a red flag typed in the middle of a triage", () => {
  it("is noted and the triage works out its next question again (here: straight to the emergency)", async () => {
    const bot = botHarness();
    await bot.say("triage");
    await bot.say("lower back");
    const replies = await bot.say("he also has new saddle numbness and retention");
    expect(textOf(replies)).toMatch(/Noted from your message: .*Saddle numbness/i);
    expect(textOf(replies)).not.toMatch(/did not catch that as an answer/);
    // New CES symptoms that are new: an emergency, shown at once.
    expect(lastOutcome(replies)?.route).toBe("ED_NOW");
  });

  it("text with nothing clinical in it still gets the options again", async () => {
    const bot = botHarness();
    await bot.say("triage");
    const replies = await bot.say("what do you mean?");
    expect(textOf(replies)).toMatch(/did not catch that as an answer/);
    expect(lastQuestion(replies)).toBe("body_area");
  });

  it("a negative typed mid-triage is not taken as an answer to another question", async () => {
    const bot = botHarness();
    await bot.say("triage");
    await bot.say("lower back");
    // Question 2 is the age: "no saddle numbness" answers nothing and adds nothing.
    const replies = await bot.say("no saddle numbness");
    expect(textOf(replies)).toMatch(/did not catch that as an answer/);
    expect(lastQuestion(replies)).toBe("age");
  });
});
