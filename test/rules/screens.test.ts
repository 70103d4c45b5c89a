import { describe, expect, it } from "vitest";
import { decide } from "../../rules/engine/decide.js";
import { nextQuestion } from "../../rules/engine/next-question.js";
import { answerScreen } from "../../rules/engine/screen-answer.js";
import type { Screen } from "../../rules/outcome.js";
import { loadPack } from "../../rules/packs/index.js";
import type { Findings } from "../../rules/vocabulary.js";

// Screens: related yes/no findings on one card. The core says which screen comes next and what an
// answer to it means; channels only render it.

const pack = loadPack("NEL");
const adultBack: Findings = { body_area: "lumbar", age: 45 };

/** "None of these" on a screen, as the clinician would answer it. */
function none(screenId: string): Findings {
  const step = pack.data.flow.find((s) => "screen" in s && s.screen === screenId);
  if (!step || !("items" in step)) throw new Error(`no screen ${screenId}`);
  return Object.fromEntries(step.items.map((id) => [id, false])) as Findings;
}

/** A lower back with every screen before this one answered "None of these". */
function noneUpTo(screenId: string): Findings {
  let f: Findings = { ...adultBack, cancer_history: false };
  for (const step of pack.data.flow) {
    if (!("screen" in step)) continue;
    if (step.screen === screenId) return f;
    f = { ...none(step.screen), ...f };
  }
  throw new Error(`no screen ${screenId}`);
}

function decideRoute(f: Findings): string {
  return decide(pack, f, { today: "2026-01-01" }).route;
}

function screenAfter(f: Findings): Screen {
  const next = nextQuestion(pack, f);
  if (next.done || next.kind !== "screen") throw new Error(`expected a screen, got ${JSON.stringify(next)}`);
  return next.screen;
}

