import { describe, expect, it } from "vitest";
import { botHarness } from "./harness.js";
import { buttonAnswersOf, cardTextOf, lastOutcome, outcomeOf, questionIdOf } from "./replies.js";
import { click, runSteps, type Step } from "./steps.js";

// Transcript tables through the real bot: the emergency stop, global commands at several points,
// stale and duplicate submits. Card submits carry no text (as in Teams); typed words work too.

const HELP = /How to use the triage/;
const ALREADY_ANSWERED = /already been answered, so nothing was changed/;
const FINISHED = /already finished, so the answer was not used/;

/** The opening of a low-back triage, up to the saddle question. */
const TO_SADDLE: Step[] = [
  ["triage", { asks: "body_area", says: /Question 1: Where is the main problem/ }],
  ["lower back", { asks: "age", says: /Question 2:/ }],
  ["45", { asks: "saddle_anaesthesia", says: /Question 3:/ }],
];

/** Saddle numbness, nothing else of CES, up to the duration question. */
const TO_WEEKS: Step[] = [
  ...TO_SADDLE,
  [click("saddle_anaesthesia", "yes"), { asks: "bladder_bowel_dysfunction", noOutcome: true }],
  ["no", { asks: "sexual_dysfunction" }],
  ["nope", { asks: "bilateral_leg_symptoms" }],
  ["n", { asks: "ces_symptom_weeks" }],
];

