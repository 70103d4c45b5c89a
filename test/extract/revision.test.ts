import { describe, expect, it } from "vitest";
import { extractFindings } from "../../rules/extract/index.js";

// Free text that must not raise or lower the wrong thing: shorthand negatives, a cancer history
// nobody knows, a suspicion that is not a history, and durations the text does not state.
// Each rule is pinned by phrasings beyond the labelled lines (labelled-revision.jsonl).

const f = (text: string) => extractFindings(text).findings;

describe("a negative said in shorthand", () => {
  it.each([
    "no ca hx",
    "ca hx: nil",
    "Ca hx - none",
    "cancer history: negative",
    "no malignancy hx",
    "no hx of malignancy",
    "nil known cancer",
  ])("'%s' is no cancer history", (text) => {
    expect(f(text)).toEqual({ cancer_history: false });
  });

  it("cites the topic and its answer", () => {
    expect(extractFindings("45M, ca hx: nil").evidence.cancer_history).toBe("ca hx: nil");
  });

  it.each(["no known osteoporosis", "osteoporosis: no", "nil osteoporosis"])(
    "'%s' is no osteoporosis risk",
    (text) => {
      expect(f(text)).toEqual({ osteoporosis_risk: false });
    },
  );
});

describe("PMH nil", () => {
  it.each([
    "PMH nil",
    "PMH: nil of note",
    "PMHx - none",
    "PMH:- nil",
    "nil PMH",
    "no significant PMH",
    "no past medical history",
    "past medical hx unremarkable",
  ])("'%s' says no past cancer, and nothing else", (text) => {
    expect(f(text)).toEqual({ cancer_history: false });
  });

  it("never removes a red flag stated elsewhere in the message", () => {
    expect(f("PMH nil, saddle numbness").saddle_anaesthesia).toBe(true);
    expect(f("PMH nil saddle numbness and retention")).toMatchObject({
      saddle_anaesthesia: true,
      bladder_bowel_dysfunction: true,
    });
    expect(f("PMH nil except breast ca").cancer_history).toBe(true);
    expect(f("breast ca 2012; PMH otherwise nil").cancer_history).toBe(true);
    expect(f("PMH nil, on long term pred").osteoporosis_risk).toBe(true);
    expect(f("PMH nil, IVDU").infection_risk).toBe(true);
    expect(f("PMH nil, ?mets")).toEqual({ cancer_history: false, malignancy_suspected: true });
  });

  it("is not read from the topic alone", () => {
    expect(f("PMH: T2DM")).toEqual({ infection_risk: true });
    expect(f("PMH unknown").cancer_history).toBeUndefined();
  });
});

describe("a cancer history nobody knows", () => {
  it.each([
    "doesn't know her cancer history",
    "unsure of cancer history",
    "not sure about his ca hx",
    "ca hx unknown",
    "cancer history not known",
    "hx of cancer: unsure",
    "?ca hx",
    "can't remember if she's had cancer",
    "unknown ca hx",
    "unsure re ca hx",
    "ca hx: don't know",
    "unsure if any cancer history",
    "not known if previous cancer",
  ])("'%s' is unsure, and no suspicion", (text) => {
    expect(f(text)).toEqual({ cancer_history: "unsure" });
  });

  it("leaves a denial a denial", () => {
    expect(f("not known to oncology").under_oncology).toBe(false);
  });

  it("lets a doubt before a finding outweigh a denial after it", () => {
    expect(f("doesn't know if bladder ok").bladder_bowel_dysfunction).toBe("unsure");
    expect(f("not sure if saddle sensation intact").saddle_anaesthesia).toBe("unsure");
    expect(f("not sure if ca hx nil").cancer_history).toBe("unsure");
    // A doubt stops where any cue stops.
    expect(f("?sciatica. bladder ok").bladder_bowel_dysfunction).toBe(false);
    expect(f("?sciatica, bladder ok").bladder_bowel_dysfunction).toBe(false);
  });
});

