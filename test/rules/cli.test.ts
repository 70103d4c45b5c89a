import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// docs/interfaces.md §1 through a real process, exactly as `npm run --silent triage -- ...` runs it:
// outside tools depend on the exit codes and on stdout staying empty when the input is bad.

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const HAS_EXTRACT = existsSync(new URL("../../rules/extract/index.ts", import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The source entry through tsx; `bundled` runs what `npm run triage` runs (an esbuild bundle of rules/). */
function triage(args: string[], input: string, bundled = false): Promise<Run> {
  const entry = bundled ? ["scripts/triage.mjs"] : ["--import", "tsx", "rules/cli/main.ts"];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...entry, ...args], { cwd: ROOT });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const caseJson = (c: unknown) => JSON.stringify(c);

describe.concurrent("triage decide", () => {
  it.each([
    [
      "NEL",
      {
        region: "NEL",
        borough: "newham",
        findings: { age: 62, body_area: "thoracic", cancer_history: true },
      },
    ],
    [
      "NWL",
      { region: "NWL", findings: { body_area: "lumbar", saddle_anaesthesia: true, ces_symptom_weeks: 5 } },
    ],
    ["BNSSG", { region: "BNSSG", findings: { body_area: "lumbar", infection_suspected: true } }],
  ])("answers docs/interfaces.md §1 for %s", async (region, c) => {
    const r = await triage(["decide"], caseJson(c));
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout);
    expect(o.region).toBe(region);
    expect(o.rules[0]).toEqual(
      expect.objectContaining({ id: expect.any(String), source: expect.any(String) }),
    );
    for (const key of [
      "route",
      "urgency",
      "pathways",
      "additional",
      "uncertain",
      "imaging",
      "safetyNet",
      "referral",
    ])
      expect(o, key).toHaveProperty(key);
    expect(o.rulesVersion).toMatch(/effective \d{4}-\d{2}-\d{2}, review \d{4}-\d{2}-\d{2}/);
  });

  it("gives the contract's example its documented route", async () => {
    const r = await triage(
      ["decide"],
      caseJson({
        region: "NEL",
        borough: "newham",
        findings: { age: 62, body_area: "thoracic", cancer_history: true, night_pain: "unsure" },
      }),
    );
    const o = JSON.parse(r.stdout);
    expect([o.route, o.urgency, o.rules[0].id]).toEqual(["CANCER_PATHWAY", "within_24h", "R12"]);
    expect(o.uncertain).toContain("night_pain");
  });

  it("decide --jsonl: one outcome per line in order; a bad line gets an error object and exit 1", async () => {
    const lines = [
      caseJson({ findings: { body_area: "limb", age: 40 } }),
      "{not json",
      caseJson({ findings: { saddle_numbness: true } }),
      caseJson({ region: "BNSSG", findings: { body_area: "limb", suspected_fracture: true } }),
    ];
    const r = await triage(["decide", "--jsonl"], `${lines.join("\n")}\n`);
    expect(r.code).toBe(1);
    const out = r.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(out).toHaveLength(4);
    expect(out[0].route).toBe("ROUTINE_PHYSIO");
    expect(out[1]).toEqual({ error: expect.stringMatching(/JSON/) });
    expect(out[2]).toEqual({ error: expect.stringMatching(/saddle_numbness/) });
    expect(out[3]).toMatchObject({ route: "ED_NOW", region: "BNSSG" });
  });

  it("decide --jsonl with only good lines exits 0", async () => {
    const r = await triage(
      ["decide", "--jsonl"],
      `${caseJson({ findings: {} })}\n\n${caseJson({ findings: {} })}`,
    );
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split("\n")).toHaveLength(2);
  });
});

