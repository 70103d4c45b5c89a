import { describe, expect, it } from "vitest";
import { botHarness } from "./harness.js";
import { buttonAnswersOf, cardTextOf, lastOutcome, outcomeOf, questionIdOf } from "./replies.js";
import { click, runSteps, type Step, screen } from "./steps.js";

// Transcript tables through the real bot: the emergency stop, global commands at several points,
// stale and duplicate submits. Card submits carry no text (as in Teams); typed words work too.

const HELP = /How to use the triage/;
const ALREADY_ANSWERED = /already been answered, so nothing was changed/;
const FINISHED = /already finished, so the answer was not used/;

/** The opening of a low-back triage, up to the saddle question. */
const TO_SADDLE: Step[] = [
  ["triage", { asks: "body_area", says: /Question 1: Where is the main problem/ }],
  ["lower back", { asks: "age", says: /Question 2:/ }],
  ["45", { asks: "screen:ces", says: /Question 3:/ }],
];

/** The cauda equina screen answered "None of these": the cancer question comes next. */
const TO_CANCER: Step[] = [...TO_SADDLE, ["none", { asks: "cancer_history", says: /Question 4:/ }]];

/** Saddle numbness, nothing else of CES, up to the duration question. */
const TO_WEEKS: Step[] = [
  ...TO_SADDLE,
  [screen("ces", "these", ["saddle_anaesthesia"]), { asks: "ces_symptom_weeks", noOutcome: true }],
];

