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

// The faults the second held-out set found. Each case is new wording, and each rule has a case
// where it must not fire.
describe("saddle area words", () => {
  it("reads numbness of the back passage, perineum or genitals, either word order, as saddle numbness", () => {
    expect(f("numbness around her back passage since Sat").saddle_anaesthesia).toBe(true);
    expect(f("back passage feels numb").saddle_anaesthesia).toBe(true);
    expect(f("perineum numb, LBP").saddle_anaesthesia).toBe(true);
    expect(f("numbness around the back passage").sensory_deficit).toBeUndefined();
    expect(f("numb L foot").saddle_anaesthesia).toBeUndefined();
  });
});

describe("a list whose closing 'or' is inside a finding's words", () => {
  it("carries the negation to the last item", () => {
    expect(f("no saddle numbness, urinary or bowel symptoms")).toMatchObject({
      saddle_anaesthesia: false,
      bladder_bowel_dysfunction: false,
    });
    expect(f("nil fever, bladder or bowel dysfunction")).toMatchObject({
      fever_or_unwell: false,
      bladder_bowel_dysfunction: false,
    });
  });

  it("does not carry it to a new element without one", () => {
    expect(f("no saddle numbness, urinary symptoms 2/7").bladder_bowel_dysfunction).toBe(true);
  });
});

describe("neck and arm shorthand", () => {
  it("reads NSP as neck pain and radiation to a named side as radicular", () => {
    expect(f("NSP 6/52").body_area).toBe("cervical");
    expect(f("neck pain radiating down L arm").radiculopathy).toBe(true);
    expect(f("LBP radiating to rt leg").radiculopathy).toBe(true);
    expect(f("no fevers").fever_or_unwell).toBe(false);
  });
});

describe("pain worse lying down", () => {
  it("is non-mechanical (night) pain; easier lying down is not", () => {
    expect(f("thoracic pain, worse when lying down").night_pain).toBe(true);
    expect(f("mid back pain, can't lie flat").night_pain).toBe(true);
    expect(f("LBP worst at night").night_pain).toBe(true);
    expect(f("LBP, better lying down").night_pain).toBeUndefined();
  });
});

describe("gait words", () => {
  it("reads an informal gait change", () => {
    expect(f("gait not right, hands clumsy").gait_disturbance).toBe(true);
    expect(f("wobbly gait since Monday").gait_disturbance).toBe(true);
    // A bare "gait" is no finding ("gait: antalgic" is pain, not neurology), so never a positive.
    expect(f("gait normal").gait_disturbance).not.toBe(true);
    expect(f("antalgic gait").gait_disturbance).toBeUndefined();
  });
});

describe("a slip, trip or fall in an older person", () => {
  it("is minor trauma at 65 and over or with osteoporosis, not younger, not denied, not high-energy", () => {
    expect(f("79M tripped on the kerb, LBP").minor_trauma_fragile).toBe(true);
    expect(f("osteoporosis, slipped getting out of the bath, back pain").minor_trauma_fragile).toBe(true);
    expect(f("34M slipped at work, LBP").minor_trauma_fragile).toBeUndefined();
    expect(f("80F LBP, no falls").minor_trauma_fragile).toBeUndefined();
    expect(f("70M slipped disc, LBP").minor_trauma_fragile).toBeUndefined();
    const ladder = f("72M fell off a ladder, back pain");
    expect(ladder.high_energy_trauma).toBe(true);
    expect(ladder.minor_trauma_fragile).toBeUndefined();
  });
});

describe("steroid use", () => {
  it("is an osteoporosis risk, unless it is anabolic steroids", () => {
    expect(f("LBP, long-standing steroid use for asthma").osteoporosis_risk).toBe(true);
    expect(f("no steroid use").osteoporosis_risk).toBe(false);
    expect(f("gym goer, anabolic steroid user").osteoporosis_risk).toBeUndefined();
  });
});

describe("metastases named by their primary", () => {
  it("is a cancer history and suspected metastases", () => {
    expect(f("known breast mets, new back pain")).toMatchObject({
      cancer_history: true,
      malignancy_suspected: true,
    });
    expect(f("lung ca mets to spine")).toMatchObject({ cancer_history: true, malignancy_suspected: true });
  });
});

