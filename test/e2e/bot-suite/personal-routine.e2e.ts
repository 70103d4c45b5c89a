// Personal chat, the real bot: a limb problem with no red flag, clicked through to routine
// physiotherapy. Every red-flag question is answered "No" from its card.
import { describe, expect, it } from "vitest";
import { expectInView, openChat, screenshot, screenshotOf, send, textOf } from "../playground.js";
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
    expect(questions).toMatch(/fracture/i);
    // Screens answered "None of these": a handful of taps.
    expect(asked.length).toBeLessThanOrEqual(14);

    await expectInView(outcome.getByText(/^Routine physiotherapy/).first());
    await screenshot(page, "bot-personal-routine-glance");
    const text = await textOf(outcome);
    expect(text).toContain("Routine physiotherapy");
    // Said once: no "Routine: routine".
    expect(text).not.toMatch(/Routine: routine/i);
    expect(text).toContain("Safety netting");
    expect(text).toContain("Referral route");
    expect(text).not.toContain("Emergency department");
    await screenshotOf(outcome, "bot-personal-routine-outcome");
  });
});
