import { describe, expect, it } from "vitest";
import { decide } from "../../rules/engine/decide.js";
import { evaluate } from "../../rules/engine/evaluate.js";
import { loadPack } from "../../rules/packs/index.js";
import type { Findings, Region } from "../../rules/vocabulary.js";
import { TODAY } from "./walk.js";

// One focused test per decision rule (and the region variants): a minimal case that
// fires the rule and a near miss that must not, so a broken condition fails here by name. The
// cases are written from the spec's table, not from the pack.

function run(findings: Findings, region: Region = "NEL", options: { borough?: string; today?: string } = {}) {
  const pack = loadPack(region);
  const o = decide(pack, findings, { today: TODAY, ...options });
  const fired = evaluate(pack, findings).fired.map((f) => f.rule.data.id);
  return { ...o, rule: o.rules[0]?.id, fired, additionalRoutes: o.additional.map((a) => a.route) };
}

// An adult unless a test says otherwise: an absent age counts as unsure, so children's rules apply too.
const lumbar = { body_area: "lumbar", age: 40 } as const;
const limb = { body_area: "limb", age: 40 } as const;
/** CES details that make the symptoms established and stable (not acute). */
const stable = { ces_symptom_weeks: 3, ces_worsening: false } as const;
const acute = { ces_symptom_weeks: 1, ces_worsening: false } as const;