describe("screens", () => {
  it("asks the cauda equina screen first for a back, listing all four items", () => {
    const s = screenAfter(adultBack);
    expect(s.id).toBe("ces");
    expect(s.items.map((q) => q.id)).toEqual([
      "saddle_anaesthesia",
      "bladder_bowel_dysfunction",
      "sexual_dysfunction",
      "bilateral_leg_symptoms",
    ]);
  });

  it("an item answered yes or unsure earlier leaves its screen; the screen stays for the rest", () => {
    const s = screenAfter({ ...adultBack, sexual_dysfunction: "unsure" });
    expect(s.items.map((q) => q.id)).not.toContain("sexual_dysfunction");
    expect(s.items).toHaveLength(3);
  });

  it("asks the neurology screen for a limb, myelopathy included, but not the cauda equina screen", () => {
    const s = screenAfter({ body_area: "limb", age: 45, cancer_history: false });
    expect(s.id).toBe("neuro");
    expect(s.items.map((q) => q.id)).toContain("myelopathy_signs");
  });

  it("asks the cauda equina screen next when spinal context first arises in a limb case", () => {
    const f: Findings = { body_area: "limb", age: 45, cancer_history: false, radiculopathy: true };
    expect(screenAfter(f).id).toBe("ces");
  });

  it("lists a child's red flag straight after age, for under 16 or an unsure age only", () => {
    for (const age of [9, "unsure"] as const) {
      const next = nextQuestion(pack, { body_area: "limb", age });
      expect(next.done || next.kind !== "question" ? undefined : next.question.id).toBe("child_red_flag");
    }
    const adult = nextQuestion(pack, { body_area: "limb", age: 16 });
    expect(adult.done || adult.kind !== "question" ? "screen" : adult.question.id).not.toBe("child_red_flag");
  });

  it("asks a raised concern alone, naming the facts that raised it", () => {
    const f: Findings = {
      ...adultBack,
      saddle_anaesthesia: false,
      bladder_bowel_dysfunction: false,
      sexual_dysfunction: false,
      bilateral_leg_symptoms: false,
      cancer_history: false,
      motor_weakness: false,
      foot_drop: false,
      sensory_deficit: false,
      radiculopathy: false,
      gait_disturbance: false,
      gross_functional_deficit: false,
      myelopathy_signs: false,
      fever_or_unwell: true,
      infection_risk: false,
    };
    const next = nextQuestion(pack, f);
    if (next.done || next.kind !== "question") throw new Error("expected a question");
    expect(next.question.id).toBe("infection_suspected");
    expect(next.question.text).toMatch(/^You noted: Fever/);
  });

  // Past cancer, low back pain, night pain unsure, nothing else: the cancer-pathway rule already
  // holds, so a "yes" to the cancer concern alone could not move the route.
  const pastCancerNightPain: Findings = {
    ...noneUpTo("concern"),
    age: 69,
    cancer_history: true,
    under_oncology: false,
    night_pain: "unsure",
  };

  it("a raised concern that could not move the route waits in the concern screen, which names the facts", () => {
    const next = nextQuestion(pack, pastCancerNightPain);
    if (next.done || next.kind !== "screen")
      throw new Error(`expected a screen, got ${JSON.stringify(next)}`);
    expect(next.screen.id).toBe("concern");
    expect(next.screen.items.map((q) => q.id)).toContain("malignancy_suspected");
    expect(next.screen.why).toMatch(/^You noted: Cancer history, non-mechanical or night pain\./);
  });

  it("skips the referral criteria when no answer to them could change the route or its urgency", () => {
    const f = { ...pastCancerNightPain, ...none("concern") };
    expect(nextQuestion(pack, f)).toEqual({ done: true, reason: "complete" });
    expect(decideRoute(f)).toBe("CANCER_PATHWAY");
  });

  it("asks the referral criteria when one could still change the route", () => {
    // No red flag: the criteria decide the tier.
    expect(screenAfter({ ...noneUpTo("referral"), age: 45 }).id).toBe("referral");
    // Weakness of unknown grade reaches urgent APP only through an unsure answer, so a certain
    // urgent-physiotherapy criterion at the same urgency would lead (certainty before order).
    const weakness: Findings = {
      ...noneUpTo("referral"),
      age: 45,
      motor_weakness: true,
      radiculopathy: true,
      motor_power_grade: "unsure",
      motor_onset_weeks: 12,
      neuro_progressing: false,
    };
    expect(decideRoute(weakness)).toBe("URGENT_APP");
    expect(screenAfter(weakness).id).toBe("referral");
    expect(decideRoute({ ...weakness, recent_injury: true })).toBe("URGENT_PHYSIO");
  });

  it("stops on a certain emergency without listing the rest (after the cancer history)", () => {
    const f: Findings = { ...adultBack, saddle_anaesthesia: true, ces_worsening: true };
    const next = nextQuestion(pack, f);
    expect(next.done ? "done" : next.kind === "question" ? next.question.id : next.screen.id).toBe(
      "cancer_history",
    );
    expect(nextQuestion(pack, { ...f, cancer_history: false })).toEqual({ done: true, reason: "emergency" });
  });

  it("asks 'Not sure' items one by one before anything else", () => {
    const next = nextQuestion(pack, adultBack, { oneByOne: ["sexual_dysfunction"] });
    expect(next.done || next.kind !== "question" ? undefined : next.question.id).toBe("sexual_dysfunction");
  });
});

describe("what an answer to a screen means", () => {
  const screen = screenAfter(adultBack);

  it("ticked items are yes whichever button is pressed", () => {
    for (const button of ["none", "these", "unsure"] as const) {
      const r = answerScreen(screen, button, ["saddle_anaesthesia"]);
      expect(r.ok && r.findings.saddle_anaesthesia).toBe(true);
    }
  });

  it("'None of these' and 'These' make the rest no; 'Not sure' leaves them to be asked one by one", () => {
    expect(answerScreen(screen, "none", [])).toEqual({
      ok: true,
      findings: {
        saddle_anaesthesia: false,
        bladder_bowel_dysfunction: false,
        sexual_dysfunction: false,
        bilateral_leg_symptoms: false,
      },
      oneByOne: [],
    });
    const these = answerScreen(screen, "these", ["bilateral_leg_symptoms"]);
    expect(these.ok && these.findings.saddle_anaesthesia).toBe(false);
    const unsure = answerScreen(screen, "unsure", ["saddle_anaesthesia"]);
    expect(unsure).toEqual({
      ok: true,
      findings: { saddle_anaesthesia: true },
      oneByOne: ["bladder_bowel_dysfunction", "sexual_dysfunction", "bilateral_leg_symptoms"],
    });
  });

  it("refuses 'These' with nothing ticked, and ids that are not on the screen", () => {
    expect(answerScreen(screen, "these", []).ok).toBe(false);
    expect(answerScreen(screen, "none", ["motor_weakness"]).ok).toBe(false);
    expect(answerScreen(screen, "none", ["1"]).ok).toBe(false);
  });
});
