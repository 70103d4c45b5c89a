// Page helpers for driving the Microsoft 365 Agents Playground (v0.2.28) with playwright-core.
// Selectors were read from the Playground's rendered DOM; they are the only place that knows it.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { type Browser, chromium, type Locator, type Page } from "playwright-core";

/** Where the runner says the Playground is; the default matches scripts/start-local.mjs. */
export const playgroundUrl = process.env.PLAYGROUND_URL ?? "http://127.0.0.1:56150/";
export const resultsDir = process.env.E2E_RESULTS_DIR ?? path.resolve("test-results", "e2e");
/** Display name of the bot in the Playground's default configuration (used for @mentions). */
export const botDisplayName = process.env.PLAYGROUND_BOT_NAME ?? "Test Bot";

/** A top-level Adaptive Card in a bot message (not a card nested by Action.ShowCard). */
const CARD = ".ac-preview-panel > .ac-adaptiveCard";

export type Conversation = "personal" | "group" | "channel" | "announcements";

/** The conversation list entries' accessible names in the Playground's left pane. */
const conversationItem: Record<Conversation, string> = {
  personal: "Personal Chat",
  group: "Group Chat",
  channel: "My Team - General",
  announcements: "My Team - Announcements",
};

const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: chromiumArgs,
  });
}

/**
 * Opens the Playground in a fresh page and selects a conversation. Anything not on loopback is
 * aborted in the page: the UI asks a Microsoft CDN for Segoe UI fonts, which must not leave the machine
 * (the namespace would drop it anyway; aborting just avoids the wait).
 */
export async function openChat(page: Page, conversation: Conversation = "personal"): Promise<void> {
  await page.route(
    (url) => !/^(127\.0\.0\.1|localhost|\[::1\])$/.test(url.hostname),
    (route) => route.abort(),
  );
  await page.goto(playgroundUrl);
  await page.getByRole("treeitem", { name: conversationItem[conversation], exact: true }).click();
  await page.getByRole("textbox").first().waitFor();
}

export interface SendOptions {
  /** @mention this name first (channels and group chats); picked from the Playground's mention menu. */
  mention?: string;
}

/**
 * Types a message and sends it. In personal/group chat and in a channel thread this uses the last
 * message box with Enter; a channel with no thread yet has only the "Start a new post" box, which
 * needs the Post button.
 */
export async function send(page: Page, text: string, options: SendOptions = {}): Promise<void> {
  const box = page.getByRole("textbox").last();
  await box.click();
  if (options.mention) {
    await addMention(page, box, options.mention);
    await box.pressSequentially(" ");
  }
  await box.pressSequentially(text);
  const post = page.getByRole("button", { name: "Post", exact: true });
  const isNewPost = (await page.getByRole("textbox").count()) === 1 && (await post.count()) === 1;
  if (isNewPost) await post.click();
  else await box.press("Enter");
  await page.getByText(text).last().waitFor();
}

/**
 * Types "@", picks the name from the menu and waits until the mention is in the message box. Typing
 * on before the editor has inserted it (a loaded CI machine) posts plain text without a mention
 * entity, which the Playground, like Teams, never delivers to the bot in a channel.
 */
async function addMention(page: Page, box: Locator, name: string): Promise<void> {
  await box.pressSequentially("@");
  await mentionMenuItem(page, name).click();
  await box.getByText(name).first().waitFor({ timeout: 5_000 });
  await mentionMenuItem(page, name).waitFor({ state: "detached", timeout: 5_000 });
}

/** An entry of the "@" menu. Its accessible name repeats the name (avatar label + text), so match the text. */
function mentionMenuItem(page: Page, name: string): Locator {
  return page.getByRole("menuitem").filter({ has: page.getByText(name, { exact: true }) });
}

/** Sends a channel post that @mentions the bot, as a clinician would in the MSK team's channel. */
export async function postInChannel(page: Page, text: string, mention = botDisplayName): Promise<void> {
  const box = page.getByRole("textbox").first();
  await box.click();
  await addMention(page, box, mention);
  await box.pressSequentially(` ${text}`);
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await page.getByText(text).last().waitFor();
}

