import { readFileSync } from "node:fs";
import type { Findings, Region, RouteCode, Urgency } from "../../rules/vocabulary.js";

// The golden vignettes are plain JSON so clinicians can review and extend them without reading
// code; this module is the one place that knows where the file lives and what a row looks like.

export interface VignetteExpectation {
  route: RouteCode;
  urgency: Urgency;
  /** The rule that decides the primary route (the engine's rules[0].id). */
  rule: string;
  /** Routes that must also appear among the outcome's additional actions (a subset check). */
  additionalRoutes?: RouteCode[];
}

export interface Vignette {
  id: string;
  title: string;
  region: Region;
  borough?: string;
  findings: Findings;
  expect: VignetteExpectation;
  /** The same case as a clinician would type it in one chat message. */
  text: string;
  boundary?: string;
  source: string;
  /** Details deliberately left out because the vignette tests how a missing detail is read. */
  missingOnPurpose?: string[];
}

export const VIGNETTES_URL = new URL("./vignettes.json", import.meta.url);

/** Raw rows, unvalidated: the shape test checks them before anything trusts the types. */
export function readVignetteRows(): unknown[] {
  const parsed: unknown = JSON.parse(readFileSync(VIGNETTES_URL, "utf8"));
  if (!Array.isArray(parsed)) throw new Error("vignettes.json must hold a JSON array");
  return parsed;
}

/** Rows typed as vignettes. Only safe to rely on while vignettes-shape.test.ts passes. */
export function readVignettes(): Vignette[] {
  return readVignetteRows() as Vignette[];
}