describe("decision rules (NEL)", () => {
  it("R01 mscc: cancer context + spinal context + neuro -> MSCC co-ordinator (emergency)", () => {
    expect(run({ ...lumbar, cancer_history: true, radiculopathy: true })).toMatchObject({
      route: "MSCC_COORDINATOR",
      urgency: "emergency",
      rule: "R01",
    });
    // Limb weakness or numbness with cancer context counts as spinal context.
    expect(run({ ...limb, malignancy_suspected: true, sensory_deficit: true }).rule).toBe("R01");
    expect(run({ ...limb, under_oncology: true, motor_weakness: true, motor_power_grade: 5 }).rule).toBe(
      "R01",
    );
    // Near misses: no cancer context; or neuro that is not spinal on a limb (gross loss of function).
    expect(run({ ...lumbar, cancer_history: false, radiculopathy: true }).fired).not.toContain("R01");
    expect(run({ ...limb, cancer_history: true, gross_functional_deficit: true }).fired).not.toContain("R01");
    expect(run({ ...lumbar, cancer_history: true, night_pain: true }).fired).not.toContain("R01");
  });

  it("R02 ces-acute: any CES up to 2 weeks or worsening -> ED", () => {
    for (const ces of [
      "saddle_anaesthesia",
      "bladder_bowel_dysfunction",
      "sexual_dysfunction",
      "bilateral_leg_symptoms",
    ]) {
      expect(run({ ...lumbar, [ces]: true, ...acute }), ces).toMatchObject({ route: "ED_NOW", rule: "R02" });
    }
    expect(
      run({ ...lumbar, saddle_anaesthesia: true, ces_symptom_weeks: 10, ces_worsening: true }).rule,
    ).toBe("R02");
    expect(
      run({ ...lumbar, saddle_anaesthesia: true, ces_symptom_weeks: 1.9, ces_worsening: false }).rule,
    ).toBe("R02");
    // Boundary: exactly 2 weeks (14 days) and stable is still acute; 15 days is not.
    expect(
      run({ ...lumbar, saddle_anaesthesia: true, ces_symptom_weeks: 2, ces_worsening: false }).rule,
    ).toBe("R02");
    expect(
      run({ ...lumbar, saddle_anaesthesia: true, ces_symptom_weeks: 15 / 7, ces_worsening: false }).fired,
    ).not.toContain("R02");
    expect(run({ ...lumbar, ces_symptom_weeks: 1, ces_worsening: true }).fired).not.toContain("R02");
    expect(run({ ...lumbar, saddle_anaesthesia: true, ...acute }).pathways).toContain("CES");
  });

  it("R03 motor-major: weakness grade <= 3 and (onset < 6 weeks or progressing) -> ED", () => {
    const weak = { ...limb, motor_weakness: true, motor_power_grade: 3 } as const;
    expect(run({ ...weak, motor_onset_weeks: 5 })).toMatchObject({ route: "ED_NOW", rule: "R03" });
    expect(run({ ...weak, motor_onset_weeks: 20, neuro_progressing: true }).rule).toBe("R03");
    expect(run({ ...weak, motor_power_grade: 4, motor_onset_weeks: 1 }).fired).not.toContain("R03");
    expect(run({ ...weak, motor_onset_weeks: 6, neuro_progressing: false }).fired).not.toContain("R03");
  });

  it("R04 motor-new: foot drop under 6 weeks -> ED", () => {
    expect(run({ ...lumbar, foot_drop: true, motor_onset_weeks: 4 })).toMatchObject({
      route: "ED_NOW",
      rule: "R04",
    });
    expect(run({ ...lumbar, foot_drop: true, motor_onset_weeks: 10 }).fired).not.toContain("R04");
    expect(run({ ...lumbar, foot_drop: true, motor_onset_weeks: 6 }).fired).not.toContain("R04");
  });

  it("R05 cord: gross neurological loss of function -> ED, with the DCM link when myelopathy signs", () => {
    expect(run({ ...limb, gross_functional_deficit: true })).toMatchObject({ route: "ED_NOW", rule: "R05" });
    expect(run({ ...limb, gross_functional_deficit: true }).pathways).not.toContain("DCM");
    expect(
      run({ body_area: "cervical", gross_functional_deficit: true, myelopathy_signs: true }).pathways,
    ).toContain("DCM");
    expect(run({ ...limb, gross_functional_deficit: false }).fired).not.toContain("R05");
  });

  it("R06 myelopathy-acute: myelopathy signs that are progressing -> ED (DCM)", () => {
    const o = run({ body_area: "cervical", myelopathy_signs: true, neuro_progressing: true });
    expect(o).toMatchObject({ route: "ED_NOW", rule: "R06" });
    expect(o.pathways).toContain("DCM");
    expect(
      run({ body_area: "cervical", myelopathy_signs: true, neuro_progressing: false }).fired,
    ).not.toContain("R06");
  });

  it("R07 infection: suspected infection -> ED", () => {
    expect(run({ ...lumbar, infection_suspected: true })).toMatchObject({ route: "ED_NOW", rule: "R07" });
    expect(run({ ...lumbar, infection_risk: true, fever_or_unwell: true }).fired).not.toContain("R07");
  });

  it("R08 medical: possible acute medical cause -> ED", () => {
    expect(run({ ...lumbar, acute_medical_cause_suspected: true })).toMatchObject({
      route: "ED_NOW",
      rule: "R08",
    });
    expect(run({ ...lumbar, acute_medical_cause_suspected: false }).fired).not.toContain("R08");
  });

  it("R09 trauma: high-energy injury or suspected fracture -> ED", () => {
    expect(run({ ...limb, high_energy_trauma: true })).toMatchObject({ route: "ED_NOW", rule: "R09" });
    expect(run({ ...limb, suspected_fracture: true }).rule).toBe("R09");
    expect(run({ ...lumbar, minor_trauma_fragile: true }).fired).not.toContain("R09");
  });

  it("R10 vff-neuro: suspected fragility fracture with neurology -> ED (VFF), VFF pathway kept", () => {
    const o = run({ ...lumbar, vff_suspected: true, sensory_deficit: true });
    expect(o).toMatchObject({ route: "ED_NOW", rule: "R10" });
    expect(o.pathways).toContain("VFF");
    expect(o.additionalRoutes).toContain("VFF_PATHWAY");
    expect(run({ ...lumbar, vff_suspected: true }).fired).not.toContain("R10");
  });

  it("R11 oncology: under oncology with a metastasis flag -> oncology team (24 h)", () => {
    expect(run({ ...limb, under_oncology: true, night_pain: true })).toMatchObject({
      route: "ONCOLOGY_TEAM",
      urgency: "within_24h",
      rule: "R11",
    });
    expect(run({ body_area: "thoracic", under_oncology: true }).rule).toBe("R11");
    expect(run({ ...limb, under_oncology: true }).fired).not.toContain("R11");
    expect(run({ ...limb, cancer_history: true, night_pain: true }).fired).not.toContain("R11");
  });

  it("R12 mets: known cancer + spinal context + metastasis flag -> cancer pathway (24 h)", () => {
    expect(run({ ...lumbar, cancer_history: true, night_pain: true })).toMatchObject({
      route: "CANCER_PATHWAY",
      urgency: "within_24h",
      rule: "R12",
    });
    expect(run({ body_area: "thoracic", cancer_history: true }).rule).toBe("R12");
    expect(run({ ...limb, cancer_history: true, night_pain: true }).fired).not.toContain("R12");
    expect(run({ ...lumbar, cancer_history: true }).fired).not.toContain("R12");
  });

  it("R13 malignancy: suspected cancer -> cancer pathway (2 weeks)", () => {
    expect(run({ ...limb, malignancy_suspected: true })).toMatchObject({
      route: "CANCER_PATHWAY",
      urgency: "two_week",
      rule: "R13",
    });
    expect(run({ ...limb, weight_loss: true, night_pain: true }).fired).not.toContain("R13");
  });

  it("R14 sarcoma: lump with a concerning feature -> sarcoma pathway (2 weeks)", () => {
    expect(run({ ...limb, lump: true, lump_concerning: true })).toMatchObject({
      route: "SARCOMA_PATHWAY",
      urgency: "two_week",
      rule: "R14",
    });
    expect(run({ ...limb, lump: true, lump_concerning: false }).fired).not.toContain("R14");
  });

  it("R15 soft-tissue: acute soft-tissue injury -> fracture clinic (72 h)", () => {
    expect(run({ ...limb, acute_soft_tissue_injury: true })).toMatchObject({
      route: "FRACTURE_CLINIC",
      urgency: "within_72h",
      rule: "R15",
    });
    expect(run({ ...limb, recent_injury: true }).fired).not.toContain("R15");
  });

  it("R16 ces-established: CES over 2 weeks and stable -> urgent APP (NEL)", () => {
    expect(run({ ...lumbar, saddle_anaesthesia: true, ...stable })).toMatchObject({
      route: "URGENT_APP",
      urgency: "urgent",
      rule: "R16",
    });
    expect(run({ ...lumbar, saddle_anaesthesia: true, ...acute }).fired).not.toContain("R16");
    expect(run({ ...lumbar, ...stable }).fired).not.toContain("R16");
  });

  it("R17 dcm: myelopathy signs -> urgent APP (DCM)", () => {
    const o = run({ body_area: "cervical", myelopathy_signs: true, neuro_progressing: false });
    expect(o).toMatchObject({ route: "URGENT_APP", rule: "R17" });
    expect(o.pathways).toContain("DCM");
    expect(run({ body_area: "cervical" }).fired).not.toContain("R17");
  });

  it("R18 weakness-chronic: grade <= 3 weakness that is not acute -> urgent APP", () => {
    const weak = { ...limb, motor_weakness: true, motor_onset_weeks: 10, neuro_progressing: false } as const;
    expect(run({ ...weak, motor_power_grade: 3 })).toMatchObject({ route: "URGENT_APP", rule: "R18" });
    expect(run({ ...weak, motor_power_grade: 4 }).fired).not.toContain("R18");
    expect(run({ ...weak, motor_power_grade: 3, motor_onset_weeks: 2 }).fired).not.toContain("R18");
  });

  it("R19 vff: suspected vertebral fragility fracture -> VFF pathway (urgent)", () => {
    expect(run({ ...lumbar, vff_suspected: true })).toMatchObject({
      route: "VFF_PATHWAY",
      urgency: "urgent",
      rule: "R19",
    });
    expect(run({ ...lumbar, osteoporosis_risk: true, minor_trauma_fragile: true }).fired).not.toContain(
      "R19",
    );
  });

  it("R20 urgent-app-pain: acute severe spinal pain -> urgent APP", () => {
    expect(run({ ...lumbar, acute_severe_pain: true })).toMatchObject({ route: "URGENT_APP", rule: "R20" });
    expect(run({ ...limb, acute_severe_pain: true }).fired).not.toContain("R20");
  });

  it("R21 urgent-app-neuro: spinal context with progressing neurology, foot drop, gait change, or neuro with severe pain", () => {
    expect(run({ ...lumbar, neuro_progressing: true })).toMatchObject({ route: "URGENT_APP", rule: "R21" });
    expect(run({ ...lumbar, foot_drop: true, motor_onset_weeks: 10 }).rule).toBe("R21");
    expect(run({ ...lumbar, gait_disturbance: true }).rule).toBe("R21");
    expect(run({ ...lumbar, radiculopathy: true, acute_severe_pain: true }).fired).toContain("R21");
    expect(run({ ...lumbar, radiculopathy: true }).fired).not.toContain("R21");
    expect(run({ ...limb, neuro_progressing: true }).fired).not.toContain("R21");
  });

  it("R22 urgent-app-function: loss of function needing a specialist opinion -> urgent APP", () => {
    expect(run({ ...limb, functional_impairment: true, specialist_opinion: true })).toMatchObject({
      route: "URGENT_APP",
      rule: "R22",
    });
    expect(run({ ...limb, functional_impairment: true }).fired).not.toContain("R22");
  });

  it("R23 urgent-physio: recent surgery, recent injury, high pain complex or loss of function -> urgent physio", () => {
    for (const id of ["recent_surgery", "recent_injury", "high_pain_complex", "functional_impairment"]) {
      expect(run({ ...limb, [id]: true }), id).toMatchObject({
        route: "URGENT_PHYSIO",
        urgency: "urgent",
        rule: "R23",
      });
    }
    expect(run({ ...limb, specialist_opinion: true }).fired).not.toContain("R23");
  });

  it("R24 axspa: suspected axial SpA -> rheumatology", () => {
    const o = run({ ...lumbar, axspa_suspected: true });
    expect(o).toMatchObject({ route: "RHEUMATOLOGY", urgency: "standard", rule: "R24" });
    expect(o.pathways).toContain("AXSPA");
    expect(run({ ...lumbar, night_pain: true }).fired).not.toContain("R24");
  });

  it("R25 lump: a plain lump -> radiology", () => {
    expect(run({ ...limb, lump: true })).toMatchObject({
      route: "RADIOLOGY",
      urgency: "standard",
      rule: "R25",
    });
    expect(run({ ...limb, lump: true, lump_concerning: true }).fired).not.toContain("R25");
  });

  it("R26 non-msk: non-MSK cause -> not for community MSK", () => {
    expect(run({ ...limb, non_msk_suspected: true })).toMatchObject({ route: "NON_MSK", rule: "R26" });
    expect(run({ ...limb }).fired).not.toContain("R26");
  });

  it("R27 paediatric: under 16 -> paediatric pathway; 16 is an adult", () => {
    expect(run({ ...limb, age: 15 })).toMatchObject({
      route: "PAEDIATRIC",
      urgency: "standard",
      rule: "R27",
    });
    expect(run({ ...limb, age: 15.9 }).rule).toBe("R27");
    expect(run({ ...limb, age: 16 }).fired).not.toContain("R27");
  });

  it("R27 replaces a child's non-emergency routes at their urgency, but never an emergency", () => {
    const surgery = run({ ...limb, age: 12, recent_surgery: true });
    expect(surgery).toMatchObject({ route: "PAEDIATRIC", urgency: "urgent", rule: "R27" });
    expect(surgery.additionalRoutes).not.toContain("URGENT_PHYSIO");
    const routineApp = run({ ...limb, age: 12, failed_conservative: true });
    expect(routineApp).toMatchObject({ route: "PAEDIATRIC", urgency: "standard" });
    expect(routineApp.additionalRoutes).not.toContain("ROUTINE_APP");
    const emergency = run({ ...limb, age: 12, suspected_fracture: true, recent_surgery: true });
    expect(emergency).toMatchObject({ route: "ED_NOW", urgency: "emergency" });
    expect(emergency.additionalRoutes).toContain("PAEDIATRIC");
    expect(emergency.additionalRoutes).not.toContain("URGENT_PHYSIO");
    expect(emergency.additional.find((a) => a.route === "PAEDIATRIC")?.urgency).toBe("urgent");
    // Suspected cancer, a concerning lump and an acute soft-tissue injury keep their own routes.
    expect(run({ ...limb, age: 12, acute_soft_tissue_injury: true }).route).toBe("FRACTURE_CLINIC");
    expect(run({ ...limb, age: 12, lump: true, lump_concerning: true }).route).toBe("SARCOMA_PATHWAY");
    expect(run({ ...limb, age: 12, vff_suspected: true, body_area: "thoracic" })).toMatchObject({
      route: "PAEDIATRIC",
      urgency: "urgent",
    });
    // An unsure age is not "under 16": nothing is replaced, the paediatric route is only added.
    const unsureAge = run({ ...limb, age: "unsure", recent_surgery: true });
    expect(unsureAge.route).toBe("URGENT_PHYSIO");
    expect(unsureAge.additionalRoutes).toContain("PAEDIATRIC");
  });

  it("R28 routine-app: specialist opinion or failed conservative care -> routine APP", () => {
    expect(run({ ...limb, specialist_opinion: true })).toMatchObject({ route: "ROUTINE_APP", rule: "R28" });
    expect(run({ ...limb, failed_conservative: true }).rule).toBe("R28");
    expect(run({ ...limb }).fired).not.toContain("R28");
  });

  it("R29 routine-physio: only when no other rule fires (NEL adds GetUBetter; LBP for back pain)", () => {
    const o = run({ ...lumbar });
    expect(o).toMatchObject({ route: "ROUTINE_PHYSIO", urgency: "routine", rule: "R29" });
    expect(o.pathways).toEqual(expect.arrayContaining(["GETUBETTER", "LBP"]));
    expect(run({ ...limb }).pathways).not.toContain("LBP");
    const app = run({ ...limb, specialist_opinion: true });
    expect(app.fired).not.toContain("R29");
    expect(app.additionalRoutes).not.toContain("ROUTINE_PHYSIO");
    expect(run({ ...limb }, "NWL").pathways).not.toContain("GETUBETTER");
  });

  it("ties go to the rule reached with certainty, then the first in pack order; other routes are additional actions with their own urgency", () => {
    const o = run({
      ...lumbar,
      infection_suspected: true,
      acute_medical_cause_suspected: true,
      vff_suspected: true,
    });
    expect(o.rule).toBe("R07");
    expect(o.rules.map((r) => r.id)).toEqual(["R07", "R08"]);
    expect(o.additional).toEqual([
      expect.objectContaining({ route: "VFF_PATHWAY", urgency: "urgent", rule: "R19" }),
    ]);
  });
});