describe("ED via CES: an emergency answer ends the red-flag questions at once", () => {
  it("saddle numbness for 10 days shows ED now, asks only cancer history (MSCC check), then ends", async () => {
    const bot = botHarness();
    const turns = await runSteps(bot, [
      ...TO_WEEKS,
      // principle 4 (docs/clinical-rules.md): the emergency is shown now; the one question left could switch it to MSCC.
      ["10 days", { outcome: "ED_NOW", asks: "cancer_history", replies: 2 }],
      [click("cancer_history", "no"), { outcome: "ED_NOW", noQuestion: true, replies: 1 }],
      // Finished: a further typed answer is not taken as an answer to anything.
      ["yes", { noQuestion: true, noOutcome: true, says: HELP }],
    ]);
    // The early outcome comes before the question, so the clinician sees the emergency first.
    const early = turns[7] ?? [];
    expect(outcomeOf(early[0] ?? {})?.route).toBe("ED_NOW");
    expect(questionIdOf(early[1] ?? {})).toBe("cancer_history");
  });

  it("known cancer switches the emergency to the MSCC co-ordinator", async () => {
    const bot = botHarness();
    await runSteps(bot, [
      ...TO_WEEKS,
      ["0", { outcome: "ED_NOW", asks: "cancer_history" }],
      ["yes", { outcome: "MSCC_COORDINATOR", noQuestion: true }],
    ]);
  });

  it("going back and giving the emergency answer again shows the emergency again", async () => {
    const bot = botHarness();
    await runSteps(bot, [
      ...TO_WEEKS,
      ["0", { outcome: "ED_NOW", asks: "cancer_history" }],
      ["back", { asks: "ces_symptom_weeks", noOutcome: true }],
      ["1", { outcome: "ED_NOW", asks: "cancer_history" }],
    ]);
  });

  it("the outcome message carries the mskTriageOutcome entity and an Adaptive Card", async () => {
    const bot = botHarness();
    const turns = await runSteps(bot, [
      ...TO_WEEKS,
      ["0", { asks: "cancer_history" }],
      ["no", { outcome: "ED_NOW" }],
    ]);
    const final = turns.at(-1)?.[0] ?? {};
    expect(outcomeOf(final)).toEqual({
      type: "mskTriageOutcome",
      route: "ED_NOW",
      urgency: "emergency",
      rules: expect.arrayContaining([expect.objectContaining({ id: "R02", source: expect.any(String) })]),
      additional: expect.any(Array),
      rulesVersion: bot.pack.rulesVersion,
    });
    expect(final.attachments?.[0]?.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(final.text).toMatch(/Emergency/);
  });
});

describe("global commands", () => {
  const cases: Array<[name: string, steps: Step[]]> = [
    ["help before any triage", [["help", { says: HELP, noQuestion: true }]]],
    [
      "help mid-triage keeps the question open",
      [
        ...TO_SADDLE,
        ["help", { says: HELP, noQuestion: true, replies: 1 }],
        ["yes", { asks: "bladder_bowel_dysfunction" }],
      ],
    ],
    [
      "restart mid-triage starts again at question 1",
      [
        ...TO_SADDLE,
        ["restart", { says: /Starting the triage again[\s\S]*Question 1:/, asks: "body_area" }],
        ["neck", { asks: "age", says: /Question 2:/ }],
      ],
    ],
    [
      // A button without this triage's stamp (an old card, or the welcome card) must not wipe it;
      // the stamped Restart of the live card is in stamps.test.ts.
      "an unstamped restart button mid-triage is turned away",
      [
        ...TO_SADDLE,
        [
          { type: "message", value: { command: "restart" } },
          { says: /A triage is in progress.*type 'restart'/i, noQuestion: true, replies: 1 },
        ],
        ["yes", { asks: "bladder_bowel_dysfunction" }],
      ],
    ],
    [
      "back re-asks the previous question, then carries on",
      [...TO_SADDLE, ["back", { asks: "age", noOutcome: true }], ["50", { asks: "saddle_anaesthesia" }]],
    ],
    [
      "back twice reaches the first question",
      [
        ...TO_SADDLE,
        ["back", { asks: "age" }],
        ["go back", { asks: "body_area" }],
        ["neck", { asks: "age" }],
      ],
    ],
    ["back on the first question asks it again", [TO_SADDLE[0] as Step, ["back", { asks: "body_area" }]]],
    [
      "back after an early emergency outcome re-asks the duration",
      [
        ...TO_WEEKS,
        ["0", { outcome: "ED_NOW", asks: "cancer_history" }],
        ["back", { asks: "ces_symptom_weeks" }],
      ],
    ],
    [
      "cancel ends the triage; later answers and back find none running",
      [
        ...TO_SADDLE,
        ["cancel", { says: /Triage cancelled/, noQuestion: true }],
        ["yes", { noQuestion: true, noOutcome: true }],
        ["back", { says: /no triage running/, noQuestion: true }],
        [click("saddle_anaesthesia", "yes"), { says: FINISHED, noQuestion: true }],
        ["triage", { asks: "body_area" }],
      ],
    ],
    ["cancel with no triage running", [["cancel", { says: /no triage running/ }]]],
  ];

  it.each(cases)("%s", async (_name, steps) => {
    await runSteps(botHarness(), steps);
  });
});

describe("typed answers", () => {
  // Each row: the steps to reach a question, what is typed, and the answer the card records.
  const cases: Array<[typedWords: string, recorded: string, next: string, before: Step[]]> = [
    ["lower back", "Lower back", "age", [TO_SADDLE[0] as Step]],
    ["neck", "Neck", "age", [TO_SADDLE[0] as Step]],
    ["Knee", "A joint or soft tissue of a limb", "age", [TO_SADDLE[0] as Step]],
    ["yes", "Yes", "bladder_bowel_dysfunction", TO_SADDLE],
    ["Nope.", "No", "bladder_bowel_dysfunction", TO_SADDLE],
    ["not sure", "Not sure", "bladder_bowel_dysfunction", TO_SADDLE],
    ["58", "58 years", "saddle_anaesthesia", TO_SADDLE.slice(0, 2)],
  ];

  it.each(cases)("%j is read as %s", async (words, recorded, next, before) => {
    const bot = botHarness();
    await runSteps(bot, [...before, [words, { asks: next }]]);
    expect(cardTextOf(bot.adapter.updates.at(-1) ?? {})).toMatch(new RegExp(`Answer: ${recorded}$`));
  });

  it.each([
    ["three weeks", "21 days"],
    ["10 days", "10 days"],
    ["20", "20 days"],
  ])("a duration typed as %j is recorded as %s (asked in days)", async (words, recorded) => {
    const bot = botHarness();
    await runSteps(bot, [
      ...TO_WEEKS,
      [words, { noOutcome: words === "three weeks" || words === "20" ? true : undefined }],
    ]);
    expect(cardTextOf(bot.adapter.updates.at(-1) ?? {})).toMatch(new RegExp(`Answer: ${recorded}$`));
  });

  const unreadable: Array<[words: string, before: Step[], question: string]> = [
    ["sort of", TO_SADDLE, "saddle_anaesthesia"],
    ["yes and no", TO_SADDLE, "saddle_anaesthesia"],
    ["3", TO_SADDLE, "saddle_anaesthesia"],
    ["lower", [TO_SADDLE[0] as Step], "body_area"],
    ["200", TO_SADDLE.slice(0, 2), "age"],
    ["about forty", TO_SADDLE.slice(0, 2), "age"],
    ["-4", TO_SADDLE.slice(0, 2), "age"],
  ];

  it.each(unreadable)(
    "%j is not guessed: the same question comes back with its options",
    async (words, before, q) => {
      const bot = botHarness();
      await runSteps(bot, before);
      const updatesBefore = bot.adapter.updates.length;
      const [retry] = await runSteps(bot, [
        [words, { asks: q, says: /could not read that answer[\s\S]*Answer: /, replies: 1, noOutcome: true }],
      ]);
      // Nothing was recorded: no answered card, and the same question number is shown again.
      expect(bot.adapter.updates).toHaveLength(updatesBefore);
      expect(retry?.[0]?.text).toMatch(new RegExp(`Question ${before.length}:`));
      if (q === "saddle_anaesthesia")
        expect(buttonAnswersOf(retry?.[0] ?? {})).toEqual(["yes", "no", "unsure"]);
    },
  );
});

describe("stale and repeated messages", () => {
  it("a click on an earlier question's card says already answered and changes nothing", async () => {
    const bot = botHarness();
    await runSteps(bot, TO_SADDLE);
    const updates = bot.adapter.updates.length;
    await runSteps(bot, [
      [click("body_area", "limb"), { says: ALREADY_ANSWERED, noQuestion: true, noOutcome: true, replies: 1 }],
      [click("age", "90"), { says: ALREADY_ANSWERED, replies: 1 }],
      // The open question is still the saddle one, numbered as before.
      ["yes", { asks: "bladder_bowel_dysfunction", says: /Question 4:/ }],
    ]);
    expect(bot.adapter.updates).toHaveLength(updates + 1);
    expect(cardTextOf(bot.adapter.updates.at(-1) ?? {})).toMatch(/^Question 3\n.*\nAnswer: Yes$/);
  });

  it("a click after the triage finished is turned away", async () => {
    const bot = botHarness();
    await runSteps(bot, [
      ["triage", { asks: "body_area" }],
      ["knee", { asks: "age" }],
      ["15", {}],
    ]);
    // Paediatric ends quickly; play on until the outcome whatever is asked.
    let replies = await bot.say("no");
    for (let i = 0; i < 40 && !lastOutcome(replies); i++) replies = await bot.say("no");
    expect(lastOutcome(replies)?.route).toBe("PAEDIATRIC");
    await runSteps(bot, [
      [click("age", "40"), { says: FINISHED, noOutcome: true, noQuestion: true, replies: 1 }],
      [click("body_area", "lumbar"), { says: FINISHED, replies: 1 }],
    ]);
  });

  it("the same activity id twice gets one set of replies (Teams resend, double click)", async () => {
    const bot = botHarness();
    await runSteps(bot, [
      [{ type: "message", id: "m1", text: "triage" }, { asks: "body_area" }],
      [{ type: "message", id: "m2", text: "lower back" }, { asks: "age" }],
      [{ type: "message", id: "m2", text: "lower back" }, { replies: 0 }],
      [
        { type: "message", id: "m3", value: { questionId: "age", answer: "45" } },
        { asks: "saddle_anaesthesia" },
      ],
      [{ type: "message", id: "m3", value: { questionId: "age", answer: "45" } }, { replies: 0 }],
      [
        { type: "message", id: "m4", text: "yes" },
        { asks: "bladder_bowel_dysfunction", says: /Question 4:/ },
      ],
    ]);
  });

  it("an answered question card is replaced in place, without its buttons", async () => {
    const bot = botHarness();
    const [first] = await runSteps(bot, [["triage", { asks: "body_area" }]]);
    const cardId = first?.[0]?.id;
    expect(cardId).toBeTruthy();
    await runSteps(bot, [[click("body_area", "cervical"), { asks: "age" }]]);
    expect(bot.adapter.updates).toHaveLength(1);
    const replaced = bot.adapter.updates[0] ?? {};
    expect(replaced.id).toBe(cardId);
    expect(cardTextOf(replaced)).toBe("Question 1\nWhere is the main problem?\nAnswer: Neck");
    expect(questionIdOf(replaced)).toBeUndefined();
    expect(replaced.attachments?.[0]?.contentType).toBe("application/vnd.microsoft.card.adaptive");
  });
});
