import { BODY_AREAS, BOOL_FINDINGS, type Findings, REGIONS, type Region } from "../rules/vocabulary.js";

/** A deterministic spread of cases (seeded), so bench figures compare run to run. */
export function generateCases(n: number, seed = 42): Array<{ region: Region; findings: Findings }> {
  let s = seed >>> 0;
  const rand = () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const out: Array<{ region: Region; findings: Findings }> = [];
  for (let i = 0; i < n; i++) {
    const f: Record<string, unknown> = {
      age: Math.floor(10 + rand() * 80),
      body_area: pick([...BODY_AREAS, "unsure"]),
    };
    for (let k = 0; k < 5; k++) f[pick(BOOL_FINDINGS)] = pick([true, false, "unsure"]);
    if (rand() < 0.3) f.ces_symptom_weeks = Math.floor(rand() * 8);
    if (rand() < 0.3) f.motor_power_grade = Math.floor(rand() * 6);
    out.push({ region: pick(REGIONS), findings: f as Findings });
  }
  return out;
}