export function lastCard(page: Page): Locator {
  return page.locator(CARD).last();
}

/** Every top-level card in the open conversation, oldest first (filter it to find one). */
export function cards(page: Page): Locator {
  return page.locator(CARD);
}

/** Clicks a button (Action.Submit and friends, matched by its exact title) in the most recent card. */
export async function clickButton(page: Page, title: string): Promise<void> {
  const card = lastCard(page);
  await card.waitFor();
  await card.getByRole("button", { name: title, exact: true }).click();
}

/** Waits until some card contains `text` and returns that card. */
export async function waitForCardText(
  page: Page,
  text: string | RegExp,
  timeoutMs = 15_000,
): Promise<Locator> {
  const card = page.locator(CARD, { hasText: text }).last();
  await card.waitFor({ timeout: timeoutMs });
  return card;
}

/** The rendered text of the most recent card, as a clinician would read it. */
export async function lastCardText(page: Page): Promise<string> {
  const card = lastCard(page);
  await card.waitFor();
  // innerText, not textContent: Playwright's innerText keeps the line breaks a reader sees; textContent glues blocks together.
  return card.innerText();
}

/** How many cards the conversation shows: lets a test wait for the bot's next card. */
export function cardCount(page: Page): Promise<number> {
  return page.locator(CARD).count();
}

/**
 * Saves a PNG of one element (a card) under test-results/ and returns its path. The chat pane scrolls,
 * so a card taller than the window would come out blank: the window is made tall enough first.
 * `maxHeight` keeps only the top of a long card (a README picture).
 */
export async function screenshotOf(
  element: Locator,
  name: string,
  { maxHeight }: { maxHeight?: number } = {},
): Promise<string> {
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name.replace(/[^\w.-]+/g, "-")}.png`);
  const page = element.page();
  const viewport = page.viewportSize();
  const before = await element.boundingBox();
  if (viewport && before && before.height + 300 > viewport.height) {
    await page.setViewportSize({ width: viewport.width, height: Math.ceil(before.height + 300) });
  }
  await element.scrollIntoViewIfNeeded();
  const box = await element.boundingBox();
  if (!box) throw new Error(`cannot screenshot ${name}: the element is not visible`);
  const height = maxHeight ? Math.min(box.height, maxHeight) : box.height;
  await page.screenshot({ path: file, clip: { x: box.x, y: box.y, width: box.width, height } });
  if (viewport) await page.setViewportSize(viewport);
  return file;
}

/** A card's text as a clinician reads it (line breaks kept). */
export function textOf(card: Locator): Promise<string> {
  // innerText, not textContent: Playwright's innerText keeps the line breaks a reader sees; textContent glues blocks together.
  return card.innerText();
}

/**
 * After a failed test: a screenshot under test-results/, and the tail of what the page shows printed
 * to the test output, so a failure on CI (where the PNG is not kept) can still be read.
 */
export async function recordFailure(page: Page, testName: string): Promise<void> {
  const file = await screenshot(page, `FAILED-${testName}`);
  const shown = await page
    .locator("body")
    .innerText({ timeout: 2_000 })
    .catch((error: Error) => `(page text unavailable: ${error.message})`);
  console.log(`e2e failure "${testName}": screenshot ${file}; the page's last lines:\n${shown.slice(-1500)}`);
}

/** Saves a full-page PNG under test-results/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name.replace(/[^\w.-]+/g, "-")}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Asserts from the page that an element is inside the viewport, without scrolling: what a
 * clinician sees when a message arrives.
 */
export async function expectInView(element: Locator): Promise<void> {
  await element.waitFor();
  const page = element.page();
  const viewport = page.viewportSize();
  const box = await element.boundingBox();
  if (!viewport || !box) throw new Error("the element has no box in the page");
  if (box.y < 0 || box.y + box.height > viewport.height || box.x < 0 || box.x + box.width > viewport.width) {
    throw new Error(
      `not in view without scrolling: box ${JSON.stringify(box)} in a ${viewport.width}x${viewport.height} viewport`,
    );
  }
}
