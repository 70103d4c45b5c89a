import type { FindingId, PathwayKey, RouteCode, Urgency } from "./vocabulary.js";

// Public shapes of the rules core (docs/interfaces.md, command line). Fields may be added, never renamed.

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
  /** `source` keeps the pack's short source ids for tools; `sourceText` names them for clinicians. */
  rules: Array<{ id: string; name: string; source: string; sourceText: string; onUncertainty: boolean }>;
  additional: AdditionalAction[];
  uncertain: FindingId[];
  /** Serious-pathology flags that raise suspicion without deciding a route . */
  suspicionFlags: string[];
  imaging: string;
  safetyNet: string;
  /** The MRI implant check, on outcomes whose route or actions lead to MRI. */
  mriCheck?: string;
  /** Who to phone for the action (the MSCC co-ordinator), or a note that the contact is not configured. */
  contact?: { text: string; phone?: string };
  /** True when the patient is certainly under 16 (the card then carries a child's wording). */
  child: boolean;
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
  /** Set when the question is asked in another unit than the finding keeps: finding = answer / divideBy. */
  divideBy?: number;
  /** True for the clinician's own concern (judgement) questions. */
  judgement: boolean;
}

/** Several yes/no findings on one topic, asked as one checklist. */
export interface Screen {
  /** Short name; a submit names the screen as "screen:<id>". */
  id: string;
  title: string;
  why: string;
  /** The open items, in pack order. */
  items: Question[];
}
