import { describe, expect, it } from "vitest";
import { extractFindings } from "../../rules/extract/index.js";

// Tricky cases of free-text extraction: negation scope, blanket statements, duration binding.

const f = (text: string) => extractFindings(text).findings;

describe("negation and doubt", () => {
  it("carries a negator through a list closed by 'or'", () => {
    expect(f("no saddle numbness, retention or incontinence")).toMatchObject({
      saddle_anaesthesia: false,
      bladder_bowel_dysfunction: false,
    });
  });

  it("stops a negator at a clause break", () => {
    expect(f("no bladder sx. saddle numbness")).toMatchObject({
      bladder_bowel_dysfunction: false,
      saddle_anaesthesia: true,
    });
    expect(f("no saddle anaesthesia but new retention")).toMatchObject({
      saddle_anaesthesia: false,
      bladder_bowel_dysfunction: true,
    });
    expect(f("no retention, sciatica R leg 8/52")).toMatchObject({
      bladder_bowel_dysfunction: false,
      radiculopathy: true,
    });
  });

  it("reads denial and answers after the finding", () => {
    expect(f("denies saddle anaesthesia").saddle_anaesthesia).toBe(false);
    expect(f("bladder and bowels normal").bladder_bowel_dysfunction).toBe(false);
    expect(f("saddle sensation intact").saddle_anaesthesia).toBe(false);
    expect(f("no saddle sensation").saddle_anaesthesia).toBe(true);
  });

  it("reads doubt", () => {
    expect(f("?foot drop").foot_drop).toBe("unsure");
    expect(f("possible fracture").suspected_fracture).toBe("unsure");
    expect(f("not sure if it's a fracture").suspected_fracture).toBe("unsure");
  });

  it("reads a query on a suspicion as the suspicion itself, unless the words say they do not know", () => {
    // "Do you suspect ...?" is what the *_suspected questions ask; "?mets" answers it with yes.
    expect(f("known breast ca, ?mets")).toMatchObject({ cancer_history: true, malignancy_suspected: true });
    expect(f("?discitis").infection_suspected).toBe(true);
    expect(f("not sure if it's discitis").infection_suspected).toBe("unsure");
  });

  it("keeps doubt to the finding it stands by", () => {
    expect(f("septic arthritis? red hot swollen ankle")).toMatchObject({
      infection_suspected: true,
      hot_swollen_joint: true,
    });
    expect(f("?foot drop, weakness").motor_weakness).toBe(true);
  });

  it("never lets a blanket statement answer a specific question", () => {
    for (const text of [
      "no red flags",
      "nil RF",
      "no concerns",
      "neuro intact",
      "no CES sx",
      "no red flag symptoms",
    ]) {
      expect(f(text), text).toEqual({});
    }
    expect(f("nil RF, saddle numbness").saddle_anaesthesia).toBe(true);
  });

  it("treats a CES suspicion as doubt about both core symptoms", () => {
    for (const text of ["?CES", "query cauda equina", "CES sx"]) {
      expect(f(text), text).toEqual({ saddle_anaesthesia: "unsure", bladder_bowel_dysfunction: "unsure" });
    }
  });
});

describe("duration binding", () => {
  it("ties 'LBP 3/52' to the back pain, not to saddle numbness", () => {
    const r = extractFindings("58M, LBP 3/52, new saddle numbness");
    expect(r.findings.ces_symptom_weeks).toBeUndefined();
    expect(r.context.painWeeks).toBe(3);
    expect(r.findings).toMatchObject({
      age: 58,
      body_area: "lumbar",
      saddle_anaesthesia: true,
      ces_worsening: true,
    });
  });

  it("ties a duration to the CES symptom it follows or precedes", () => {
    expect(f("saddle numbness for 3 days").ces_symptom_weeks).toBeCloseTo(3 / 7, 3);
    expect(f("saddle numbness 3/7").ces_symptom_weeks).toBeCloseTo(3 / 7, 3);
    expect(f("3/7 hx of saddle numbness").ces_symptom_weeks).toBeCloseTo(3 / 7, 3);
  });

  it("ties durations to weakness and foot drop", () => {
    expect(f("weakness 2/52").motor_onset_weeks).toBe(2);
    expect(f("foot drop 10 weeks").motor_onset_weeks).toBe(10);
    expect(f("drop foot 3/12").motor_onset_weeks).toBe(13);
  });
});

describe("numbers", () => {
  it("reads age in the usual shapes", () => {
    for (const [text, age] of [
      ["58M", 58],
      ["62 yo female", 62],
      ["F 45", 45],
      ["aged 71", 71],
    ] as const) {
      expect(f(text).age, text).toBe(age);
    }
  });

  it("reads power grades, and a grade below 5 means weakness", () => {
    expect(f("power 4/5")).toMatchObject({ motor_power_grade: 4, motor_weakness: true });
    expect(f("MRC 3 ankle DF")).toMatchObject({ motor_power_grade: 3, motor_weakness: true });
    expect(f("L4/5 disc").motor_power_grade).toBeUndefined();
  });
});

describe("the quick check's worked example", () => {
  it("reads everything that decides the CES emergency", () => {
    const r = extractFindings("is this urgent APP? 45M LBP 5/7 new saddle numbness + retention");
    expect(r.findings).toEqual({
      age: 45,
      body_area: "lumbar",
      saddle_anaesthesia: true,
      ces_worsening: true,
      bladder_bowel_dysfunction: true,
    });
    expect(r.context.painWeeks).toBeCloseTo(5 / 7, 3);
    expect(r.evidence.saddle_anaesthesia).toBe("new saddle numbness");
  });
});
