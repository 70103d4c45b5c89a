import type { Activity } from "botbuilder";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiCall } from "../slack/fake-slack.js";
import { findAction, Workspace } from "../slack/workspace.js";
import { botHarness, type Harness } from "./harness.js";
import { cardOf, lastOutcome, lastQuestion, outcomeOf, questionIdOf, textOf } from "./replies.js";
import { runSteps, type Step } from "./steps.js";

// Every button carries the triage it belongs to (and a question's number), so a click on a card
// left from an earlier triage, or on a question already answered, changes nothing; and a start or
// restart button from another message cannot wipe the triage now running. Teams (Adaptive Card
// submit data) through the real bot on TestAdapter; Slack (button and option value JSON) through
// the real server and a fake Web API.

type Reply = Partial<Activity>;
type Data = Record<string, unknown>;

const EARLIER = /belongs to an earlier triage, so nothing was changed/;
const ANSWERED = /already been answered, so nothing was changed/;
const IN_PROGRESS = /A triage is in progress.*Type 'restart' to start over/;

/** Every Action.Submit data object in a reply's card, wherever it sits (actions or body). */
function submitsOf(reply: Reply | undefined): Data[] {
  const out: Data[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const o = node as Data;
    if (o.type === "Action.Submit" && o.data && typeof o.data === "object") out.push(o.data as Data);
    Object.values(o).forEach(walk);
  };
  walk(reply ? cardOf(reply) : undefined);
  return out;
}

function answerData(reply: Reply | undefined, answer: string): Data {
  const data = submitsOf(reply).find((d) => d.answer === answer);
  if (!data) throw new Error(`no ${answer} button`);
  return data;
}

function commandData(reply: Reply | undefined, command: string): Data {
  const data = submitsOf(reply).find((d) => d.command === command);
  if (!data) throw new Error(`no ${command} button`);
  return data;
}

const questionCard = (replies: Reply[]) => replies.filter((r) => questionIdOf(r)).at(-1);
const outcomeCard = (replies: Reply[]) => replies.filter((r) => outcomeOf(r)).at(-1);
const submit = (bot: Harness, value: Data) => bot.submit(value);

// The cauda equina screen answered "None of these", then a yes/no question (cancer history) at
// question 4: the stamps of a question card are read there.
const TO_SADDLE: Step[] = [
  ["triage", { asks: "body_area" }],
  ["lower back", { asks: "age" }],
  ["45", { asks: "screen:ces" }],
  ["none", { asks: "cancer_history" }],
];

/** Saddle numbness for 10 days: the emergency is shown early, one question (cancer history) left. */
async function toEarlyEmergency(bot: Harness, fromStart = true): Promise<Reply[]> {
  const turns = await runSteps(bot, [
    ...(fromStart ? TO_SADDLE.slice(0, 3) : TO_SADDLE.slice(1, 3)),
    ["1", { asks: "ces_symptom_weeks" }],
    ["10 days", { outcome: "ED_NOW", asks: "cancer_history" }],
  ]);
  return turns.at(-1) ?? [];
}

describe("Teams: the stamp on every button", () => {
  it("question buttons carry the triage and question number beside the CONTRACT fields", async () => {
    const bot = botHarness();
    const turns = await runSteps(bot, TO_SADDLE);
    const first = submitsOf(questionCard(turns[0] ?? []));
    const third = submitsOf(questionCard(turns[3] ?? []));
    const triage = first[0]?.triage;
    expect(typeof triage).toBe("string");
    for (const d of first) expect(d.triage).toBe(triage);
    expect(first.find((d) => d.questionId)).toMatchObject({ questionId: "body_area", seq: 1 });
    expect(third.filter((d) => d.answer).map((d) => d.answer)).toEqual(["yes", "no", "unsure"]);
    for (const d of third.filter((x) => x.answer))
      expect(d).toEqual({ questionId: "cancer_history", answer: d.answer, triage, seq: 4 });
    // The command button names the triage but no question.
    expect(commandData(questionCard(turns[3] ?? []), "restart")).toEqual({ command: "restart", triage });
  });

  it("the outcome's New triage button carries its triage; help's Start triage carries none", async () => {
    const bot = botHarness();
    const replies = await toEarlyEmergency(bot);
    const triage = answerData(questionCard(replies), "no").triage;
    expect(commandData(outcomeCard(replies), "triage")).toEqual({ command: "triage", triage });
    const help = await bot.say("help");
    expect(commandData(help[0], "triage")).toEqual({ command: "triage" });
  });

  it("a prefilled confirm button is stamped too (the question is rendered outside the cache)", async () => {
    const bot = botHarness();
    const replies = await bot.say("is this urgent APP? 40M LBP 3/52");
    const data = submitsOf(questionCard(replies)).filter((d) => d.questionId === "body_area");
    expect(data.length).toBeGreaterThan(0);
    for (const d of data) expect(d).toMatchObject({ triage: expect.any(String), seq: 1 });
  });
});

