// Clicks through the real bot's question cards in the Playground as a clinician would: Yes / No /
// Not sure buttons, one button per choice, a number followed by "Send answer", and screens (tick
// the items present, then "These" or "None of these"). Questions are recognised by their wording,
// so a scenario says what it answers, not in which order the rules ask.
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { cards, launchBrowser, recordFailure, textOf } from "../playground.js";

export type Answer = "Yes" | "No" | "Not sure" | { choose: string } | { number: number } | { tick: string[] };

/** The line an emergency card carries above the question that decides which emergency team. */
const PENDING_LEAD = "One more question decides which emergency team";

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
    await card.getByRole("button", { name: answer.choose, exact: true }).click();
  } else if ("tick" in answer) {
    for (const item of answer.tick) await card.getByRole("checkbox", { name: item }).check();
    await card
      .getByRole("button", { name: answer.tick.length ? "These" : "None of these", exact: true })
      .click();
  } else {
    await card.getByRole("spinbutton").fill(String(answer.number));
    await card.getByRole("button", { name: SEND, exact: true }).click();
  }
}

/** Unplanned questions: "No" where the card has it, otherwise the first choice. A number must be planned. */
async function defaultAnswer(card: Locator, question: string): Promise<Answer> {
  if ((await card.getByRole("button", { name: "No", exact: true }).count()) > 0) return "No";
  if ((await card.getByRole("button", { name: "None of these", exact: true }).count()) > 0)
    return { tick: [] };
  throw new Error(`no planned answer for "${question}"`);
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
  // Not an emergency card still waiting for its deciding question.
  const finalCard = cards(page).filter({ hasText: done }).filter({ hasNotText: PENDING_LEAD }).last();
  // An emergency card that still carries its deciding question (cancer history).
  const pending = cards(page)
    .filter({ hasText: PENDING_LEAD })
    .filter({ has: page.getByRole("button", { name: "Not sure", exact: true }) })
    .last();
  let number = firstNumber;
  for (let i = 0; i < maxQuestions; i++) {
    const question = activeQuestion(page, number);
    await question.or(finalCard).or(pending).first().waitFor({ timeout: 15_000 });
    if (await finalCard.isVisible()) return { outcome: finalCard, asked };
    if (await pending.isVisible()) {
      const lines = (await textOf(pending)).split("\n").map((l) => l.trim());
      const text = lines[lines.findIndex((l) => l.startsWith(PENDING_LEAD)) + 1] ?? "";
      const answer = plan.find(([words]) => words.test(text))?.[1] ?? "No";
      asked.push({ question: text, answer });
      await give(pending, answer);
      await pending.waitFor({ state: "detached", timeout: 15_000 }).catch(() => undefined);
      number += 1;
      continue;
    }
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
    if (context.task.result?.state === "fail") await recordFailure(page, context.task.name);
    await page.close();
  });
  return { page: () => page };
}
