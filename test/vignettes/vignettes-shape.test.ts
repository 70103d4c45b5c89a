import { describe, expect, it } from "vitest";
import {
  BODY_AREAS,
  BOOL_FINDINGS,
  type BoolFindingId,
  isFindingId,
  NUMBER_FINDINGS,
  type NumberFindingId,
  REGIONS,
  ROUTE_CODES,
  type RouteCode,
  URGENCY_LEVELS,
  type Urgency,
} from "../../rules/vocabulary.js";
import { readVignetteRows, readVignettes, type Vignette } from "./vignette-file.js";

// Checks the golden vignettes themselves (no engine needed): a typo in the file would otherwise
// show up later as a confusing engine failure, or silently stop covering a rule.

const RULE_IDS = Array.from({ length: 30 }, (_, i) => `R${String(i + 1).padStart(2, "0")}`);
const TOP_KEYS = new Set([
  "id",
  "title",
  "region",
  "borough",
  "findings",
  "expect",
  "text",
  "boundary",
  "source",
  "missingOnPurpose",
]);
const EXPECT_KEYS = new Set(["route", "urgency", "rule", "additionalRoutes"]);
const CES_SYMPTOMS: BoolFindingId[] = [
  "saddle_anaesthesia",
  "bladder_bowel_dysfunction",
  "sexual_dysfunction",
  "bilateral_leg_symptoms",
];

/** Each route's usual urgency, plus PAEDIATRIC inheriting the urgency of what it replaces. */
const URGENCIES_BY_ROUTE: Record<RouteCode, Urgency[]> = {
  ED_NOW: ["emergency"],
  MSCC_COORDINATOR: ["emergency"],
  ONCOLOGY_TEAM: ["within_24h"],
  CANCER_PATHWAY: ["within_24h", "two_week"],
  SARCOMA_PATHWAY: ["within_24h", "two_week"],
  DIRECT_MRI: ["within_72h", "within_1_week"],
  VFF_PATHWAY: ["urgent"],
  FRACTURE_CLINIC: ["within_72h"],
  URGENT_APP: ["urgent"],
  URGENT_PHYSIO: ["urgent"],
  RHEUMATOLOGY: ["standard"],
  RADIOLOGY: ["standard"],
  NON_MSK: ["standard"],
  PAEDIATRIC: ["standard", "urgent", "within_72h", "within_1_week", "within_24h"],
  ROUTINE_APP: ["routine"],
  ROUTINE_PHYSIO: ["routine"],
};

const rows = readVignetteRows();
const vignettes = readVignettes();

function isYes(v: Vignette, id: BoolFindingId): boolean {
  const value = v.findings[id];
  return value === true || value === "unsure";
}