describe("region differences", () => {
  it("NWL and BNSSG: any CES goes to ED at any duration (R02 variant; no R16)", () => {
    for (const region of ["NWL", "BNSSG"] as const) {
      const o = run(
        { ...lumbar, saddle_anaesthesia: true, ces_symptom_weeks: 10, ces_worsening: false },
        region,
      );
      expect(o, region).toMatchObject({ route: "ED_NOW", urgency: "emergency", rule: "R02" });
      expect(o.fired).not.toContain("R16");
      expect(run({ ...lumbar }, region).fired).not.toContain("R02");
    }
  });

  it("BNSSG R07: suspected infection with fever or neurology -> ED", () => {
    expect(run({ ...lumbar, infection_suspected: true, fever_or_unwell: true }, "BNSSG")).toMatchObject({
      route: "ED_NOW",
      rule: "R07",
    });
    expect(run({ ...lumbar, infection_suspected: true, radiculopathy: true }, "BNSSG").rule).toBe("R07");
    expect(run({ ...lumbar, infection_suspected: true, fever_or_unwell: "unsure" }, "BNSSG").rule).toBe(
      "R07",
    );
  });

  it("BNSSG R07B: suspected spinal infection, well and without neurology -> direct MRI (72 h)", () => {
    const o = run({ ...lumbar, infection_suspected: true }, "BNSSG");
    expect(o).toMatchObject({ route: "DIRECT_MRI", urgency: "within_72h", rule: "R07B" });
    expect(o.fired).not.toContain("R07");
    expect(run({ ...lumbar, infection_suspected: true, fever_or_unwell: true }, "BNSSG").fired).not.toContain(
      "R07B",
    );
    // A joint (limb) infection keeps the ED route [silent choice in the pack].
    expect(run({ ...limb, infection_suspected: true }, "BNSSG").rule).toBe("R07");
  });

  // Found by properties.test.ts (principle 3): R07 once read "not spinal context", and foot drop or
  // myelopathy signs are spinal context without being "neuro", so a YES to either moved a suspected
  // infection from ED to direct MRI in 72 hours. Kept as a regression test.
  it("BNSSG: a yes to foot drop or myelopathy signs never lowers a suspected infection from ED", () => {
    const base = { infection_suspected: true, motor_onset_weeks: 10, neuro_progressing: false } as const;
    for (const area of [{}, limb]) {
      const before = run({ ...base, ...area }, "BNSSG");
      expect(before.urgency).toBe("emergency");
      for (const extra of [{ foot_drop: true }, { myelopathy_signs: true }]) {
        expect(
          run({ ...base, ...area, ...extra }, "BNSSG").urgency,
          JSON.stringify({ ...area, ...extra }),
        ).toBe("emergency");
      }
    }
  });

  it("BNSSG R13: suspected malignancy without neurology -> direct MRI (1 week); with neurology R01", () => {
    expect(run({ ...lumbar, malignancy_suspected: true }, "BNSSG")).toMatchObject({
      route: "DIRECT_MRI",
      urgency: "within_1_week",
      rule: "R13B",
    });
    // Spinal only, and from 25: a limb, or a younger patient, keeps the suspected-cancer pathway.
    expect(run({ ...limb, malignancy_suspected: true }, "BNSSG")).toMatchObject({
      route: "CANCER_PATHWAY",
      urgency: "two_week",
    });
    expect(run({ ...lumbar, age: 24, malignancy_suspected: true }, "BNSSG")).toMatchObject({
      route: "CANCER_PATHWAY",
      urgency: "within_24h",
    });
    expect(run({ ...lumbar, malignancy_suspected: true, radiculopathy: true }, "BNSSG")).toMatchObject({
      route: "MSCC_COORDINATOR",
      rule: "R01",
    });
    expect(run({ ...lumbar, malignancy_suspected: true, radiculopathy: true }, "BNSSG").fired).not.toContain(
      "R13B",
    );
  });

  it("NWL keeps NEL's tier criteria and has its own lump wording", () => {
    expect(run({ ...lumbar, acute_severe_pain: true }, "NWL").rule).toBe("R20");
    const lump = run({ ...limb, lump: true }, "NWL");
    expect(lump.rule).toBe("R25");
    expect(lump.title).not.toBe(run({ ...limb, lump: true }).title);
  });
});