describe("a suspicion is not a history", () => {
  it.each([
    "suspects malignancy",
    "GP suspects malignancy",
    "?mets",
    "query malignancy",
    "?malignancy",
    "concern re malignancy",
    "worried about cancer",
    "suspicion of malignancy",
    "I suspect a bone tumour",
    "?bone tumour",
    "?spinal tumour",
    "suspect an underlying malignancy",
  ])("'%s' suspects malignancy and says nothing of a history", (text) => {
    expect(f(text)).toEqual({ malignancy_suspected: true });
  });

  it("is unsure when the clinician is not sure whether to suspect", () => {
    expect(f("not sure whether to suspect cancer")).toEqual({ malignancy_suspected: "unsure" });
  });

  it("keeps the two apart when both are said", () => {
    expect(f("no ca hx but ?mets")).toEqual({ cancer_history: false, malignancy_suspected: true });
    expect(f("no ca hx, ?mets")).toEqual({ cancer_history: false, malignancy_suspected: true });
    expect(f("known breast ca, ?mets")).toEqual({ cancer_history: true, malignancy_suspected: true });
  });

  it("still reads a malignancy named with a history word or a site as a history", () => {
    for (const text of ["known malignancy", "hx of malignancy", "previous malignancy", "breast malignancy"]) {
      expect(f(text).cancer_history, text).toBe(true);
    }
  });

  it("does not read a relative's cancer as the patient's", () => {
    expect(f("FHx bowel ca")).toEqual({});
    expect(f("family history of breast cancer")).toEqual({});
    expect(f("mum had breast ca, no personal hx of ca")).toEqual({ cancer_history: false });
    expect(f("dad died of lung cancer; pt hx prostate ca").cancer_history).toBe(true);
  });
});

describe("doubt about who has what, and about a change", () => {
  it("reaches over the person and the verb after 'if' or 'whether'", () => {
    expect(f("not sure if she has had any bladder change").bladder_bowel_dysfunction).toBe("unsure");
    expect(f("pt not sure if he has saddle numbness").saddle_anaesthesia).toBe("unsure");
    expect(f("not sure if he's still under oncology").under_oncology).toBe("unsure");
  });

  it("makes a change said in doubt unsure, not yes", () => {
    expect(f("saddle numbness 3/7, ?worsening").ces_worsening).toBe("unsure");
    expect(f("numbness L foot, unsure if progressing").neuro_progressing).toBe("unsure");
    expect(f("lump thigh, not sure if it's growing").lump_concerning).toBe("unsure");
    expect(extractFindings("lump thigh, not sure if it's growing").evidence.lump_concerning).toBe(
      "not sure if it's growing",
    );
  });

  it("still reads a change said plainly as yes", () => {
    expect(f("saddle numbness 3/7, worsening").ces_worsening).toBe(true);
    expect(f("numbness L foot, progressing").neuro_progressing).toBe(true);
    expect(f("lump thigh, growing").lump_concerning).toBe(true);
  });
});

describe("durations the text states, and those it does not", () => {
  it("reads a fortnight as two weeks", () => {
    expect(f("saddle numbness for a fortnight").ces_symptom_weeks).toBe(2);
    expect(f("foot drop a fortnight ago").motor_onset_weeks).toBe(2);
    expect(f("weakness R leg for one fortnight").motor_onset_weeks).toBe(2);
    expect(f("weakness 2 fortnights").motor_onset_weeks).toBe(4);
  });

  it.each([
    ["saddle numbness for a couple of weeks", "ces_symptom_weeks"],
    ["retention a few days", "ces_symptom_weeks"],
    ["numb bum for several weeks", "ces_symptom_weeks"],
    ["leg weakness a few weeks", "motor_onset_weeks"],
    ["foot drop couple of days", "motor_onset_weeks"],
  ] as const)("leaves a vague '%s' to be asked", (text, id) => {
    const got = f(text);
    expect(got[id], text).toBeUndefined();
    // The symptom itself is still read.
    expect(Object.values(got)).toContain(true);
  });

  it("still reads an exact number in words", () => {
    expect(f("saddle numbness for a week").ces_symptom_weeks).toBe(1);
    expect(f("weakness for two weeks").motor_onset_weeks).toBe(2);
  });
});

describe("the clinician's concern in query form", () => {
  it.each([
    ["?discitis", "infection_suspected"],
    ["worried about infection", "infection_suspected"],
    ["?VFF", "vff_suspected"],
    ["query osteoporotic fracture", "vff_suspected"],
    ["?dissection", "acute_medical_cause_suspected"],
    ["?AAA", "acute_medical_cause_suspected"],
    ["?angina", "acute_medical_cause_suspected"],
    ["?cardiac", "acute_medical_cause_suspected"],
  ] as const)("'%s' answers %s with yes", (text, id) => {
    expect(f(text)[id]).toBe(true);
  });

  it("suspects the fracture while the osteoporosis it names stays in doubt", () => {
    expect(f("query osteoporotic fracture")).toEqual({ vff_suspected: true, osteoporosis_risk: "unsure" });
  });

  it("stays unsure when the words say the clinician does not know", () => {
    expect(f("not sure if it's an AAA").acute_medical_cause_suspected).toBe("unsure");
    expect(f("don't know if it's discitis").infection_suspected).toBe("unsure");
  });

  it("reads a pulsatile abdominal mass as the medical cause, not as a lump", () => {
    expect(f("pulsatile abdominal mass")).toEqual({ acute_medical_cause_suspected: true });
  });
});
