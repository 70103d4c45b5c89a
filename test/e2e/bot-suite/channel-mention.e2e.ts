// The MSK team's channel, the real bot: a post that @mentions it and names a red flag. The bot
// answers in that post's thread, notes the finding (never the message), shows the emergency at once
// and ends with the CES outcome after one more card click.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { cards, openChat, postInChannel, screenshotOf, textOf, waitForCardText } from "../playground.js";
import { clickThrough, useBrowserPage } from "./triage-steps.js";

const browser = useBrowserPage();
const POST = "is this urgent APP? new saddle numbness";
/** The final outcome (the emergency card once its cancer question is answered). */
const FINAL = /Emergency department now/;
const FINAL_CARD = (page: Page) =>
  cards(page).filter({ hasText: FINAL }).filter({ hasNotText: "One more question decides" });

describe("channel: @mention", () => {
  it("answers a mentioned post in its thread and ends with the emergency department outcome", async () => {
    const page = browser.page();
    await openChat(page, "channel");
    // Installing into the team welcomed it with the warning that belongs in a shared conversation.
    await waitForCardText(page, "do not post patient details here");

    await postInChannel(page, POST);
    // The emergency comes first, with what it noted and the one question left on the same card.
    const first = cards(page).filter({ hasText: "One more question decides" }).last();
    await first.waitFor({ timeout: 15_000 });
    expect(await textOf(first)).toMatch(/I noted: saddle numbness/);
    expect(await textOf(first)).toContain("Emergency department now");
    await screenshotOf(first, "bot-channel-ces-emergency");

    const { outcome } = await clickThrough(page, [[/days ago/i, { number: 3 }]], FINAL);
    const text = await textOf(outcome);
    expect(text).toContain("Acute cauda equina symptoms");
    expect(text).toContain("National Suspected Cauda Equina Syndrome Pathway");
    await outcome.getByRole("button", { name: "Copy notes", exact: true }).click();
    await expect.poll(() => textOf(outcome)).toContain("Saddle numbness: Yes (from the referrer's message)");

    // The outcome sits in the post's thread (the innermost block holding both the post and the
    // outcome, with the thread's own reply box), apart from the bot's separate welcome post.
    const post = page.getByText(POST);
    const thread = page
      .locator("div")
      .filter({ has: post })
      .filter({ has: FINAL_CARD(page) })
      .last();
    await thread.waitFor();
    expect(await thread.getByRole("textbox").count()).toBe(1);
    expect(await cards(page).filter({ hasText: "do not post patient details here" }).count()).toBe(1);
    expect(
      await thread.locator(".ac-adaptiveCard", { hasText: "do not post patient details here" }).count(),
    ).toBe(0);
    // None of the bot's cards repeats the post itself.
    for (const card of await cards(page).all()) expect(await textOf(card)).not.toContain(POST);
    await screenshotOf(outcome, "bot-channel-ces-outcome");
  });
});