function shapeProblems(row: unknown): string[] {
  const problems: string[] = [];
  if (typeof row !== "object" || row === null || Array.isArray(row)) return ["not an object"];
  const r = row as Record<string, unknown>;
  for (const key of Object.keys(r)) if (!TOP_KEYS.has(key)) problems.push(`unknown key ${key}`);
  for (const key of ["id", "title", "text", "source"]) {
    if (typeof r[key] !== "string" || (r[key] as string).trim() === "")
      problems.push(`${key} must be a non-empty string`);
  }
  if (typeof r.id === "string" && !/^V\d{3}$/.test(r.id)) problems.push(`id ${r.id} is not V + 3 digits`);
  if (!(REGIONS as readonly unknown[]).includes(r.region)) problems.push(`region ${String(r.region)}`);
  if (r.borough !== undefined && (r.region !== "NEL" || typeof r.borough !== "string")) {
    problems.push("borough is a string and NEL only");
  }
  if (r.boundary !== undefined && typeof r.boundary !== "string") problems.push("boundary must be a string");

  const findings = r.findings;
  if (typeof findings !== "object" || findings === null || Array.isArray(findings)) {
    problems.push("findings must be an object");
  } else {
    for (const [id, value] of Object.entries(findings)) {
      if (!isFindingId(id) || id === "borough") {
        problems.push(`finding ${id} is not a case finding`);
      } else if ((BOOL_FINDINGS as readonly string[]).includes(id)) {
        if (value !== true && value !== false && value !== "unsure")
          problems.push(`${id} must be true/false/"unsure"`);
      } else if ((NUMBER_FINDINGS as readonly string[]).includes(id)) {
        const max = id === "motor_power_grade" ? 5 : id === "age" ? 120 : 520;
        const ok =
          value === "unsure" ||
          (typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= max);
        if (!ok) problems.push(`${id} must be a number in 0-${max} or "unsure"`);
      } else if (id === "body_area" && !([...BODY_AREAS, "unsure"] as unknown[]).includes(value)) {
        problems.push(`body_area ${String(value)}`);
      }
    }
  }

  const e = r.expect as Record<string, unknown> | undefined;
  if (typeof e !== "object" || e === null) return [...problems, "expect must be an object"];
  for (const key of Object.keys(e)) if (!EXPECT_KEYS.has(key)) problems.push(`unknown expect key ${key}`);
  if (!(ROUTE_CODES as readonly unknown[]).includes(e.route)) problems.push(`route ${String(e.route)}`);
  if (!(URGENCY_LEVELS as readonly unknown[]).includes(e.urgency))
    problems.push(`urgency ${String(e.urgency)}`);
  if (!RULE_IDS.includes(e.rule as string)) problems.push(`rule ${String(e.rule)}`);
  if (e.additionalRoutes !== undefined) {
    const add = e.additionalRoutes;
    if (!Array.isArray(add) || add.some((a) => !(ROUTE_CODES as readonly unknown[]).includes(a))) {
      problems.push("additionalRoutes must be route codes");
    } else {
      if (new Set(add).size !== add.length) problems.push("additionalRoutes repeats a route");
      if (add.includes(e.route)) problems.push("additionalRoutes repeats the primary route");
      // Interpretation (a): routine physiotherapy is a fallback, never an additional action.
      if (add.includes("ROUTINE_PHYSIO")) problems.push("ROUTINE_PHYSIO is never an additional route");
    }
  }
  return problems;
}

describe("golden vignettes: file shape", () => {
  it("holds at least 70 vignettes", () => {
    expect(rows.length).toBeGreaterThanOrEqual(70);
  });

  it.each(rows.map((row, i) => [(row as { id?: string }).id ?? `row ${i}`, row]))(
    "%s has a valid shape",
    (_id, row) => {
      expect(shapeProblems(row)).toEqual([]);
    },
  );

  it("has unique ids and titles", () => {
    const ids = vignettes.map((v) => v.id);
    const titles = vignettes.map((v) => v.title);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(titles.filter((t, i) => titles.indexOf(t) !== i)).toEqual([]);
  });
});

describe("golden vignettes: clinical consistency", () => {
  it.each(vignettes.map((v) => [v.id, v]))("%s: urgency fits the route", (_id, v) => {
    expect(URGENCIES_BY_ROUTE[v.expect.route]).toContain(v.expect.urgency);
  });

  it.each(vignettes.map((v) => [v.id, v]))(
    "%s: findings are complete (principle 2 details given)",
    (_id, v) => {
      const onPurpose = new Set(v.missingOnPurpose ?? []);
      for (const id of onPurpose) {
        expect(isFindingId(id), `${id} in missingOnPurpose`).toBe(true);
        expect(Object.hasOwn(v.findings, id), `${id} is listed as missing but given`).toBe(false);
      }
      const required: Array<NumberFindingId | BoolFindingId | "body_area"> = ["age", "body_area"];
      if (CES_SYMPTOMS.some((id) => isYes(v, id))) required.push("ces_symptom_weeks", "ces_worsening");
      if (isYes(v, "motor_weakness")) required.push("motor_power_grade", "motor_onset_weeks");
      if (isYes(v, "foot_drop")) required.push("motor_onset_weeks");
      const missing = required.filter((id) => !Object.hasOwn(v.findings, id) && !onPurpose.has(id));
      expect(missing).toEqual([]);
    },
  );

  it.each(vignettes.map((v) => [v.id, v]))("%s: dependent findings agree", (_id, v) => {
    // Interpretation (d): under_oncology implies cancer_history, so say it explicitly.
    if (isYes(v, "under_oncology")) expect(v.findings.cancer_history).toBe(true);
    if (isYes(v, "lump_concerning")) expect(v.findings.lump).toBe(true);
    if (v.expect.route === "DIRECT_MRI") expect(v.region).toBe("BNSSG");
    if (v.expect.route === "PAEDIATRIC") expect(v.findings.age).toBeLessThan(16);
  });

  it("decides by every rule R01-R29 at least once", () => {
    const used = new Set(vignettes.map((v) => v.expect.rule));
    expect(RULE_IDS.filter((id) => !used.has(id))).toEqual([]);
  });

  it("reaches every route code as a primary route at least once", () => {
    const used = new Set(vignettes.map((v) => v.expect.route));
    expect(ROUTE_CODES.filter((route) => !used.has(route))).toEqual([]);
  });

  it("uses unsure answers in at least 10 vignettes", () => {
    const withUnsure = vignettes.filter((v) => Object.values(v.findings).includes("unsure"));
    expect(withUnsure.length).toBeGreaterThanOrEqual(10);
  });
});

