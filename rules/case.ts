import { z } from "zod";
import { loadPack } from "./packs/index.js";
import {
  BODY_AREAS,
  BOOL_FINDINGS,
  type Findings,
  NUMBER_FINDINGS,
  type NumberFindingId,
  REGIONS,
  type Region,
} from "./vocabulary.js";

// The case format of docs/interfaces.md §1, checked strictly: a misspelt finding id must fail loudly rather
// than be read as "absent" (which means "no").

const unsure = z.literal("unsure");
const RANGES: Record<NumberFindingId, { min: number; max: number; int: boolean }> = {
  age: { min: 0, max: 120, int: false },
  ces_symptom_weeks: { min: 0, max: 520, int: false },
  motor_power_grade: { min: 0, max: 5, int: true },
  motor_onset_weeks: { min: 0, max: 520, int: false },
};

const numberAnswer = (id: NumberFindingId) => {
  const r = RANGES[id];
  let n = z.number().min(r.min).max(r.max);
  if (r.int) n = n.int();
  return z.union([n, unsure], { error: `expected a number from ${r.min} to ${r.max} or "unsure"` });
};

const findingsShape = {
  ...Object.fromEntries(
    BOOL_FINDINGS.map((id) => [
      id,
      z.union([z.boolean(), unsure], { error: 'expected true, false or "unsure"' }),
    ]),
  ),
  ...Object.fromEntries(NUMBER_FINDINGS.map((id) => [id, numberAnswer(id)])),
  body_area: z.union([z.enum(BODY_AREAS), unsure], {
    error: `expected one of ${BODY_AREAS.join(", ")} or "unsure"`,
  }),
  borough: z.string(),
} as Record<string, z.ZodType>;

export const caseSchema = z.strictObject({
  region: z.enum(REGIONS).default("NEL"),
  borough: z.string().optional(),
  findings: z.strictObject(findingsShape).partial().default({}),
});

export interface Case {
  region: Region;
  borough?: string;
  findings: Findings;
}

export class CaseError extends Error {}

/** Parses one case; throws CaseError naming the first bad field. */
export function parseCase(input: unknown): Case {
  const r = caseSchema.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0];
    const path = issue?.path.join(".") ?? "";
    const keys = issue && "keys" in issue ? (issue.keys as string[]) : [];
    const field = keys.length ? [path, keys[0]].filter(Boolean).join(".") : path || "(case)";
    const message = issue?.code === "unrecognized_keys" ? "unknown field" : (issue?.message ?? "invalid");
    throw new CaseError(`${field}: ${message}`);
  }
  const c = r.data as Case;
  const borough = c.borough ?? c.findings.borough;
  if (borough !== undefined) {
    const boroughs = loadPack(c.region).data.referral.boroughs;
    if (!(borough in boroughs)) {
      const known = Object.keys(boroughs);
      throw new CaseError(
        known.length
          ? `borough: unknown borough "${borough}" (one of ${known.join(", ")})`
          : `borough: ${c.region} has no borough table; leave borough out`,
      );
    }
  }
  return borough === undefined ? c : { ...c, borough };
}