describe("Teams: stale answers are turned away by their stamp", () => {
  it("an earlier triage's card for the same question changes nothing in the new triage", async () => {
    const bot = botHarness();
    const before = await runSteps(bot, TO_SADDLE);
    const oldYes = answerData(questionCard(before[3] ?? []), "yes");
    const after = await runSteps(bot, [
      ["restart", { asks: "body_area" }],
      ["lower back", { asks: "age" }],
      ["45", { asks: "screen:ces" }],
      ["none", { asks: "cancer_history" }],
    ]);
    const newNo = answerData(questionCard(after[3] ?? []), "no");
    // Only the stamp tells them apart: the question id alone would have accepted the old click.
    expect(oldYes.questionId).toBe(newNo.questionId);
    expect(oldYes.seq).toBe(newNo.seq);
    expect(oldYes.triage).not.toBe(newNo.triage);

    const turnedAway = await submit(bot, oldYes);
    expect(textOf(turnedAway)).toMatch(EARLIER);
    expect(lastQuestion(turnedAway)).toBeUndefined();
    expect(turnedAway).toHaveLength(1);
    // The cancer question is still open: its live card answers it and the triage moves on.
    const next = await submit(bot, newNo);
    expect(textOf(next)).not.toMatch(ANSWERED);
    expect(textOf(next)).toMatch(/Question 5:/);
    expect(lastQuestion(next)).toBe("screen:neuro");
  });

  it("the same question asked again after 'back' turns away the first card's click", async () => {
    const bot = botHarness();
    const turns = await runSteps(bot, TO_SADDLE);
    const firstYes = answerData(questionCard(turns[3] ?? []), "yes");
    await runSteps(bot, [
      [{ value: firstYes }, { asks: "under_oncology" }],
      ["back", { asks: "cancer_history" }],
    ]);
    const again = await submit(bot, firstYes);
    expect(textOf(again)).toMatch(ANSWERED);
    expect(lastQuestion(again)).toBeUndefined();
    // The question is still open for its live card or a typed answer.
    await runSteps(bot, [["yes", { asks: "under_oncology" }]]);
  });

  it("an answer without a stamp (a CONTRACT-only client) is still checked by question id alone", async () => {
    const bot = botHarness();
    await runSteps(bot, [
      ...TO_SADDLE,
      [{ value: { questionId: "body_area", answer: "lumbar" } }, { says: ANSWERED, noQuestion: true }],
      [{ value: { questionId: "cancer_history", answer: "no" } }, { asks: "screen:neuro" }],
    ]);
  });
});

describe("Teams: start and restart buttons from other messages cannot wipe a running triage", () => {
  it("the help card's Start triage (no stamp) is turned away mid-triage; typed restart still works", async () => {
    const bot = botHarness();
    await runSteps(bot, TO_SADDLE);
    const help = await bot.say("help");
    const start = commandData(help[0], "triage");
    await runSteps(bot, [
      [{ value: start }, { says: IN_PROGRESS, noQuestion: true, replies: 1 }],
      // The triage carried on where it was: "yes" answers the cancer question.
      ["yes", { asks: "under_oncology" }],
      ["restart", { says: /Starting the triage again/, asks: "body_area" }],
    ]);
  });

  it("the welcome card's Start triage starts a triage when none runs, and is turned away when one does", async () => {
    const bot = botHarness();
    const welcome = await bot.say({
      type: "conversationUpdate",
      membersAdded: [{ id: "bot", name: "bot" }],
      recipient: { id: "bot", name: "bot" },
      conversation: { id: "c1", conversationType: "personal" } as Activity["conversation"],
    });
    const start = commandData(welcome[0], "triage");
    expect(start).toEqual({ command: "triage" });
    await runSteps(bot, [
      [{ value: start }, { asks: "body_area" }],
      ["lower back", { asks: "age" }],
      [{ value: start }, { says: IN_PROGRESS, noQuestion: true }],
      ["45", { asks: "screen:ces" }],
    ]);
  });

  it("an earlier triage's New triage and Restart are turned away; with none running New triage starts one", async () => {
    const bot = botHarness();
    const first = await bot.say("triage");
    const oldRestart = commandData(questionCard(first), "restart");
    await bot.say("restart");
    const early = await toEarlyEmergency(bot, false);
    await bot.submit(answerData(outcomeCard(early), "no"));
    // The final outcome replaced the emergency card (which carried the question).
    const final = bot.adapter.updates.at(-1) ?? {};
    expect(lastOutcome([final])?.route).toBe("ED_NOW");
    const oldNewTriage = commandData(outcomeCard([final]), "triage");
    expect(oldRestart.triage).not.toBe(oldNewTriage.triage);

    await runSteps(bot, [
      ["triage", { asks: "body_area" }],
      ["lower back", { asks: "age" }],
      [{ value: oldNewTriage }, { says: IN_PROGRESS, noQuestion: true, replies: 1 }],
      [{ value: oldRestart }, { says: IN_PROGRESS, noQuestion: true, replies: 1 }],
      // Still the second question of the new triage.
      ["45", { asks: "screen:ces" }],
      ["cancel", { says: /Triage cancelled/ }],
      // Nothing running now: the old outcome's button starts a fresh triage.
      [{ value: oldNewTriage }, { asks: "body_area" }],
    ]);
  });

  it("the live question card's own Restart starts again", async () => {
    const bot = botHarness();
    const turns = await runSteps(bot, TO_SADDLE);
    const restart = commandData(questionCard(turns[3] ?? []), "restart");
    const replies = await submit(bot, restart);
    expect(textOf(replies)).toMatch(/Starting the triage again[\s\S]*Question 1:/);
    expect(answerData(questionCard(replies), "unsure").triage).not.toBe(restart.triage);
  });
});

