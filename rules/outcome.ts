import type { FindingId, PathwayKey, RouteCode, Urgency } from "./vocabulary.js";

// Public shapes of the rules core (CONTRACT.md §1). Fields may be added, never renamed.

export interface FiredRule {
  id: string;
  name: string;
  source: string;
  route: RouteCode;
  urgency: Urgency;
  /** True when the rule fired only because an answer was unsure or a detail was missing. */
  onUncertainty: boolean;
}

export interface AdditionalAction {
  route: RouteCode;
  urgency: Urgency;
  rule: string;
  title: string;
}

export interface PathwayLink {
  key: PathwayKey;
  title: string;
  publisher: string;
  url: string;
}

export interface Referral {
  borough?: string;
  boroughName?: string;
  provider?: string;
  text: string;
  selfReferral?: string;
}

export interface Outcome {
  route: RouteCode;
  urgency: Urgency;
  /** Plain-language title of the route, from the region pack. */
  title: string;
  /** What the clinician does now, from the region pack. */
  action: string;
  /** Human clock for the urgency ("now, same day"). */
  clock: string;
  pathways: PathwayKey[];
  pathwayLinks: PathwayLink[];
  rules: Array<{ id: string; name: string; source: string; onUncertainty: boolean }>;
  additional: AdditionalAction[];
  uncertain: FindingId[];
  /** Serious-pathology flags that raise suspicion without deciding a route (RULES.md §5, 002). */
  suspicionFlags: string[];
  imaging: string;
  safetyNet: string;
  referral: Referral;
  region: string;
  rulesVersion: string;
  /** Set when the region pack is past its review date on the day of the decision. */
  reviewOverdue: boolean;
  disclaimer: string;
}

export type QuestionType = "bool" | "number" | "choice";

export interface Question {
  id: FindingId;
  type: QuestionType;
  text: string;
  /** Why the question is asked, in a clinician's words. */
  why: string;
  source: string;
  choices?: Array<{ value: string; title: string }>;
  min?: number;
  max?: number;
  unit?: string;
  /** True for judgement questions (RULES.md §1 principle 6). */
  judgement: boolean;
}
