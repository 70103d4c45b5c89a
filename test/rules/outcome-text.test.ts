import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decide } from "../../rules/engine/decide.js";
import type { Outcome } from "../../rules/outcome.js";
import { loadAllPacks, loadPack, packForDeployment } from "../../rules/packs/index.js";
import type { Findings } from "../../rules/vocabulary.js";
import { readVignettes } from "../vignettes/vignette-file.js";
import { findingsArb } from "./arbitraries.js";
import { TODAY } from "./walk.js";

// What a clinician reads on an outcome, straight from the rules core: sources by name, a child's
// wording for children, the advice and links that fit the case.

const run = (f: Findings, region: "NEL" | "NWL" | "BNSSG" = "NEL") =>
  decide(loadPack(region), f, { today: TODAY });

/** Everything the card, the plain-text fallback and Slack show from an outcome. */
function shown(o: Outcome): string {
  return [
    o.title,
    o.action,
    o.clock,
    o.imaging,
    o.safetyNet,
    o.referral.text,
    o.mriCheck ?? "",
    o.contact?.text ?? "",
    ...o.rules.map((r) => `${r.name} ${r.sourceText}`),
    ...o.additional.map((a) => a.title),
    ...o.pathwayLinks.map((l) => `${l.title} ${l.publisher}`),
  ].join("\n");
}

const INTERNAL = /\b00[0-4]\b|§|RULES|CONTRACT/;

describe("sources by name", () => {
  it("no outcome shows a file number, a section sign or a spec name (every vignette)", () => {
    for (const v of readVignettes()) expect(shown(run(v.findings, v.region)), v.id).not.toMatch(INTERNAL);
  });

  it("no outcome shows them for random cases in any region either", () => {
    for (const pack of loadAllPacks())
      fc.assert(
        fc.property(findingsArb(pack, 14), (f) => {
          expect(shown(decide(pack, f, { today: TODAY }))).not.toMatch(INTERNAL);
        }),
        { numRuns: 300 },
      );
  });

  it("names the source of each rule in full", () => {
    const o = run({ age: 60, body_area: "lumbar", cancer_history: true, radiculopathy: true });
    expect(o.rules[0]?.sourceText).toMatch(/NEL ICS MSK MRI imaging & referral criteria \(Nov 2025\)/);
    expect(o.rules[0]?.sourceText).toMatch(/NICE NG234/);
  });
});

describe("children and young people", () => {
  const ADULT_ONLY = /MSCC co-ordinator|myeloma|urgent treatment centre/i;

  it("a child's card carries no adult-only text, whatever the route", () => {
    for (const pack of loadAllPacks())
      fc.assert(
        fc.property(findingsArb(pack, 14), fc.integer({ min: 0, max: 15 }), (f, age) => {
          const o = decide(pack, { ...f, age }, { today: TODAY });
          expect(o.child).toBe(true);
          expect([o.title, o.action, o.referral.text, o.safetyNet].join("\n")).not.toMatch(ADULT_ONLY);
          expect(o.contact).toBeUndefined();
        }),
        { numRuns: 300 },
      );
  });

  it("a child with a red flag goes to an ED that sees children; MSCC becomes ED plus the child's oncology team", () => {
    const redFlag = run({ age: 7, body_area: "limb", child_red_flag: true });
    expect(redFlag).toMatchObject({ route: "ED_NOW", urgency: "emergency" });
    expect(redFlag.action).toMatch(/sees children/);
    const mscc = run({ age: 12, body_area: "lumbar", cancer_history: true, radiculopathy: true });
    expect(mscc.route).toBe("MSCC_COORDINATOR");
    expect(mscc.action).toMatch(/oncology team \(principal treatment centre\)/);
    expect(run({ age: 12, body_area: "limb" }).safetyNet).toMatch(/limp that is not settling/);
  });

  it("suspected cancer or a concerning lump under 25 is very urgent: 48 hours, with the young people's pathway", () => {
    const o = run({ age: 19, body_area: "limb", malignancy_suspected: true });
    expect(o).toMatchObject({ route: "CANCER_PATHWAY", urgency: "within_24h" });
    expect(o.clock).toMatch(/48 hours \(NICE NG12\)/);
    expect(o.action).toMatch(/young people/);
    expect(o.action).not.toMatch(/MSCC|myeloma/);
    expect(run({ age: 25, body_area: "limb", malignancy_suspected: true }).urgency).toBe("two_week");
  });
});