describe("Slack: the stamp in button and option values", () => {
  const ws = new Workspace();
  beforeAll(() => ws.start());
  afterAll(() => ws.stop());

  /** The bot's posts since `mark` that carry blocks, and the last of them. */
  const posts = (mark: number) => ws.fake.of("chat.postMessage", mark);
  const lastWithBlocks = (mark: number): ApiCall => {
    const post = posts(mark)
      .filter((c) => Array.isArray(c.args.blocks))
      .at(-1);
    if (!post) throw new Error("no Block Kit post");
    return post;
  };
  const buttonValue = (message: ApiCall, actionId: string): Data => {
    const found = findAction((message.args.blocks ?? []) as Data[], actionId);
    if (!found) throw new Error(`no ${actionId}`);
    return JSON.parse(String(found.element.value)) as Data;
  };
  /** The body area's one-tap choice buttons. */
  const choiceValues = (message: ApiCall): Data[] =>
    ["lumbar", "thoracic", "cervical", "limb"].map((v) => buttonValue(message, `answer_choice_${v}`));
  const texts = (mark: number) => posts(mark).map((c) => String(c.args.text));

  it("stamps every button, turns away an earlier triage's choice and restart", async () => {
    let mark = ws.fake.calls.length;
    await ws.dm("triage");
    const first = lastWithBlocks(mark);
    const triage = buttonValue(first, "answer_unsure").triage;
    expect(typeof triage).toBe("string");
    expect(buttonValue(first, "answer_unsure")).toEqual({
      questionId: "body_area",
      answer: "unsure",
      triage,
      seq: 1,
    });
    expect(buttonValue(first, "command_restart")).toEqual({ command: "restart", triage });
    const options = choiceValues(first);
    expect(options.length).toBeGreaterThan(1);
    for (const o of options) expect(o).toMatchObject({ questionId: "body_area", triage, seq: 1 });

    mark = ws.fake.calls.length;
    await ws.dm("restart");
    const second = lastWithBlocks(mark);
    expect(buttonValue(second, "answer_unsure").triage).not.toBe(triage);

    // The first card's choice, for the question now open again in the new triage.
    mark = ws.fake.calls.length;
    await ws.click(first, "answer_choice_lumbar");
    expect(texts(mark).join("\n")).toMatch(EARLIER);
    expect(posts(mark)).toHaveLength(1);

    // The first card's Restart does not wipe the new triage.
    mark = ws.fake.calls.length;
    await ws.click(first, "command_restart");
    expect(texts(mark).join("\n")).toMatch(IN_PROGRESS);
    expect(posts(mark)).toHaveLength(1);

    // The live card still works.
    mark = ws.fake.calls.length;
    await ws.click(second, "answer_choice_lumbar");
    expect(texts(mark).join("\n")).toMatch(/Question 2:/);
    await ws.dm("cancel");
  });

  it("the help message's Start triage (no stamp) is turned away mid-triage", async () => {
    let mark = ws.fake.calls.length;
    await ws.dm("help");
    const help = lastWithBlocks(mark);
    expect(buttonValue(help, "command_triage")).toEqual({ command: "triage" });
    await ws.dm("triage");
    mark = ws.fake.calls.length;
    await ws.click(help, "command_triage");
    expect(texts(mark).join("\n")).toMatch(IN_PROGRESS);
    expect(posts(mark)).toHaveLength(1);
    await ws.dm("cancel");
  });
});