describe("npm run triage (the bundled entry)", () => {
  it("answers exactly as the source entry, and exits 2 on bad input with nothing on stdout", async () => {
    const c = caseJson({
      region: "NEL",
      borough: "newham",
      findings: { body_area: "lumbar", acute_severe_pain: true },
    });
    const [bundled, source] = [await triage(["decide"], c, true), await triage(["decide"], c)];
    expect(bundled.code).toBe(0);
    const strip = (s: string) => ({ ...JSON.parse(s), reviewOverdue: undefined });
    expect(strip(bundled.stdout)).toEqual(strip(source.stdout));
    const bad = await triage(["decide"], caseJson({ findings: { age: -1 } }), true);
    expect([bad.code, bad.stdout]).toEqual([2, ""]);
    expect(bad.stderr).toMatch(/age/);
  });
});

describe.concurrent("triage questions", () => {
  it("prints the catalogue with id, type, text, choices and source", async () => {
    const r = await triage(["questions"], "");
    expect(r.code).toBe(0);
    const qs = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(qs.length).toBeGreaterThan(40);
    for (const q of qs) {
      expect(q).toEqual(
        expect.objectContaining({
          id: expect.any(String),
          type: expect.any(String),
          text: expect.any(String),
        }),
      );
      expect(String(q.source).trim()).not.toBe("");
      expect(q).toHaveProperty("choices");
    }
    const area = qs.find((q) => q.id === "body_area");
    expect(area?.choices).toEqual(expect.arrayContaining([expect.objectContaining({ value: "limb" })]));
    expect(qs.some((q) => q.id === "borough")).toBe(true);
  });

  it("--region NWL has no borough question", async () => {
    const r = await triage(["questions", "--region", "NWL"], "");
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Array<{ id: string }>).some((q) => q.id === "borough")).toBe(false);
  });
});

describe.concurrent("bad input: exit 2, the field named on stderr, nothing on stdout", () => {
  it.each([
    ["malformed JSON", ["decide"], "{", /JSON/],
    ["unknown finding id", ["decide"], caseJson({ findings: { saddle_numbness: true } }), /saddle_numbness/],
    ["wrong type", ["decide"], caseJson({ findings: { cancer_history: "yes" } }), /cancer_history/],
    [
      "out-of-range number",
      ["decide"],
      caseJson({ findings: { motor_power_grade: 7 } }),
      /motor_power_grade/,
    ],
    [
      "non-integer power grade",
      ["decide"],
      caseJson({ findings: { motor_power_grade: 3.5 } }),
      /motor_power_grade/,
    ],
    ["unknown body area", ["decide"], caseJson({ findings: { body_area: "knee" } }), /body_area/],
    ["unknown region", ["decide"], caseJson({ region: "SWL", findings: {} }), /region/],
    ["unknown borough", ["decide"], caseJson({ borough: "camden", findings: {} }), /borough/],
    [
      "borough outside NEL",
      ["decide"],
      caseJson({ region: "NWL", borough: "newham", findings: {} }),
      /borough/,
    ],
    ["unknown top-level field", ["decide"], caseJson({ findngs: {} }), /findngs/],
    ["unknown --region", ["questions", "--region", "XX"], "", /--region/],
    ["unknown command", ["decida"], "", /decida/],
  ])("%s", async (_name, args, input, field) => {
    const r = await triage(args as string[], input as string);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(field as RegExp);
  });
});

describe.concurrent("triage extract", () => {
  it.skipIf(!HAS_EXTRACT)("reads free text and prints findings with evidence", async () => {
    const r = await triage(["extract"], "62F thoracic back pain, known breast cancer, new saddle numbness");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toHaveProperty("findings");
    expect(out).toHaveProperty("evidence");
    expect(out.findings.saddle_anaesthesia).toBe(true);
    expect(out.evidence.saddle_anaesthesia).toMatch(/saddle/i);
  });

  it.skipIf(!HAS_EXTRACT)(
    "extract --jsonl: one result per JSON string line, error object for others, exit 1",
    async () => {
      const r = await triage(["extract", "--jsonl"], `${JSON.stringify("no red flags")}\n42\n`);
      expect(r.code).toBe(1);
      const out = r.stdout
        .trimEnd()
        .split("\n")
        .map((l) => JSON.parse(l));
      expect(out[0]).toHaveProperty("findings");
      expect(out[1]).toEqual({ error: expect.any(String) });
    },
  );
});
