import { describe, expect, it } from "vitest";
import { decide } from "../../rules/engine/decide.js";
import { loadPack } from "../../rules/packs/index.js";

const pack = loadPack("NEL");
const today = "2026-01-01";

describe("the uncertain list (principle 2)", () => {
  it("lists a missing detail that a rule fired on", () => {
    const o = decide(
      pack,
      { age: 40, body_area: "lumbar", saddle_anaesthesia: true, ces_symptom_weeks: 3, cancer_history: false },
      { today },
    );
    expect(o.route).toBe("ED_NOW");
    expect(o.rules[0]).toMatchObject({ id: "R02", onUncertainty: true });
    expect(o.uncertain).toEqual(["ces_worsening"]);
  });

  it("leaves out a missing detail that changed nothing", () => {
    const o = decide(
      pack,
      { age: 40, body_area: "lumbar", saddle_anaesthesia: true, ces_symptom_weeks: 1, cancer_history: false },
      { today },
    );
    expect(o.rules[0]).toMatchObject({ id: "R02", onUncertainty: false });
    expect(o.uncertain).toEqual([]);
  });

  it("always lists an answer of unsure", () => {
    const o = decide(pack, { age: 40, body_area: "limb", night_pain: "unsure" }, { today });
    expect(o.uncertain).toEqual(["night_pain"]);
  });

  it("lists a missing body area when a spinal rule fired because of it", () => {
    const o = decide(pack, { age: 40, acute_severe_pain: true }, { today });
    expect(o.route).toBe("URGENT_APP");
    expect(o.uncertain).toContain("body_area");
    expect(decide(pack, { age: 40, body_area: "limb" }, { today }).uncertain).toEqual([]);
  });

  it("lists a missing age (children's and adults' rules both apply) and an unanswered cancer history at an emergency", () => {
    expect(decide(pack, { body_area: "limb" }, { today }).uncertain).toEqual(["age"]);
    const ces = decide(
      pack,
      { age: 40, body_area: "lumbar", saddle_anaesthesia: true, ces_symptom_weeks: 1 },
      { today },
    );
    expect(ces.route).toBe("ED_NOW");
    expect(ces.uncertain).toContain("cancer_history");
    expect(ces.additional.map((a) => a.route)).toContain("MSCC_COORDINATOR");
  });
});
