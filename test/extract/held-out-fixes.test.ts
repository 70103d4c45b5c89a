import { describe, expect, it } from "vitest";
import { extractFindings } from "../../rules/extract/index.js";

// The faults the first held-out set found, each pinned by a case that is not the held-out line
// itself, so the rule is general and not a one-off.

const f = (text: string) => extractFindings(text).findings;

describe("age written with M after a history word", () => {
  it("reads 16 and over as an age, under 16 as months", () => {
    expect(f("71M hx prostate ca, new thoracic pain").age).toBe(71);
    expect(f("58m history of myeloma").age).toBe(58);
    expect(f("LBP, 3m hx of sciatica").age).toBeUndefined();
    expect(f("back pain 18m ago, 40F").age).toBe(40);
  });
});

describe("negation across a comma", () => {
  it("stops at a new element that is not part of an 'or' list", () => {
    expect(f("no saddle numbness nor incontinence, radicular pain L leg 2/12")).toMatchObject({
      saddle_anaesthesia: false,
      bladder_bowel_dysfunction: false,
      radiculopathy: true,
    });
  });

  it("still carries through a list closed by 'or' after the comma", () => {
    expect(f("no fever, weight loss or night pain")).toMatchObject({
      fever_or_unwell: false,
      weight_loss: false,
      night_pain: false,
    });
    expect(f("denies saddle anaesthesia, retention, or incontinence")).toMatchObject({
      saddle_anaesthesia: false,
      bladder_bowel_dysfunction: false,
    });
  });

  it("reads sphincter disturbance as bladder or bowel dysfunction", () => {
    expect(f("new sphincter disturbance").bladder_bowel_dysfunction).toBe(true);
  });
});

describe("misspellings and word order", () => {
  it("reads numbness without a preposition and common misspellings", () => {
    expect(f("numb genitals since yesterday").saddle_anaesthesia).toBe(true);
    expect(f("numbess L foot").sensory_deficit).toBe(true);
    expect(f("weekness R leg").motor_weakness).toBe(true);
    expect(f("urinary retension").bladder_bowel_dysfunction).toBe(true);
    expect(f("passing urine normally").bladder_bowel_dysfunction).toBe(false);
    expect(f("not passing urine since this am").bladder_bowel_dysfunction).toBe(true);
  });
});

describe("a duration that is its own list element", () => {
  it("dates the findings of the element before it", () => {
    expect(f("saddle anaesthesia and incontinence, 10 days, 48F").ces_symptom_weeks).toBeCloseTo(1.429, 2);
    expect(f("foot drop, 3/7").motor_onset_weeks).toBeCloseTo(0.429, 2);
  });

  it("never reaches past another element or a negated finding", () => {
    expect(f("LBP 3/52, new saddle numbness").ces_symptom_weeks).toBeUndefined();
    expect(f("saddle numbness, no bladder sx, 2/52").ces_symptom_weeks).toBeUndefined();
    expect(f("saddle numbness, LBP, 2/52").ces_symptom_weeks).toBeUndefined();
  });
});

describe("minor trauma in an older or osteoporotic person", () => {
  it("reads lifting or coughing as minor trauma only when older or osteoporotic", () => {
    expect(f("81M sudden LBP after lifting shopping").minor_trauma_fragile).toBe(true);
    expect(f("osteopenia, back pain after a cough").minor_trauma_fragile).toBe(true);
    expect(f("28F back pain after lifting a box").minor_trauma_fragile).toBeUndefined();
  });
});

describe("a fracture already treated", () => {
  it("is a recent injury for rehab, not a suspected fracture", () => {
    const got = f("distal radius fracture 6/52, out of cast, stiff wrist");
    expect(got.recent_injury).toBe(true);
    expect(got.suspected_fracture).toBeUndefined();
    expect(f("tib plateau # treated with ORIF in March, for rehab").suspected_fracture).toBeUndefined();
  });

  it("keeps signs and untreated fractures as suspected", () => {
    expect(f("fell 2 days ago, can't weight bear, on rehab ward").suspected_fracture).toBe(true);
    expect(f("fractured wrist yesterday after fall").suspected_fracture).toBe(true);
  });
});

describe("faults the golden vignettes' text found", () => {
  it("does not read 'nothing new' or 'not getting worse' as CES worsening", () => {
    expect(f("saddle numbness 3/52, unchanged, nothing new").ces_worsening).toBeUndefined();
    expect(f("saddle numbness, not getting worse").ces_worsening).toBeUndefined();
    expect(f("saddle numbness 3/52, getting worse").ces_worsening).toBe(true);
  });

  it("reads a bare fracture in an older or osteoporotic spine as the fragility fracture question", () => {
    const got = f("78F osteoporosis, LBP after bending, ?fracture");
    expect(got.vff_suspected).toBe("unsure");
    expect(got.suspected_fracture).toBeUndefined();
    // A limb, a sign, or a high-energy mechanism keep the trauma reading.
    expect(f("78F osteoporosis, wrist pain, ?fracture").suspected_fracture).toBe("unsure");
    expect(f("78F LBP after RTC, ?fracture").suspected_fracture).toBe("unsure");
    expect(f("78F LBP, can't weight bear, ?fracture").suspected_fracture).toBe(true);
  });
});
