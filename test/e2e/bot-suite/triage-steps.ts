// Clicks through the real bot's question cards in the Playground as a clinician would: Yes / No /
// Not sure buttons, a radio choice or a number followed by "Send answer". Questions are recognised
// by their wording, so a scenario says what it answers, not in which order the rules ask.
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { cards, launchBrowser, screenshot, textOf } from "../playground.js";

export type Answer = "Yes" | "No" | "Not sure" | { choose: string } | { number: number };

/** [words in the question, answer]; the first match wins. */
export type AnswerPlan = Array<[RegExp, Answer]>;

const SEND = "Send answer";
const RESTART = "Restart";

/** The question card still waiting for an answer: only it keeps its buttons (answered cards are replaced). */
export function activeQuestion(page: Page, number: number): Locator {
  return cards(page)
    .filter({ hasText: new RegExp(`Question ${number}(?!\\d)`) })
    .filter({ has: page.getByRole("button", { name: RESTART, exact: true }) })
    .last();
}

/** The question's own wording: the line after "Question n". */
async function questionText(card: Locator): Promise<string> {
  const lines = (await textOf(card)).split("\n").map((line) => line.trim());
  const at = lines.findIndex((line) => /^Question \d+$/.test(line));
  return lines.slice(at + 1).find((line) => line.length > 0) ?? "";
}

async function give(card: Locator, answer: Answer): Promise<void> {
  if (typeof answer === "string") {
    await card.getByRole("button", { name: answer, exact: true }).click();
  } else if ("choose" in answer) {
    await card.getByRole("radio", { name: answer.choose, exact: true }).check();
    await card.getByRole("button", { name: SEND, exact: true }).click();
  } else {
    await card.getByRole("spinbutton").fill(String(answer.number));
    await card.getByRole("button", { name: SEND, exact: true }).click();
  }
}

/** Unplanned questions: "No" where the card has it, otherwise the first choice. A number must be planned. */
async function defaultAnswer(card: Locator, question: string): Promise<Answer> {
  if ((await card.getByRole("button", { name: "No", exact: true }).count()) > 0) return "No";
  const first = card.getByRole("radio").first();
  if ((await first.count()) > 0) {
    const name = (await first.getAttribute("aria-label")) ?? (await first.evaluate(labelOf));
    return { choose: name };
  }
  throw new Error(`no planned answer for "${question}"`);
}

function labelOf(input: Element): string {
  const id = input.getAttribute("id");
  const label = id ? input.ownerDocument.querySelector(`label[for="${id}"]`) : null;
  return label?.textContent?.trim() ?? "";
}

export interface ClickThroughResult {
  /** The final outcome card. */
  outcome: Locator;
  /** Questions in the order they were asked, with the answer given. */
  asked: Array<{ question: string; answer: Answer }>;
}

/**
 * Answers questions from `plan` (default "No") until a card matching `done` is the last thing the bot
 * said. `done` must single out the final outcome: an emergency found early is shown at once and the
 * questions go on (which emergency), so "Emergency department" alone can match too soon.
 */
export async function clickThrough(
  page: Page,
  plan: AnswerPlan,
  done: RegExp,
  { firstNumber = 1, maxQuestions = 45 } = {},
): Promise<ClickThroughResult> {
  const asked: ClickThroughResult["asked"] = [];
  const finalCard = cards(page).filter({ hasText: done }).last();
  let number = firstNumber;
  for (let i = 0; i < maxQuestions; i++) {
    const question = activeQuestion(page, number);
    await question.or(finalCard).first().waitFor({ timeout: 15_000 });
    if (await finalCard.isVisible()) return { outcome: finalCard, asked };
    const text = await questionText(question);
    const answer = plan.find(([words]) => words.test(text))?.[1] ?? (await defaultAnswer(question, text));
    asked.push({ question: text, answer });
    await give(question, answer);
    number += 1;
  }
  throw new Error(`no outcome matching ${done} after ${maxQuestions} questions`);
}

/** One Chromium for the file, a fresh page per test, a screenshot of any failure. */
export function useBrowserPage(): { page: () => Page } {
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
    if (context.task.result?.state === "fail") await screenshot(page, `FAILED-${context.task.name}`);
    await page.close();
  });
  return { page: () => page };
}