describe("principle 2: missing details count as unsure", () => {
  it("CES without its duration or worsening is acute, and the missing details are listed", () => {
    const o = run({ ...lumbar, saddle_anaesthesia: true });
    expect(o).toMatchObject({ route: "ED_NOW", rule: "R02" });
    expect(o.rules[0]?.onUncertainty).toBe(true);
    expect(o.uncertain).toEqual(expect.arrayContaining(["ces_symptom_weeks", "ces_worsening"]));
    const weeksOnly = run({ ...lumbar, saddle_anaesthesia: true, ces_symptom_weeks: 3 });
    expect(weeksOnly.rule).toBe("R02");
    // An emergency shown before the cancer history is answered counts it as unsure (MSCC in parallel).
    expect(weeksOnly.uncertain).toEqual(["cancer_history", "ces_worsening"]);
    expect(weeksOnly.additionalRoutes).toContain("MSCC_COORDINATOR");
  });

  it("motor weakness without power grade or onset is major and acute", () => {
    const o = run({ ...limb, motor_weakness: true });
    expect(o).toMatchObject({ route: "ED_NOW", rule: "R03" });
    expect(o.uncertain).toEqual(expect.arrayContaining(["motor_power_grade", "motor_onset_weeks"]));
    // Grade missing: counts as <= 3, so recent weakness is acute and old weakness is R18, not routine.
    expect(run({ ...limb, motor_weakness: true, motor_onset_weeks: 2 }).rule).toBe("R03");
    const old = run({ ...limb, motor_weakness: true, motor_onset_weeks: 10 });
    expect(old).toMatchObject({ route: "URGENT_APP", rule: "R18" });
    expect(old.uncertain).toEqual(["motor_power_grade"]);
  });

  it("foot drop without onset counts as under 6 weeks", () => {
    const o = run({ ...lumbar, foot_drop: true });
    expect(o.rule).toBe("R04");
    expect(o.uncertain).toContain("motor_onset_weeks");
  });

  it("an absent or unsure body area counts as spinal", () => {
    for (const f of [
      { acute_severe_pain: true },
      { body_area: "unsure", acute_severe_pain: true },
    ] as Findings[]) {
      const o = run(f);
      expect(o.rule).toBe("R20");
      expect(o.uncertain).toContain("body_area");
    }
  });

  it("uncertain lists explicit unsure answers, and missing details only where they matter", () => {
    const o = run({ ...lumbar, night_pain: "unsure", cancer_history: true });
    expect(o.uncertain).toContain("night_pain");
    expect(o.uncertain).not.toContain("ces_symptom_weeks");
    expect(o.uncertain).not.toContain("motor_power_grade");
    expect(o.uncertain).not.toContain("body_area");
    expect(run({ ...limb }).uncertain).toEqual([]);
  });
});