describe("both sides after a leg symptom", () => {
  it("is bilateral leg symptoms", () => {
    expect(f("sciatica on both sides").bilateral_leg_symptoms).toBe(true);
    expect(f("leg weakness affecting both sides")).toMatchObject({
      bilateral_leg_symptoms: true,
      motor_weakness: true,
    });
    expect(f("shoulder pain both sides").bilateral_leg_symptoms).toBeUndefined();
  });
});

describe("an onset word opening a duration element", () => {
  it("dates the CES symptom before it", () => {
    expect(f("saddle numbness, started 3/7 ago").ces_symptom_weeks).toBeCloseTo(0.429, 2);
    expect(f("retention, onset this morning").ces_symptom_weeks).toBe(0);
  });
});

describe("AS for ankylosing spondylitis", () => {
  it("reads it only where it stands alone after a query or history word", () => {
    expect(f("?AS, 30M, LBP 8/12").axspa_suspected).toBe(true);
    expect(f("known AS, flare").axspa_suspected).toBe(true);
    expect(f("is this urgent? as she has LBP").axspa_suspected).toBeUndefined();
    expect(f("LBP, known as Jo").axspa_suspected).toBeUndefined();
  });
});

describe("body area of a junction", () => {
  it("picks the more urgent area of the two", () => {
    expect(f("T/L junction pain").body_area).toBe("thoracic");
    expect(f("cervicothoracic pain 2/52").body_area).toBe("thoracic");
  });
});

describe("a joint replacement", () => {
  it("is a prosthetic joint (infection risk), and recent surgery when post", () => {
    expect(f("6/52 post TKR, hot knee")).toMatchObject({ recent_surgery: true, infection_risk: true });
    expect(f("hx of L hip replacement, groin pain")).toMatchObject({
      infection_risk: true,
      body_area: "limb",
    });
    expect(f("OA knee, wants TKR").infection_risk).toBeUndefined();
  });
});

describe("progression said after a deficit", () => {
  it("is progressing neurology; more radicular pain is not", () => {
    expect(f("L ankle weakness 3/52, progressing").neuro_progressing).toBe(true);
    expect(f("progressive R foot drop").neuro_progressing).toBe(true);
    expect(f("numb L foot, not worsening").neuro_progressing).toBeUndefined();
    expect(f("sciatica 3/52, worsening").neuro_progressing).toBeUndefined();
    expect(f("foot drop 6/12, LBP worsening").neuro_progressing).toBeUndefined();
  });
});

// The false-positive red flags of the third held-out set (its misses are left for a fourth set).
describe("false positives held-out set 3 found", () => {
  it("reads a misspelt 'saddle sensation' with its denial as a denial", () => {
    expect(f("saddle sensatn normal, LBP").saddle_anaesthesia).toBe(false);
    expect(f("saddle sensaion intact").saddle_anaesthesia).toBe(false);
  });

  it("reads misspelt perineal numbness as saddle numbness, not limb numbness", () => {
    const got = f("perinial numbness since Tuesday");
    expect(got.saddle_anaesthesia).toBe(true);
    expect(got.sensory_deficit).toBeUndefined();
  });

  it("does not read a one-muscle standing test as loss of the legs", () => {
    expect(f("can't stand on heels, L5 radic").gross_functional_deficit).toBeUndefined();
    expect(f("cannot stand on one leg").gross_functional_deficit).toBeUndefined();
    expect(f("can't stand since this morning").gross_functional_deficit).toBe(true);
  });
});

// Held-out set 3's misses, each pinned by cases that are not the held-out lines, with the readings
// that must not follow from the same words.
describe("held-out 3: temperatures, weakness words and misspellings", () => {
  it("reads a temperature written after T or with a colon, and not a lower one", () => {
    expect(f("T 38.4, swollen knee").fever_or_unwell).toBe(true);
    expect(f("temp: 39.1 and back pain").fever_or_unwell).toBe(true);
    expect(f("T 37.2, swollen knee").fever_or_unwell).toBeUndefined();
    expect(f("T12 wedge fracture").fever_or_unwell).toBeUndefined();
  });

  it("reads 'grip weak', 'ankle weaker' as motor weakness", () => {
    expect(f("grip is weak, neck pain").motor_weakness).toBe(true);
    expect(f("L ankle weaker since monday").motor_weakness).toBe(true);
  });

  it("reads the usual misspellings", () => {
    expect(f("hx of myloma").cancer_history).toBe(true);
    expect(f("weightloss over 2 months").weight_loss).toBe(true);
    expect(f("clumbsy hand, neck ache").myelopathy_signs).toBe(true);
    expect(f("progresive leg weakness").neuro_progressing).toBe(true);
  });
});

