// The MSK team's queue in the Playground, the real bot: "queue here" in the team's channel, a
// triage in the personal chat, "Ask the MSK team", the query arriving in the channel as a new post,
// Agree pressed there, and the reply arriving in the personal chat without being asked for.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { openChat, postInChannel, screenshotOf, send, textOf, waitForCardText } from "../playground.js";
import { clickThrough, useBrowserPage } from "./triage-steps.js";

const browser = useBrowserPage();

/** Moves to another conversation in the same page: a reload would lose the messages shown so far. */
async function switchTo(page: Page, name: "Personal Chat" | "My Team - General"): Promise<void> {
  await page.getByRole("treeitem", { name, exact: true }).click();
  await page.getByRole("textbox").first().waitFor();
}
const QUESTION = "Is routine physiotherapy right here, or should she be seen sooner?";

describe("MSK team queue: ask from the personal chat, answer in the channel", () => {
  it("the query arrives in the channel and the reply in the personal chat", {
    timeout: 240_000,
  }, async () => {
    const page = browser.page();
    await openChat(page, "channel");
    await postInChannel(page, "queue here");
    await waitForCardText(page, /MSK query queue/);

    await switchTo(page, "Personal Chat");
    await send(page, "is this urgent APP?");
    const { outcome } = await clickThrough(
      page,
      [
        [/^Where is the main problem/, { choose: "A joint or soft tissue of a limb" }],
        [/how old/i, { number: 40 }],
        [/which borough/i, { choose: "Newham" }],
      ],
      /Routine physiotherapy/,
    );
    expect(await textOf(outcome)).toContain("Routine physiotherapy");
    await outcome.getByRole("button", { name: "Ask the MSK team", exact: true }).click();
    await waitForCardText(page, /Type your question for the MSK team/);
    await send(page, QUESTION);
    const sent = await waitForCardText(page, /Sent to the MSK team as query \d+/);
    const number = /query (\d+)/.exec(await textOf(sent))?.[1];

    await switchTo(page, "My Team - General");
    const query = await waitForCardText(page, new RegExp(`MSK query ${number}`), 20_000);
    const queryText = await textOf(query);
    expect(queryText).toContain(QUESTION);
    expect(queryText).toContain("Routine physiotherapy");
    await screenshotOf(query, "msk-query-in-channel");
    await query.getByRole("button", { name: "Agree", exact: true }).click();
    const answered = await waitForCardText(page, /Agreed by/, 20_000);
    await screenshotOf(answered, "msk-query-answered");

    await switchTo(page, "Personal Chat");
    const reply = await waitForCardText(page, new RegExp(`The MSK team answered query ${number}`), 20_000);
    expect(await textOf(reply)).toMatch(/agrees with the route/);
    await screenshotOf(reply, "msk-reply-in-personal-chat");
  });
});