describe("the action", () => {
  it("offers an urgent treatment centre only for an adult's limb fracture alone", () => {
    const wrist = run({ age: 35, body_area: "limb", suspected_fracture: true });
    expect(wrist.action).toMatch(/urgent treatment centre.*not for a suspected hip fracture/);
    for (const f of [
      { age: 35, body_area: "lumbar", suspected_fracture: true },
      { age: 12, body_area: "limb", suspected_fracture: true },
      { age: 35, body_area: "limb", suspected_fracture: true, high_energy_trauma: true },
      { age: 35, body_area: "limb", suspected_fracture: true, sensory_deficit: true },
      { age: 35, body_area: "limb", suspected_fracture: true, infection_suspected: true },
      { age: "unsure", body_area: "limb", suspected_fracture: true },
    ] as Findings[])
      expect(run(f).action, JSON.stringify(f)).not.toMatch(/urgent treatment centre/);
  });

  it("names the MSCC contact, or says plainly that it is not configured", () => {
    const f: Findings = { age: 60, body_area: "lumbar", cancer_history: true, radiculopathy: true };
    expect(run(f).contact?.text).toMatch(/not configured.*ask switchboard for acute oncology/);
    const configured = decide(
      packForDeployment("NEL", { msccContact: { name: "Royal Infirmary MSCC", phone: "020 7946 0999" } }),
      f,
      { today: TODAY },
    );
    expect(configured.contact).toEqual({
      text: "Royal Infirmary MSCC: 020 7946 0999",
      phone: "020 7946 0999",
    });
    // Known cancer with spinal metastasis flags: the 24-hour discussion is with the co-ordinator too.
    expect(run({ age: 60, body_area: "thoracic", cancer_history: true }).contact).toBeDefined();
    expect(run({ age: 60, body_area: "limb" }).contact).toBeUndefined();
  });

  it("suggests myeloma bloods at 60 or over only", () => {
    expect(run({ age: 64, body_area: "limb", malignancy_suspected: true }).action).toMatch(/myeloma/);
    expect(run({ age: 59, body_area: "limb", malignancy_suspected: true }).action).not.toMatch(/myeloma/);
  });
});

describe("imaging advice and links that fit the case", () => {
  it("carries the MRI implant check on outcomes that lead to MRI, never on routine ones", () => {
    const ces = run({ age: 40, body_area: "lumbar", saddle_anaesthesia: true, ces_symptom_weeks: 0.5 });
    expect(ces.mriCheck).toMatch(/pacemaker/);
    expect(run({ age: 40, body_area: "lumbar", malignancy_suspected: true }, "BNSSG").mriCheck).toMatch(
      /pacemaker/,
    );
    expect(run({ age: 40, body_area: "lumbar" }).mriCheck).toBeUndefined();
  });

  it("explains 'why no scan now' only on community routes with no red flag or imaging route", () => {
    const whyNot = /why a scan is not needed now/;
    expect(run({ age: 40, body_area: "lumbar" }).imaging).toMatch(whyNot);
    expect(run({ age: 40, body_area: "lumbar" }).pathways).not.toContain("MRI_LEAFLETS");
    expect(run({ age: 40, body_area: "lumbar" }).pathwayLinks.map((l) => l.key)).toContain("MRI_LEAFLETS");
    for (const f of [
      { age: 40, body_area: "cervical", myelopathy_signs: true, neuro_progressing: false },
      { age: 40, body_area: "lumbar", saddle_anaesthesia: true, ces_symptom_weeks: 4, ces_worsening: false },
      { age: 40, body_area: "lumbar", axspa_suspected: true },
      { age: 70, body_area: "thoracic", vff_suspected: true },
      { age: 40, body_area: "limb", lump: true, lump_concerning: false },
    ] as Findings[])
      expect(run(f).imaging, JSON.stringify(f)).not.toMatch(whyNot);
  });

  it("links NICE NG59 only for the lower back, the spinal red-flag framework only with spinal context", () => {
    expect(run({ age: 40, body_area: "lumbar" }).pathways).toContain("LBP");
    expect(run({ age: 40, body_area: "thoracic" }).pathways).not.toContain("LBP");
    expect(run({ age: 40, body_area: "limb", suspected_fracture: true }).pathways).not.toContain(
      "SERIOUS_PATHOLOGY",
    );
    expect(run({ age: 40, body_area: "cervical", suspected_fracture: true }).pathways).toContain(
      "SERIOUS_PATHOLOGY",
    );
  });

  it("links a region's own sarcoma service only in London; NICE NG12 elsewhere", () => {
    const lump = { age: 40, body_area: "limb", lump: true, lump_concerning: true } as Findings;
    const url = (region: "NEL" | "NWL" | "BNSSG") =>
      run(lump, region).pathwayLinks.find((l) => l.key === "SARCOMA")?.url;
    expect(url("NEL")).toMatch(/uclh/);
    expect(url("NWL")).toMatch(/uclh/);
    expect(url("BNSSG")).toMatch(/nice\.org\.uk\/guidance\/ng12/);
  });
});
