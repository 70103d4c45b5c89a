// Personal chat, the real bot: a limb problem with no red flag, clicked through to routine
// physiotherapy. Every red-flag question is answered "No" from its card.
import { describe, expect, it } from "vitest";
import { openChat, screenshotOf, send, textOf } from "../playground.js";
import { clickThrough, useBrowserPage } from "./triage-steps.js";

const browser = useBrowserPage();

describe("personal chat: routine case", () => {
  it("a limb problem with every red flag answered No ends in routine physiotherapy", async () => {
    const page = browser.page();
    await openChat(page, "personal");
    await send(page, "is this urgent APP?");

    const { outcome, asked } = await clickThrough(
      page,
      [
        [/^Where is the main problem/, { choose: "A joint or soft tissue of a limb" }],
        [/how old/i, { number: 40 }],
        [/which borough/i, { choose: "Newham" }],
      ],
      /Routine physiotherapy/,
    );
    // The red flags were asked, not skipped: cancer, infection and fracture among them.
    const questions = asked.map((a) => a.question).join("\n");
    expect(questions).toMatch(/cancer/i);
    expect(questions).toMatch(/infection/i);
    expect(questions).toMatch(/bony tenderness|fracture/i);
    expect(asked.filter((a) => a.answer === "No").length).toBeGreaterThanOrEqual(10);

    const text = await textOf(outcome);
    expect(text).toContain("Routine physiotherapy");
    expect(text).toMatch(/Routine: routine/);
    expect(text).toContain("What to do now");
    expect(text).toContain("Safety netting");
    expect(text).toContain("Referral route");
    expect(text).not.toContain("Emergency department");
    await screenshotOf(outcome, "bot-personal-routine-outcome");
  });
});