describe("implications, review dates and referral routes", () => {
  it("under_oncology implies cancer_history", () => {
    const o = run({ ...lumbar, under_oncology: true, cancer_history: false, night_pain: true });
    expect(o.fired).toEqual(expect.arrayContaining(["R11", "R12"]));
    expect(o.suspicionFlags).toContain("Cancer history");
    expect(run({ ...lumbar, cancer_history: false, night_pain: true }).fired).not.toContain("R12");
  });

  it("reviewOverdue: BNSSG is past review; NEL is not until the day after its review date", () => {
    expect(run({ ...limb }, "BNSSG").reviewOverdue).toBe(true);
    expect(run({ ...limb }, "NEL").reviewOverdue).toBe(false);
    expect(run({ ...limb }, "NEL", { today: "2027-11-17" }).reviewOverdue).toBe(false);
    expect(run({ ...limb }, "NEL", { today: "2027-11-18" }).reviewOverdue).toBe(true);
    expect(run({ ...limb }, "NWL", { today: "2027-01-02" }).reviewOverdue).toBe(true);
  });

  it("the borough referral is picked by route: APP -> tier 2, physio -> tier 1, urgent vs routine", () => {
    const boroughs = loadPack("NEL").data.referral.boroughs;
    const cases = [
      [{ ...lumbar, acute_severe_pain: true }, "URGENT_APP", "tier2", "urgent"],
      [{ ...limb, recent_surgery: true }, "URGENT_PHYSIO", "tier1", "urgent"],
      [{ ...limb, specialist_opinion: true }, "ROUTINE_APP", "tier2", "routine"],
      [{ ...limb }, "ROUTINE_PHYSIO", "tier1", "routine"],
    ] as const;
    expect(Object.keys(boroughs)).toHaveLength(7);
    for (const [key, b] of Object.entries(boroughs)) {
      for (const [f, route, tier, level] of cases) {
        const o = run(f, "NEL", { borough: key });
        expect(o.route).toBe(route);
        expect(o.referral, `${key} ${route}`).toEqual({
          borough: key,
          boroughName: b.name,
          provider: b.provider,
          text: b[tier][level],
          selfReferral: b.selfReferral,
        });
      }
    }
    // City & Hackney's tier 1 and tier 2 routine routes differ, so a tier mix-up cannot pass unseen.
    expect(boroughs.city_hackney?.tier1.routine).not.toBe(boroughs.city_hackney?.tier2.routine);
  });

  it("non-community routes ignore the borough; no borough gives the community text", () => {
    const ed = run({ ...limb, suspected_fracture: true }, "NEL", { borough: "newham" });
    expect(ed.referral.borough).toBeUndefined();
    expect(ed.referral.text).toBe(loadPack("NEL").data.referral.byRoute.ED_NOW);
    expect(run({ ...limb }).referral).toEqual({ text: loadPack("NEL").data.referral.community });
    expect(run({ ...limb }, "NWL", { borough: "newham" }).referral.borough).toBeUndefined();
  });
});
