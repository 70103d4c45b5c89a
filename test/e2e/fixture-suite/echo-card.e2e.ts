// Proves the harness against the fixture bot: a typed message gets a card, a click on a card
// button reaches the bot as a submit, and the reply card renders. Personal chat and channel.
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  botDisplayName,
  cardCount,
  clickButton,
  lastCardText,
  launchBrowser,
  openChat,
  postInChannel,
  recordFailure,
  screenshot,
  send,
  waitForCardText,
} from "../playground.js";

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});
afterEach(async (context) => {
  if (context.task.result?.state === "fail") await recordFailure(page, context.task.name);
  await page.close();
});

describe("fixture bot in the Playground", () => {
  it("answers a personal-chat question card and shows the outcome", async () => {
    await openChat(page, "personal");
    await send(page, "is this urgent APP?");
    await waitForCardText(page, "is this urgent APP?");
    expect(await lastCardText(page)).toContain("Is it urgent?");

    await clickButton(page, "Yes");
    await waitForCardText(page, "Outcome: yes");
    expect(await lastCardText(page)).toBe("Outcome: yes");
    // The question card was replaced in place: its buttons are gone.
    const answered = await waitForCardText(page, "Answered: yes");
    expect(await answered.getByRole("button").count()).toBe(0);
    expect(await cardCount(page)).toBe(2);
    await screenshot(page, "fixture-personal-outcome");
  });

  it("a different button gives a different outcome", async () => {
    await openChat(page, "personal");
    await send(page, "second question");
    await waitForCardText(page, "second question");
    await clickButton(page, "Not sure");
    await waitForCardText(page, "Outcome: unsure");
    expect(await lastCardText(page)).toBe("Outcome: unsure");
  });

  it("replies in the channel thread when @mentioned", async () => {
    await openChat(page, "channel");
    await postInChannel(page, "is this urgent APP?", botDisplayName);
    // The fixture strips the <at> mention, so the echo shows only what was asked.
    const card = await waitForCardText(page, "You said: is this urgent APP?");
    expect(await card.textContent()).not.toContain(botDisplayName);

    await clickButton(page, "No");
    await waitForCardText(page, "Outcome: no");
    expect(await lastCardText(page)).toBe("Outcome: no");
    await screenshot(page, "fixture-channel-outcome");

    // A typed reply in the thread reaches the bot only with a mention (the Playground, like Teams,
    // does not deliver unmentioned channel messages).
    await send(page, "follow-up in thread", { mention: botDisplayName });
    await waitForCardText(page, "You said: follow-up in thread");
  });

  it("reaches the bot in a group chat through an @mention typed in the message box", async () => {
    await openChat(page, "group");
    await send(page, "group question", { mention: botDisplayName });
    await waitForCardText(page, "You said: group question");
    await clickButton(page, "Yes");
    await waitForCardText(page, "Outcome: yes");
    expect(await lastCardText(page)).toBe("Outcome: yes");
  });
});