// The boundaries the brief names: each must stay in the file, on both sides where there are two.
type Boundary = [name: string, matches: (v: Vignette) => boolean, route: RouteCode, urgency?: Urgency];
const adult = (v: Vignette) => typeof v.findings.age === "number" && v.findings.age >= 16;
const anyCes = (v: Vignette) => CES_SYMPTOMS.some((id) => isYes(v, id));
const weeks = (v: Vignette) => v.findings.ces_symptom_weeks;
const onset = (v: Vignette) => v.findings.motor_onset_weeks;
const neuroAnswered = (v: Vignette) =>
  anyCes(v) ||
  (
    [
      "motor_weakness",
      "sensory_deficit",
      "radiculopathy",
      "gross_functional_deficit",
      "gait_disturbance",
    ] as const
  ).some((id) => isYes(v, id));
const BOUNDARIES: Boundary[] = [
  ["NEL CES at 13 days", (v) => v.region === "NEL" && anyCes(v) && weeks(v) === 13 / 7, "ED_NOW"],
  ["NEL CES at 14 days", (v) => v.region === "NEL" && anyCes(v) && weeks(v) === 2, "ED_NOW"],
  ["NEL CES at 15 days, stable", (v) => v.region === "NEL" && anyCes(v) && weeks(v) === 15 / 7, "URGENT_APP"],
  [
    "acute CES, cancer history unsure",
    (v) => anyCes(v) && v.findings.cancer_history === "unsure" && v.expect.rule === "R02",
    "ED_NOW",
  ],
  ["a child's red flag", (v) => v.findings.child_red_flag === true, "ED_NOW"],
  [
    "concerning lump under 25",
    (v) => v.findings.lump_concerning === true && typeof v.findings.age === "number" && v.findings.age < 25,
    "SARCOMA_PATHWAY",
    "within_24h",
  ],
  [
    "suspected cancer under 25",
    (v) =>
      v.findings.malignancy_suspected === true && typeof v.findings.age === "number" && v.findings.age < 25,
    "CANCER_PATHWAY",
    "within_24h",
  ],
  ["NEL CES at 10 days", (v) => v.region === "NEL" && anyCes(v) && weeks(v) === 1.4, "ED_NOW"],
  [
    "NEL CES at 3 weeks, stable",
    (v) => v.region === "NEL" && anyCes(v) && weeks(v) === 3 && v.findings.ces_worsening === false,
    "URGENT_APP",
  ],
  [
    "NEL CES at 3 weeks, worsening",
    (v) => v.region === "NEL" && anyCes(v) && weeks(v) === 3 && v.findings.ces_worsening === true,
    "ED_NOW",
  ],
  ["CES duration unsure", (v) => anyCes(v) && weeks(v) === "unsure", "ED_NOW"],
  ["foot drop 4 weeks", (v) => isYes(v, "foot_drop") && onset(v) === 4, "ED_NOW"],
  ["foot drop 10 weeks", (v) => v.region === "NEL" && isYes(v, "foot_drop") && onset(v) === 10, "URGENT_APP"],
  ["power grade 3, acute", (v) => v.findings.motor_power_grade === 3 && v.expect.rule === "R03", "ED_NOW"],
  ["power grade 4, acute", (v) => v.findings.motor_power_grade === 4 && onset(v) === 2, "URGENT_APP"],
  ["weakness chronic", (v) => v.expect.rule === "R18", "URGENT_APP"],
  [
    "under oncology with metastasis flags",
    (v) => v.region === "NEL" && v.findings.under_oncology === true && v.expect.rule === "R11",
    "ONCOLOGY_TEAM",
  ],
  [
    "cancer history only",
    (v) =>
      v.findings.cancer_history === true && v.findings.under_oncology === false && v.expect.rule === "R29",
    "ROUTINE_PHYSIO",
  ],
  ["lump plain", (v) => v.region === "NEL" && v.findings.lump_concerning === false, "RADIOLOGY"],
  ["lump concerning", (v) => v.region === "NEL" && v.findings.lump_concerning === true, "SARCOMA_PATHWAY"],
  [
    "myelopathy stable",
    (v) => isYes(v, "myelopathy_signs") && v.findings.neuro_progressing === false,
    "URGENT_APP",
  ],
  [
    "myelopathy progressing",
    (v) => isYes(v, "myelopathy_signs") && v.findings.neuro_progressing === true && v.expect.rule === "R06",
    "ED_NOW",
  ],
  ["infection suspected", (v) => v.region === "NEL" && v.findings.infection_suspected === true, "ED_NOW"],
  ["VFF with neurology", (v) => isYes(v, "vff_suspected") && neuroAnswered(v), "ED_NOW"],
  [
    "VFF without neurology",
    (v) => v.region === "NEL" && v.findings.vff_suspected === true && !neuroAnswered(v) && adult(v),
    "VFF_PATHWAY",
  ],
  [
    "trauma",
    (v) => v.findings.high_energy_trauma === true || v.findings.suspected_fracture === true,
    "ED_NOW",
  ],
  ["axial SpA", (v) => v.findings.axspa_suspected === true, "RHEUMATOLOGY"],
  ["age 15", (v) => v.findings.age === 15 && v.expect.rule === "R27", "PAEDIATRIC"],
  ["age 16", (v) => v.findings.age === 16, "ROUTINE_PHYSIO"],
  ["NWL CES at 3 weeks", (v) => v.region === "NWL" && anyCes(v) && weeks(v) === 3, "ED_NOW"],
  ["BNSSG CES at 3 weeks", (v) => v.region === "BNSSG" && anyCes(v) && weeks(v) === 3, "ED_NOW"],
  [
    "BNSSG infection with fever",
    (v) =>
      v.region === "BNSSG" && v.findings.infection_suspected === true && v.findings.fever_or_unwell === true,
    "ED_NOW",
  ],
  [
    "BNSSG infection without fever or neurology",
    (v) =>
      v.region === "BNSSG" &&
      v.findings.infection_suspected === true &&
      v.findings.fever_or_unwell === false &&
      !neuroAnswered(v),
    "DIRECT_MRI",
    "within_72h",
  ],
  [
    "BNSSG malignancy without neurology",
    (v) =>
      v.region === "BNSSG" &&
      v.findings.malignancy_suspected === true &&
      v.findings.cancer_history === false &&
      v.findings.body_area !== "limb" &&
      typeof v.findings.age === "number" &&
      v.findings.age >= 25 &&
      !neuroAnswered(v),
    "DIRECT_MRI",
    "within_1_week",
  ],
  [
    "BNSSG malignancy with neurology",
    (v) => v.region === "BNSSG" && v.findings.malignancy_suspected === true && neuroAnswered(v),
    "MSCC_COORDINATOR",
  ],
];

describe("golden vignettes: required boundaries are present", () => {
  it.each(BOUNDARIES)("%s", (_name, matches, route, urgency) => {
    const found = vignettes.filter(matches);
    expect(found.length).toBeGreaterThan(0);
    for (const v of found) {
      expect(v.expect.route, v.id).toBe(route);
      if (urgency) expect(v.expect.urgency, v.id).toBe(urgency);
    }
  });
});
