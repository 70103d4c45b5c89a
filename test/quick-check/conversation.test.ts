import type { Activity } from "botbuilder";
import { describe, expect, it } from "vitest";
import { IDENTIFIER_NOTICE } from "../../dialogs/conversation.js";
import type { TriageSession } from "../../dialogs/session.js";
import { isValidNhsNumber } from "../../rules/extract/index.js";
import { type QuickCheckHarness, quickCheckHarness } from "./harness.js";
import { confirmButtonOf, lastQuestion, outcomesOf, questionIdOf, textOf } from "./replies.js";

// The quick check through the real conversation: TriageBot + TriageConversation + the
// real presenter on TestAdapter and MemoryStorage.

type Reply = Partial<Activity>;

async function session(h: QuickCheckHarness): Promise<TriageSession | undefined> {
  const all = JSON.parse(await h.stored()) as Record<string, { triageSession?: TriageSession }>;
  return Object.values(all).find((v) => v.triageSession)?.triageSession;
}

/** A clinician who says "no" to every yes/no question and "not sure" to the rest. */
const plainAnswer = (h: QuickCheckHarness, id: string) =>
  h.pack.questionById.get(id as never)?.public.type === "bool" ? "no" : "unsure";

/** Answers questions until `target` is asked; returns its card (undefined if never asked). */
async function walkTo(h: QuickCheckHarness, replies: Reply[], target: string, asked: string[] = []) {
  let current = replies;
  for (let step = 0; step < 60; step++) {
    const q = lastQuestion(current);
    if (!q) return undefined;
    asked.push(q.id);
    if (q.id === target) return q.reply;
    current = await h.say({ value: { questionId: q.id, answer: plainAnswer(h, q.id) } });
  }
  throw new Error("the triage did not end");
}

const CES_QUERY = "is this urgent APP? 45M LBP 5/7 new saddle numbness + retention";

describe("quick check: emergency in one reply", () => {
  it("shows the CES emergency outcome in the replies to the first message", async () => {
    const h = quickCheckHarness();
    const first = await h.say(CES_QUERY);
    const outcomes = outcomesOf(first);
    expect(outcomes[0]?.route).toBe("ED_NOW");
    expect(outcomes[0]?.urgency).toBe("emergency");
    // The outcome comes first: cancer history, if still to ask, rides on the outcome card itself.
    const outcomeAt = first.findIndex((r) => outcomesOf([r]).length > 0);
    const questionAt = first.findIndex((r) => questionIdOf(r) !== undefined);
    expect(questionAt === -1 || outcomeAt <= questionAt).toBe(true);
    expect(textOf(first)).not.toContain(IDENTIFIER_NOTICE);
  });

  it("shows back the positives it noted; the age waits to be confirmed (a number from text)", async () => {
    const h = quickCheckHarness();
    const text = textOf(await h.say(CES_QUERY));
    const noted = text.split("\n").find((l) => l.startsWith("I noted:")) ?? "";
    expect(noted).toMatch(/saddle numbness/i);
    expect(noted).toMatch(/bladder or bowel/i);
    expect(noted).not.toMatch(/age/i);
    const s = await session(h);
    expect(s?.answers.age).toBeUndefined();
    expect(s?.suggestions.age?.value).toBe(45);
  });
});

