// Personal chat, the real bot: "is this urgent APP?", then a cauda equina emergency clicked through
// card by card. The outcome card must say emergency department, emergency, and link the CES pathway.
import { describe, expect, it } from "vitest";
import {
  expectInView,
  openChat,
  screenshot,
  screenshotOf,
  send,
  textOf,
  waitForCardText,
} from "../playground.js";
import { activeQuestion, clickThrough, useBrowserPage } from "./triage-steps.js";

const browser = useBrowserPage();

describe("personal chat: cauda equina emergency", () => {
  it("asks one question at a time and ends with the emergency department outcome and the CES pathway", async () => {
    const page = browser.page();
    await openChat(page, "personal");
    await send(page, "is this urgent APP?");

    const first = activeQuestion(page, 1);
    await first.waitFor();
    expect(await textOf(first)).toContain("Where is the main problem?");
    await screenshotOf(first, "bot-personal-question");

    const { outcome, asked } = await clickThrough(
      page,
      [
        [/^Where is the main problem/, { choose: "Lower back" }],
        [/how old/i, { number: 45 }],
        [/^Cauda equina/, { tick: ["saddle", "bladder or bowel", "both legs"] }],
        [/days ago/i, { number: 0 }],
      ],
      // The final card (the emergency card once its cancer question is answered).
      /Emergency department now/,
    );
    expect(asked.map((a) => a.question)).toContain("Cauda equina symptoms");

    // At a glance: the route and its action are in view without scrolling once the outcome arrives.
    await expectInView(outcome.getByText("Emergency department now", { exact: true }));
    await expectInView(outcome.getByText(/^Send the patient to the emergency department/));
    await screenshot(page, "bot-personal-ces-glance");
    const text = await textOf(outcome);
    expect(text).toContain("Emergency department now");
    expect(text).toMatch(/Emergency: now/);
    expect(text).toContain("Acute cauda equina symptoms");
    expect(text).toContain("National Suspected Cauda Equina Syndrome Pathway");
    expect(text).toContain("Safety netting");

    // Every answered card lost its buttons; only the outcome's "New triage" is left to click.
    const answered = await waitForCardText(page, "Answer: Lower back");
    expect(await answered.getByRole("button").count()).toBe(0);
    await screenshotOf(outcome, "bot-personal-ces-outcome");
    await screenshotOf(outcome, "bot-personal-ces-outcome-top", { maxHeight: 900 });
    await screenshot(page, "bot-personal-ces-page");
    // The details and the notes are one tap away; the notes record the cancer answer.
    await outcome.getByRole("button", { name: "Show more", exact: true }).click();
    await expect.poll(() => textOf(outcome)).toContain("Rules that fired");
    await expect
      .poll(() => outcome.getByRole("link", { name: /Cauda Equina Syndrome Pathway/ }).count())
      .toBe(1);
    await outcome.getByRole("button", { name: "Copy notes", exact: true }).click();
    await expect.poll(() => textOf(outcome)).toContain("Cancer history: No");
  });
});