describe("held-out 3: minor mechanisms in an older person", () => {
  it("reads being found on the floor as a fall", () => {
    expect(f("81M found on the floor by carer, LBP").minor_trauma_fragile).toBe(true);
    expect(f("40M found on the floor, LBP").minor_trauma_fragile).toBeUndefined();
  });

  it("reads sudden pain on bending over as the mechanism, not pain that is merely worse bending", () => {
    expect(f("78F, acute LBP when she bent down to the dishwasher").minor_trauma_fragile).toBe(true);
    expect(f("75M sudden onset thoracic pain bending over").minor_trauma_fragile).toBe(true);
    expect(f("75M chronic LBP, stiff bending over").minor_trauma_fragile).toBeUndefined();
  });
});

describe("held-out 3: operations and prosthetic joints", () => {
  it("reads a joint replacement with its year as a prosthetic joint, not as recent surgery", () => {
    expect(f("R hip replacement in 2015, now groin pain")).toMatchObject({ infection_risk: true });
    expect(f("R hip replacement in 2015, now groin pain").recent_surgery).toBeUndefined();
    expect(f("2012 TKR, knee hot").infection_risk).toBe(true);
    expect(f("wants a knee replacement").infection_risk).toBeUndefined();
  });

  it("reads a spinal operation just done as a recent spinal procedure", () => {
    expect(f("post-op L4/5 microdiscectomy, new leg pain")).toMatchObject({
      recent_surgery: true,
      infection_risk: true,
    });
    expect(f("decompression 3 weeks ago, wound red").infection_risk).toBe(true);
    expect(f("post op TKR 3/52, stiff knee").infection_risk).toBeUndefined();
    expect(f("after lumbar fusion in 2010, new LBP").infection_risk).toBeUndefined();
  });
});

describe("held-out 3: bladder, bilateral and fracture words", () => {
  it("reads the bladder in patients' words, and a denial of change as no", () => {
    expect(f("can't tell if her bladder is full").bladder_bowel_dysfunction).toBe(true);
    expect(f("waterworks problems since Friday").bladder_bowel_dysfunction).toBe(true);
    expect(f("no problems with his bladder, LBP").bladder_bowel_dysfunction).toBe(false);
    expect(f("peeing fine, LBP").bladder_bowel_dysfunction).toBe(false);
  });

  it("dates CES symptoms by a later 'started N ago' element", () => {
    expect(f("numb bum and can't feel when bladder full, started 4/7 ago").ces_symptom_weeks).toBeCloseTo(
      0.571,
      2,
    );
  });

  it("reads symptoms in both feet as bilateral", () => {
    expect(f("pins and needles in both feet").bilateral_leg_symptoms).toBe(true);
  });

  it("reads a swollen and deformed limb as a suspected fracture", () => {
    expect(f("ankle swollen and deformed after fall").suspected_fracture).toBe(true);
    expect(f("forearm looks deformed").suspected_fracture).toBe(true);
  });

  it("reads 'not settling with physio' as failed conservative care", () => {
    expect(f("knee pain not improving after physio").failed_conservative).toBe(true);
    expect(f("knee pain settling with physio").failed_conservative).toBeUndefined();
  });
});

describe("held-out 3: a change word after symptoms said as one", () => {
  it("dates and marks as worsening every finding of the clause, and not a denied change", () => {
    const got = f("bilateral leg numbness and weakness, deteriorating over 2 days");
    expect(got.ces_worsening).toBe(true);
    expect(got.ces_symptom_weeks).toBeCloseTo(0.286, 2);
    expect(got.motor_onset_weeks).toBeCloseTo(0.286, 2);
    expect(f("bilat leg pain and numbness, not worse").ces_worsening).toBeUndefined();
  });
});

describe("held-out 3: sciatic pain names the lower back", () => {
  it("reads 'sciatic pain' as lumbar, like 'sciatica'", () => {
    expect(f("sciatic pain down L leg").body_area).toBe("lumbar");
  });
});
