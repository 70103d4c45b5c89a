import { readFileSync } from "node:fs";
import { extractFindings, type IdentifierKind } from "../../rules/extract/index.js";
import type { BoolFindingId } from "../../rules/vocabulary.js";

// Scoring free-text extraction against labelled queries: each finding read or labelled falls in one
// group (a red-flag yes, a no, an unsure, a number ...), and each group gets a precision and recall.

export interface Labelled {
  text: string;
  findings: Record<string, unknown>;
  identifiers?: IdentifierKind[];
}

/** One labelled query per line: {"text": ..., "findings": {...}, "identifiers"?: [...]}. */
export const loadLabelled = (url: URL): Labelled[] =>
  readFileSync(url, "utf8")
    .split("\n")
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as Labelled);

// Findings whose "yes" raises a red flag or decides an emergency or urgent route (docs/clinical-rules.md).
const RED_FLAGS: ReadonlySet<string> = new Set<BoolFindingId>([
  "saddle_anaesthesia",
  "bladder_bowel_dysfunction",
  "sexual_dysfunction",
  "bilateral_leg_symptoms",
  "ces_worsening",
  "motor_weakness",
  "foot_drop",
  "sensory_deficit",
  "radiculopathy",
  "neuro_progressing",
  "gross_functional_deficit",
  "gait_disturbance",
  "myelopathy_signs",
  "fever_or_unwell",
  "infection_risk",
  "hot_swollen_joint",
  "infection_suspected",
  "acute_medical_cause_suspected",
  "child_red_flag",
  "cancer_history",
  "under_oncology",
  "weight_loss",
  "night_pain",
  "malignancy_suspected",
  "high_energy_trauma",
  "suspected_fracture",
  "minor_trauma_fragile",
  "osteoporosis_risk",
  "vff_suspected",
  "structural_deformity",
  "lump_concerning",
  "acute_soft_tissue_injury",
  "acute_severe_pain",
]);
const NUMBERS: ReadonlySet<string> = new Set(["ces_symptom_weeks", "motor_power_grade", "motor_onset_weeks"]);

export type Group = "red-flag yes" | "other yes" | "negated" | "unsure" | "numbers" | "body_area" | "age";
export const GROUPS: Group[] = [
  "red-flag yes",
  "other yes",
  "negated",
  "unsure",
  "numbers",
  "body_area",
  "age",
];

function groupOf(id: string, value: unknown): Group {
  if (id === "age") return "age";
  if (id === "body_area") return "body_area";
  if (value === "unsure") return "unsure";
  if (NUMBERS.has(id)) return "numbers";
  if (value === false) return "negated";
  return RED_FLAGS.has(id) ? "red-flag yes" : "other yes";
}

function same(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) < 0.01;
  return a === b;
}

export interface Tally {
  tp: number;
  predicted: number;
  expected: number;
}

export function evaluate(rows: readonly Labelled[]) {
  const tally = Object.fromEntries(GROUPS.map((g) => [g, { tp: 0, predicted: 0, expected: 0 }])) as Record<
    Group,
    Tally
  >;
  const misses: string[] = [];
  for (const row of rows) {
    const got = extractFindings(row.text).findings as Record<string, unknown>;
    for (const [id, value] of Object.entries(got)) {
      const t = tally[groupOf(id, value)];
      t.predicted++;
      if (id in row.findings && same(row.findings[id], value)) t.tp++;
      else
        misses.push(
          `extra   ${id}=${JSON.stringify(value)} (want ${JSON.stringify(row.findings[id])}) in: ${row.text}`,
        );
    }
    for (const [id, value] of Object.entries(row.findings)) {
      tally[groupOf(id, value)].expected++;
      if (!(id in got)) misses.push(`missed  ${id}=${JSON.stringify(value)} in: ${row.text}`);
    }
  }
  return { tally, misses };
}

export const ratio = (n: number, d: number) => (d === 0 ? 1 : n / d);

export function tableOf(tally: Record<Group, Tally>) {
  return GROUPS.map((g) => {
    const t = tally[g];
    return {
      group: g,
      expected: t.expected,
      predicted: t.predicted,
      correct: t.tp,
      precision: ratio(t.tp, t.predicted).toFixed(3),
      recall: ratio(t.tp, t.expected).toFixed(3),
    };
  });
}

/** Each group's "precision / recall", as the table prints them: what a test asserts. */
export function figuresOf(tally: Record<Group, Tally>): Record<Group, string> {
  return Object.fromEntries(tableOf(tally).map((r) => [r.group, `${r.precision} / ${r.recall}`])) as Record<
    Group,
    string
  >;
}
