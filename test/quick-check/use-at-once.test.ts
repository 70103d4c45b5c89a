import { describe, expect, it } from "vitest";
import { applyExtraction, newSession } from "../../dialogs/session.js";
import { usableAtOnce } from "../../rules/extract/index.js";

describe("what the quick check may use without asking (principle 3, docs/clinical-rules.md)", () => {
  it("uses a yes or an unsure to a yes/no finding", () => {
    expect(usableAtOnce("saddle_anaesthesia", true)).toBe(true);
    expect(usableAtOnce("night_pain", "unsure")).toBe(true);
  });

  it("never a no, a number or a body area", () => {
    expect(usableAtOnce("bladder_bowel_dysfunction", false)).toBe(false);
    expect(usableAtOnce("age", 75)).toBe(false);
    expect(usableAtOnce("ces_symptom_weeks", 3)).toBe(false);
    expect(usableAtOnce("motor_power_grade", 4)).toBe(false);
    expect(usableAtOnce("body_area", "limb")).toBe(false);
    expect(usableAtOnce("age", "unsure")).toBe(false);
  });

  it("a misread age waits for confirmation instead of skipping the cancer question", () => {
    // "30 yrs smoker, 75 yo" once gave age 30, which would have kept "do you suspect cancer?" unasked.
    const s = applyExtraction(newSession("NEL"), {
      findings: { age: 30, body_area: "lumbar", night_pain: true },
      evidence: { age: "30 yrs", body_area: "lbp", night_pain: "night pain" },
    });
    expect(s.answers).toEqual({ night_pain: true });
    expect(s.suggestions.age).toEqual({ value: 30, evidence: "30 yrs" });
  });
});
