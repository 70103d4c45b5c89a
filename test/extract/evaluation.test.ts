import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  extractFindings,
  findIdentifiers,
  type IdentifierKind,
  redactIdentifiers,
} from "../../rules/extract/index.js";
import type { BoolFindingId, FindingId } from "../../rules/vocabulary.js";

// Precision and recall of free-text extraction over a labelled set of clinicians' one-line queries
// (the quick check). Red-flag positives must reach 0.95 precision and 0.9 recall.

interface Labelled {
  text: string;
  findings: Record<string, unknown>;
  identifiers?: IdentifierKind[];
}

const load = (url: URL): Labelled[] =>
  readFileSync(url, "utf8")
    .split("\n")
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as Labelled);
const rows = load(new URL("../fixtures/quick-check-queries.jsonl", import.meta.url));
// Written after the extractor was tuned on `rows`, and never tuned against: a second, honest opinion.
// Since then tuned against (its faults were fixed with general rules, see held-out-fixes.test.ts).
const heldOut = load(new URL("./held-out-queries.jsonl", import.meta.url));
// Written after those fixes and before any run: the honest opinion now. Never tune against it.
const heldOut2 = load(new URL("./held-out-2.jsonl", import.meta.url));
// Written after held-out 2's faults were fixed and committed before the extractor ever ran on it.
// Since then tuned against: its three false-positive red flags, then its misses (general rules,
// pinned in held-out-fixes.test.ts), so it is no longer an honest opinion; held-out 4 is.
const heldOut3 = load(new URL("./held-out-3.jsonl", import.meta.url));
// Written and committed before the extractor ever ran on it, while held-out 3's misses were being
// fixed. Never tune against it.
const heldOut4 = load(new URL("./held-out-4.jsonl", import.meta.url));

// Findings whose "yes" raises a red flag or decides an emergency or urgent route (the decision rules, docs/clinical-rules.md).
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

type Group = "red-flag yes" | "other yes" | "negated" | "unsure" | "numbers" | "body_area" | "age";
const GROUPS: Group[] = ["red-flag yes", "other yes", "negated", "unsure", "numbers", "body_area", "age"];

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

interface Tally {
  tp: number;
  predicted: number;
  expected: number;
}

function evaluate(rows: readonly Labelled[]) {
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

const ratio = (n: number, d: number) => (d === 0 ? 1 : n / d);

function tableOf(tally: Record<Group, Tally>) {
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

describe("quick-check extraction evaluation", () => {
  it("has a labelled set large enough to mean something", () => {
    expect(rows.length).toBeGreaterThanOrEqual(160);
    expect(rows.filter((r) => r.identifiers).length).toBeGreaterThanOrEqual(15);
  });

  it("meets the red-flag thresholds (precision >= 0.95, recall >= 0.9) and reports every group", () => {
    const { tally, misses } = evaluate(rows);
    console.log(`Quick-check extraction over ${rows.length} queries`);
    console.table(tableOf(tally));
    if (misses.length > 0) console.log(`Disagreements (${misses.length}):\n${misses.join("\n")}`);
    const red = tally["red-flag yes"];
    expect(ratio(red.tp, red.predicted)).toBeGreaterThanOrEqual(0.95);
    expect(ratio(red.tp, red.expected)).toBeGreaterThanOrEqual(0.9);
  });

  it("reports the held-out set (not tuned against)", () => {
    const { tally, misses } = evaluate(heldOut);
    console.log(`Held-out queries: ${heldOut.length}`);
    console.table(tableOf(tally));
    if (misses.length > 0) console.log(`Held-out disagreements (${misses.length}):\n${misses.join("\n")}`);
    expect(heldOut.length).toBeGreaterThanOrEqual(20);
  });

  it("reports the second held-out set (written before any run, not tuned against)", () => {
    const { tally, misses } = evaluate(heldOut2);
    console.log(`Held-out set 2: ${heldOut2.length}`);
    console.table(tableOf(tally));
    if (misses.length > 0) console.log(`Held-out 2 disagreements (${misses.length}):\n${misses.join("\n")}`);
    expect(heldOut2.length).toBeGreaterThanOrEqual(25);
  });

  it("reports the third held-out set (committed before any run, not tuned against)", () => {
    const { tally, misses } = evaluate(heldOut3);
    console.log(`Held-out set 3: ${heldOut3.length}`);
    console.table(tableOf(tally));
    if (misses.length > 0) console.log(`Held-out 3 disagreements (${misses.length}):\n${misses.join("\n")}`);
    expect(heldOut3.length).toBeGreaterThanOrEqual(30);
  });

  it("reports the fourth held-out set (committed before any run, not tuned against)", () => {
    const { tally, misses } = evaluate(heldOut4);
    console.log(`Held-out set 4: ${heldOut4.length}`);
    console.table(tableOf(tally));
    if (misses.length > 0) console.log(`Held-out 4 disagreements (${misses.length}):\n${misses.join("\n")}`);
    expect(heldOut4.length).toBeGreaterThanOrEqual(25);
  });

  it("finds the labelled identifiers, and no others, and redaction leaves none behind", () => {
    let tp = 0;
    let predicted = 0;
    let expected = 0;
    const problems: string[] = [];
    for (const row of rows) {
      const want = [...(row.identifiers ?? [])].sort();
      const got = findIdentifiers(row.text)
        .map((i) => i.kind)
        .sort();
      predicted += got.length;
      expected += want.length;
      const left = [...want];
      for (const k of got) {
        const at = left.indexOf(k);
        if (at >= 0) {
          tp++;
          left.splice(at, 1);
        }
      }
      if (JSON.stringify(got) !== JSON.stringify(want))
        problems.push(`${JSON.stringify(got)} vs ${JSON.stringify(want)}: ${row.text}`);
      if (findIdentifiers(redactIdentifiers(row.text)).length > 0)
        problems.push(`left after redaction: ${row.text}`);
    }
    console.log(
      `Identifiers: precision ${ratio(tp, predicted).toFixed(3)}, recall ${ratio(tp, expected).toFixed(3)} (${expected} labelled)`,
    );
    expect(problems).toEqual([]);
  });

  it("cites evidence made of exact parts of the query, short and free of identifiers, for every finding", () => {
    for (const row of [...rows, ...heldOut, ...heldOut2, ...heldOut3, ...heldOut4]) {
      const { findings, evidence, identifiers } = extractFindings(row.text);
      const raw = identifiers.map((i) => row.text.slice(i.start, i.end));
      for (const id of Object.keys(findings) as FindingId[]) {
        const words = evidence[id] ?? "";
        expect(words, `${id} in: ${row.text}`).toBeTruthy();
        expect(words.length, `${id} evidence "${words}"`).toBeLessThanOrEqual(60);
        for (const piece of words.split(" … ")) {
          expect(row.text.includes(piece), `${id} evidence "${words}" in: ${row.text}`).toBe(true);
          for (const r of raw) expect(piece, `${id} evidence in: ${row.text}`).not.toContain(r);
        }
      }
    }
  });
});
