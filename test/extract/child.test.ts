import { describe, expect, it } from "vitest";
import { extractFindings } from "../../rules/extract/index.js";

// A child's same-day red flags read from free text, and only for a child.

const f = (text: string) => extractFindings(text).findings;

describe("a child's red flag", () => {
  it.each([
    "?SUFE",
    "query slipped upper femoral epiphysis",
    "?NAI, baby with swollen thigh",
    "non accidental injury suspected, 4yo",
  ])("'%s' is named by its own words", (text) => {
    expect(f(text).child_red_flag).toBe(true);
  });

  it("is not answered by words that say the clinician does not know", () => {
    expect(f("not sure if NAI").child_red_flag).toBe("unsure");
  });

  it.each([
    "6yo girl not weight bearing after fall",
    "8yo boy limping with fever",
    "child limping, temp 38",
    "2yo limping",
    "toddler with a limp",
    "limping with a fever, not bearing weight, age not known",
  ])("'%s' is one in a child, or where the age is not known", (text) => {
    expect(f(text).child_red_flag).toBe(true);
  });

  it.each([
    "45M not weight bearing after fall",
    "limping after fall, 40F",
    "8yo limping after football",
    "child, no limp, febrile",
    "14F knee pain",
    "unable to weight bear after a fall",
  ])(
    "'%s' is none: an adult, no word of a child with only weight bearing, a limp without fever from 3, or no limp",
    (text) => {
      expect(f(text).child_red_flag).toBeUndefined();
    },
  );

  it("keeps the fracture question answered for anyone not bearing weight", () => {
    expect(f("45M not weight bearing after fall").suspected_fracture).toBe(true);
  });
});