describe("ED via CES: an emergency answer ends the red-flag questions at once", () => {
  it("saddle numbness for 10 days shows ED now, asks only cancer history (MSCC check), then ends", async () => {
    const bot = botHarness();
    const turns = await runSteps(bot, [
      ...TO_WEEKS,
      // principle 4 (docs/clinical-rules.md): the emergency is shown now; the one question left could switch it to MSCC.
      // One message: the emergency card carries the question, so the action stays in view.
      ["10 days", { outcome: "ED_NOW", asks: "cancer_history", replies: 1 }],
      // The final outcome replaces that card in place: no new message.
      [click("cancer_history", "no"), { outcome: "ED_NOW", noQuestion: true, replies: 0 }],
      // Finished: a further typed answer is not taken as an answer to anything.
      ["yes", { noQuestion: true, noOutcome: true, says: HELP }],
    ]);
    // The early outcome and its question are one card.
    const early = turns[4] ?? [];
    expect(outcomeOf(early[0] ?? {})?.route).toBe("ED_NOW");
    expect(questionIdOf(early[0] ?? {})).toBe("cancer_history");
    expect(bot.adapter.updates.at(-1)?.id).toBe(early[0]?.id);
  });

  it("known cancer switches the emergency to the MSCC co-ordinator", async () => {
    const bot = botHarness();
    await runSteps(bot, [
      ...TO_WEEKS,
      ["0", { outcome: "ED_NOW", asks: "cancer_history" }],
      ["yes", { outcome: "MSCC_COORDINATOR", noQuestion: true }],
    ]);
    // The replaced card says what changed and that action already taken stands.
    expect(cardTextOf(bot.adapter.updates.at(-1) ?? {})).toMatch(/now .*was .*Action already taken stands/s);
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
    expect(turns.at(-1)).toEqual([]);
    const final = bot.adapter.updates.at(-1) ?? {};
    expect(outcomeOf(final)).toEqual({
      type: "mskTriageOutcome",
      route: "ED_NOW",
      urgency: "emergency",
      rules: expect.arrayContaining([expect.objectContaining({ id: "R02", source: expect.any(String) })]),
      additional: expect.any(Array),
      rulesVersion: bot.pack.rulesVersion,
    });
    expect(final.attachments?.[0]?.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(final.summary).toMatch(/Emergency/);
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
        ["none", { asks: "cancer_history" }],
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
        ["none", { asks: "cancer_history" }],
      ],
    ],
    [
      "back re-asks the previous question, then carries on",
      [...TO_SADDLE, ["back", { asks: "age", noOutcome: true }], ["50", { asks: "screen:ces" }]],
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
        [screen("ces", "these", ["saddle_anaesthesia"]), { says: FINISHED, noQuestion: true }],
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
  const cases: Array<[typedWords: string, recorded: string, next: string | undefined, before: Step[]]> = [
    ["lower back", "Lower back", "age", [TO_SADDLE[0] as Step]],
    ["neck", "Neck", "age", [TO_SADDLE[0] as Step]],
    ["Knee", "A joint or soft tissue of a limb", "age", [TO_SADDLE[0] as Step]],
    ["yes", "Yes", undefined, TO_CANCER],
    ["Nope.", "No", undefined, TO_CANCER],
    ["not sure", "Not sure", undefined, TO_CANCER],
    ["58", "58 years", "screen:ces", TO_SADDLE.slice(0, 2)],
    // A screen typed: "none", "not sure" (one by one), or the items' numbers.
    ["none", "None of these", "cancer_history", TO_SADDLE],
    ["not sure", "the rest one by one", "saddle_anaesthesia", TO_SADDLE],
    ["1", "Yes: .*saddle.*, the rest no", "ces_symptom_weeks", TO_SADDLE],
  ];

  it.each(cases)("%j is read as %s", async (words, recorded, next, before) => {
    const bot = botHarness();
    await runSteps(bot, [...before, [words, next ? { asks: next } : {}]]);
    expect(cardTextOf(bot.adapter.updates.at(-1) ?? {})).toMatch(new RegExp(`Answer: ${recorded}$`));
  });

  it.each([
    ["three weeks", "21 days"],
    ["10 days", "10 days"],
    ["2", "2 days"],
  ])("a duration typed as %j is recorded as %s", async (words, recorded) => {
    const bot = botHarness();
    // Over 14 days is not acute: no outcome yet; 14 days or under is an emergency at once.
    await runSteps(bot, [
      ...TO_WEEKS,
      [words, words === "three weeks" ? { noOutcome: true } : { outcome: "ED_NOW" }],
    ]);
    expect(cardTextOf(bot.adapter.updates.at(-1) ?? {})).toMatch(new RegExp(`Answer: ${recorded}$`));
  });

  const unreadable: Array<[words: string, before: Step[], question: string]> = [
    ["sort of", TO_CANCER, "cancer_history"],
    ["yes and no", TO_CANCER, "cancer_history"],
    ["3", TO_CANCER, "cancer_history"],
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
        [
          words,
          { asks: q, says: /did not catch that as an answer[\s\S]*Answer: /, replies: 1, noOutcome: true },
        ],
      ]);
      // Nothing was recorded: no answered card, and the same question number is shown again.
      expect(bot.adapter.updates).toHaveLength(updatesBefore);
      expect(retry?.[0]?.summary).toMatch(new RegExp(`Question ${before.length}:`));
      if (q === "cancer_history") expect(buttonAnswersOf(retry?.[0] ?? {})).toEqual(["yes", "no", "unsure"]);
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
      // The open card is still the cauda equina screen, numbered as before.
      ["none", { asks: "cancer_history", says: /Question 4:/ }],
    ]);
    expect(bot.adapter.updates).toHaveLength(updates + 1);
    expect(cardTextOf(bot.adapter.updates.at(-1) ?? {})).toMatch(/^Question 3\n.*\nAnswer: None of these$/);
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
      [{ type: "message", id: "m3", value: { questionId: "age", answer: "45" } }, { asks: "screen:ces" }],
      [{ type: "message", id: "m3", value: { questionId: "age", answer: "45" } }, { replies: 0 }],
      [
        { type: "message", id: "m4", text: "none" },
        { asks: "cancer_history", says: /Question 4:/ },
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