describe("quick check: what could lower urgency is never used silently", () => {
  const QUERY = "is this urgent APP? 58M, LBP 3/52, saddle numbness, no bladder sx";

  it("asks the negated finding's question with a prefill and a one-tap confirm", async () => {
    const h = quickCheckHarness();
    const first = await h.say(QUERY);
    expect((await session(h))?.answers.bladder_bowel_dysfunction).toBeUndefined();
    const card = await walkTo(h, first, "bladder_bowel_dysfunction");
    expect(card, "the bladder question must be asked").toBeDefined();
    expect(card?.summary).toContain('You mentioned "no bladder sx"');
    const confirm = card ? confirmButtonOf(card) : undefined;
    // docs/interfaces.md §2's fields, plus the triage stamp the presenter adds.
    expect(confirm?.data).toMatchObject({ questionId: "bladder_bowel_dysfunction", answer: "no" });
    // Still not an answer until the clinician taps it; then it is one, as asked.
    expect((await session(h))?.answers.bladder_bowel_dysfunction).toBeUndefined();
    await h.say({ value: confirm?.data });
    const s = await session(h);
    if (s) {
      expect(s.answers.bladder_bowel_dysfunction).toBe(false);
      expect(s.how.bladder_bowel_dysfunction).toBe("asked");
    }
  });

  it("does not tie the back pain's duration to the saddle numbness", async () => {
    const h = quickCheckHarness();
    const first = await h.say("is this urgent APP? 58M LBP 3/52, new saddle numbness");
    const s = await session(h);
    expect(s?.answers.ces_symptom_weeks).toBeUndefined();
    expect(s?.suggestions.ces_symptom_weeks).toBeUndefined();
    const card = await walkTo(h, first, "ces_symptom_weeks");
    if (card) expect(confirmButtonOf(card)).toBeUndefined();
  });

  it("offers durations and power grades as prefills, not answers", async () => {
    const h = quickCheckHarness();
    const first = await h.say("is this urgent? 50M sciatica R leg, foot drop 4/7, EHL 2/5");
    const s = await session(h);
    expect(s?.answers.foot_drop).toBe(true);
    expect(s?.answers.motor_onset_weeks).toBeUndefined();
    expect(s?.answers.motor_power_grade).toBeUndefined();
    expect(s?.suggestions.motor_onset_weeks?.value).toBeCloseTo(4 / 7, 2);
    expect(s?.suggestions.motor_power_grade?.value).toBe(2);
    const asked: string[] = [];
    const onset = await walkTo(h, first, "motor_onset_weeks", asked);
    expect(onset, `asked: ${asked.join(", ")}`).toBeDefined();
    expect(onset?.summary).toContain('You mentioned "foot drop 4/7"');
    expect(onset && confirmButtonOf(onset)?.data.questionId).toBe("motor_onset_weeks");
  });

  it("answers nothing from 'no red flags'", async () => {
    const h = quickCheckHarness();
    await h.say("is this urgent APP? 40M LBP 2/52, no red flags");
    const s = await session(h);
    expect(s?.answers).toEqual({});
    expect(Object.keys(s?.suggestions ?? {}).sort()).toEqual(["age", "body_area"]);
  });
});

describe("quick check: corrections", () => {
  it("'no, not saddle' removes the noted finding and the route is worked out again", async () => {
    const h = quickCheckHarness();
    await h.say(CES_QUERY);
    expect((await session(h))?.answers.saddle_anaesthesia).toBe(true);
    const replies = await h.say("no, not saddle");
    expect(textOf(replies)).toMatch(/Removed from the noted findings: saddle/i);
    const s = await session(h);
    expect(s?.answers.saddle_anaesthesia).toBeUndefined();
    const noted = textOf(replies)
      .split("\n")
      .filter((l) => l.startsWith("I noted:"));
    for (const line of noted) expect(line).not.toMatch(/saddle/i);
  });
});

describe("quick check: patient identifiers", () => {
  const NHS = "943 476 5919";
  const IDENTIFIERS = [
    NHS,
    "9434765919",
    "12/03/1961",
    "07700 900123",
    "j.smith@example.com",
    "E1 6AN",
    "Smith",
  ];
  const RAW = `is this urgent APP? Mr Smith NHS ${NHS} DOB 12/03/1961, tel 07700 900123, j.smith@example.com, E1 6AN. 63M LBP 2/52 new saddle numbness, no bladder sx`;

  it("says it does not need them, and stores and logs nothing of the raw text", async () => {
    expect(isValidNhsNumber(NHS.replace(/ /g, ""))).toBe(true);
    const h = quickCheckHarness();
    const first = await h.say(RAW);
    expect(textOf(first)).toContain(IDENTIFIER_NOTICE);
    // The findings were still read.
    expect(outcomesOf(first)[0]?.route).toBe("ED_NOW");
    // Carry on to the end so every stored version of the session is looked at.
    await walkTo(h, first, "never-asked");
    await h.say("help");

    const kept = `${await h.stored()}\n${h.logLines.join("\n")}`;
    for (const id of IDENTIFIERS) expect(kept).not.toContain(id);
    expect(kept).not.toContain(RAW);
    expect(kept).not.toContain("is this urgent APP?");
    expect(kept).not.toContain("tel ");
  });
});

describe("quick check: a question with clinical content", () => {
  it("starts a triage pre-filled, without the word 'triage'", async () => {
    const h = quickCheckHarness();
    const replies = await h.say("what do you think, 60F neck pain with clumsy hands and unsteady gait?");
    expect(textOf(replies)).toMatch(/I noted: .*(myelopathy|clumsy|hand)/i);
    expect(textOf(replies)).toMatch(/gait|walking|balance/i);
    const s = await session(h);
    expect(s?.how.myelopathy_signs).toBe("noted");
    expect(s?.how.gait_disturbance).toBe("noted");
    expect(lastQuestion(replies) ?? outcomesOf(replies)[0]).toBeDefined();
  });

  it("a message with no clinical content does not start one", async () => {
    const h = quickCheckHarness();
    await h.say("what time is it?");
    expect(await session(h)).toBeUndefined();
  });
});
