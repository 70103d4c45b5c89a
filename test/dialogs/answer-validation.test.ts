import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answerSchema, fitsQuestion } from "../../dialogs/answer-schema.js";
import { parseSubmittedAnswer, parseTypedAnswer } from "../../dialogs/answers.js";
import type { Question } from "../../rules/outcome.js";
import { loadPack } from "../../rules/packs/index.js";
import { REGIONS } from "../../rules/vocabulary.js";
import { botHarness } from "./harness.js";
import { lastQuestion, textOf } from "./replies.js";

// A value that does not fit its question is never an answer: a number to a yes/no question, a
// number or an unknown word for the body area, a grade off the scale. Every such submit is refused
// and the same question asked again.

const packs = REGIONS.map((r) => loadPack(r));
const questions: Question[] = packs.flatMap((p) => p.questions.map((q) => q.public));
const SEED = 20261203;

/** Anything a client could put in `answer`: JSON values of every kind, plus near-misses. */
const rawAnswer = fc.oneof(
  fc.jsonValue(),
  fc.double(),
  fc.integer({ min: -5, max: 200 }),
  fc.constantFrom(0, 1, 0.5, 99, -1, 5.5, "1", "0", "yes", "no", "unsure", "lumbar", "limb", "", " ", "YES"),
  fc.string({ maxLength: 30 }),
);

describe("answer schemas, one per kind of question", () => {
  it("every question in every pack has a schema that takes 'unsure'", () => {
    for (const q of questions) expect(fitsQuestion(q, "unsure"), q.id).toBe(true);
  });

  it("a yes/no question takes only yes, no and unsure", () => {
    const bool = questions.filter((q) => q.type === "bool");
    for (const q of bool) {
      for (const v of [1, 0, 0.5, 99, true, false, "y", "lumbar", null])
        expect(fitsQuestion(q, v)).toBe(false);
      expect(fitsQuestion(q, "yes") && fitsQuestion(q, "no")).toBe(true);
    }
  });

  it("a choice takes only its own values; a number takes only numbers in range", () => {
    const area = questions.find((q) => q.id === "body_area") as Question;
    expect(fitsQuestion(area, 3)).toBe(false);
    expect(fitsQuestion(area, "elbow")).toBe(false);
    expect(fitsQuestion(area, "lumbar")).toBe(true);
    const grade = questions.find((q) => q.id === "motor_power_grade") as Question;
    expect([6, -1, 3.5, "3", Number.NaN].map((v) => fitsQuestion(grade, v))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(fitsQuestion(grade, 3)).toBe(true);
  });

  it("property: whatever is submitted or typed, a reading that is accepted fits its question", () => {
    fc.assert(
      fc.property(fc.constantFrom(...questions), rawAnswer, (q, raw) => {
        for (const p of [
          parseSubmittedAnswer(q, raw),
          parseTypedAnswer(q, typeof raw === "string" ? raw : String(raw)),
        ]) {
          if (p.ok) expect(answerSchema(q).safeParse(p.value).success).toBe(true);
        }
        if (q.type !== "number" && typeof raw === "number")
          expect(parseSubmittedAnswer(q, raw).ok).toBe(false);
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });
});

/** Answers valid values (lower back, age 60, screens "none of these", otherwise no) until `id` is asked. */
async function walkTo(h: ReturnType<typeof botHarness>, id: string) {
  let replies = await h.say("triage");
  for (let i = 0; i < 20; i++) {
    const at = lastQuestion(replies);
    if (at === id) return replies;
    const answer =
      at === "body_area" ? "lumbar" : at === "age" ? "60" : at?.startsWith("screen:") ? "none" : "no";
    replies = await h.submit({ questionId: at, answer });
  }
  throw new Error(`${id} was never asked`);
}

describe("in a conversation, a misfitting submit is refused and the question asked again", () => {
  // Saddle numbness is now asked inside the cauda equina screen; cancer history is a yes/no question asked alone.
  it.each([1, 0, 0.5, 99])("a yes/no question answered with %j is not stored as 'No'", async (n) => {
    const h = botHarness();
    let replies = await walkTo(h, "cancer_history");
    const q = "cancer_history";
    const before = h.adapter.updates.length;
    replies = await h.submit({ questionId: q, answer: n });
    expect(lastQuestion(replies)).toBe(q);
    expect(textOf(replies) + JSON.stringify(replies)).toMatch(
      /did not catch that as an answer|could not read that answer/,
    );
    expect(h.adapter.updates.length).toBe(before); // no "answered" card
  });

  it("a number for the body area does not skip the cauda equina questions", async () => {
    const h = botHarness();
    let replies = await h.say("triage");
    expect(lastQuestion(replies)).toBe("body_area");
    replies = await h.submit({ questionId: "body_area", answer: 3 });
    expect(lastQuestion(replies)).toBe("body_area");
  });

  it("property: for every kind of question, random submits never move the triage on unless they fit", async () => {
    const kinds = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        rawAnswer,
        fc.array(fc.constantFrom("yes", "no", "unsure", "lumbar", "limb", "3", "60", "none"), {
          maxLength: 6,
        }),
        async (raw, path) => {
          const h = botHarness();
          let replies = await h.say("triage");
          // Walk a random distance into the triage with valid answers, then send the random one.
          for (const step of path) {
            const id = lastQuestion(replies);
            if (!id) return;
            replies = await h.submit({ questionId: id, answer: step });
          }
          const id = lastQuestion(replies);
          // Screens (checklists) have their own answers, checked by their own prompt.
          const q = id ? h.pack.questionById.get(id as never)?.public : undefined;
          if (!id || !q) return;
          kinds.add(q.type);
          const before = h.adapter.updates.length;
          replies = await h.submit({ questionId: id, answer: raw });
          // An oracle independent of the parser: only text can answer a yes/no or a choice question,
          // and a number question takes a number in its range (or text to be read).
          const mayFit =
            typeof raw === "string" ||
            (q.type === "number" && typeof raw === "number" && fitsQuestion(q, raw));
          if (!mayFit || !parseSubmittedAnswer(q, raw).ok) {
            expect(lastQuestion(replies)).toBe(id);
            expect(h.adapter.updates.length).toBe(before);
          }
          expect(h.errors).toEqual([]);
        },
      ),
      { seed: SEED, numRuns: 150 },
    );
    expect([...kinds].sort()).toEqual(["bool", "choice", "number"]);
  });
});
