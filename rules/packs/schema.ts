import { z } from "zod";
import {
  BODY_AREAS,
  BOOL_FINDINGS,
  CHOICE_FINDINGS,
  FINDING_IDS,
  NUMBER_FINDINGS,
  PATHWAY_KEYS,
  ROUTE_CODES,
  URGENCY_LEVELS,
} from "../vocabulary.js";

// The shape of a region pack. Clinical content lives in the JSON beside this file; this schema is
// what makes a wrong id, a missing source or a misspelt route fail at load instead of mis-routing.

const findingId = z.enum(FINDING_IDS);
const boolFindingId = z.enum(BOOL_FINDINGS);
const numberFindingId = z.enum(NUMBER_FINDINGS);
const route = z.enum(ROUTE_CODES);
const urgency = z.enum(URGENCY_LEVELS);
const pathwayKey = z.enum(PATHWAY_KEYS);
const nonEmpty = z.string().trim().min(1);

export type ConditionData =
  | { always: true }
  | { fact: z.infer<typeof boolFindingId> }
  | { fact: z.infer<typeof numberFindingId>; lt?: number; lte?: number; gt?: number; gte?: number }
  | { fact: "body_area"; in: Array<(typeof BODY_AREAS)[number]> }
  | { term: string }
  | { all: ConditionData[] }
  | { any: ConditionData[] }
  | { not: ConditionData };

export const conditionSchema: z.ZodType<ConditionData> = z.lazy(() =>
  z.union([
    z.strictObject({ always: z.literal(true) }),
    z.strictObject({ fact: boolFindingId }),
    z
      .strictObject({
        fact: numberFindingId,
        lt: z.number().optional(),
        lte: z.number().optional(),
        gt: z.number().optional(),
        gte: z.number().optional(),
      })
      .refine((c) => [c.lt, c.lte, c.gt, c.gte].filter((v) => v !== undefined).length === 1, {
        message: "a number condition needs exactly one of lt, lte, gt, gte",
      }),
    z.strictObject({ fact: z.literal("body_area"), in: z.array(z.enum(BODY_AREAS)).min(1) }),
    z.strictObject({ term: nonEmpty }),
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
  ]),
);

export const questionSchema = z.strictObject({
  id: findingId,
  type: z.enum(["bool", "number", "choice"]),
  text: nonEmpty,
  why: nonEmpty,
  source: nonEmpty,
  /** Short label for summaries and "I noted: ..." lines. */
  label: nonEmpty,
  choices: z.array(z.strictObject({ value: nonEmpty, title: nonEmpty })).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  unit: z.string().optional(),
  judgement: z.boolean().default(false),
  /** What an unanswered finding counts as in the final decision (RULES.md §1 principle 2). */
  absentMeans: z.enum(["no", "unsure"]).default("no"),
  /** The least urgent value: what a not-yet-asked finding is assumed to be when deciding whether to stop. */
  leastUrgent: z.union([z.boolean(), z.number(), z.string()]).optional(),
  /** Asked only when this holds on the answers so far. */
  askWhen: conditionSchema.optional(),
  /** Asked only when the outcome so far would use one of these routes (e.g. the borough for community routes). */
  askWhenRoute: z.array(route).optional(),
  /** Never asked in conversation (still accepted as a finding from the command line or free text). */
  askable: z.boolean().default(true),
  /** Asked before stopping on an emergency whenever a "yes" would change the route (RULES.md §1 principle 4). */
  askBeforeEmergencyStop: z.boolean().default(false),
  /** Counted as a red flag on the card's "not asked" list. */
  redFlag: z.boolean().default(true),
});

export const ruleSchema = z.strictObject({
  id: z.string().regex(/^R\d{2}[A-Z]?$/, "rule ids look like R07 or R07B"),
  name: nonEmpty,
  when: conditionSchema,
  route,
  urgency,
  pathways: z.array(pathwayKey).default([]),
  /** Pathways added only when a condition holds (e.g. DCM with R05 when myelopathy signs are present). */
  pathwaysWhen: z.array(z.strictObject({ key: pathwayKey, when: conditionSchema })).default([]),
  source: nonEmpty,
  /** Where the sources are silent and the conservative choice is the team's (RULES.md [silent]). */
  silent: z.string().optional(),
  /** A fallback fires only when no other rule does. */
  fallback: z.boolean().default(false),
  /**
   * When this rule certainly fires and no emergency does, it replaces these routes and carries the
   * most urgent of their urgencies (used for under-16s, RULES.md §1 principle 8).
   */
  supersedes: z.array(route).optional(),
});

/** Advice text with the situations it applies to: any one trigger (all of its parts) is enough; none = always. */
const adviceText = z.strictObject({
  text: nonEmpty,
  source: nonEmpty,
  triggers: z
    .array(
      z.strictObject({
        when: conditionSchema.optional(),
        whenRoute: z.array(route).optional(),
        whenPathway: z.array(pathwayKey).optional(),
      }),
    )
    .optional(),
});

const boroughSchema = z.strictObject({
  name: nonEmpty,
  provider: nonEmpty,
  tier1: z.strictObject({ routine: nonEmpty, urgent: nonEmpty }),
  tier2: z.strictObject({ routine: nonEmpty, urgent: nonEmpty }),
  selfReferral: nonEmpty,
  silent: z.string().optional(),
});

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "dates are YYYY-MM-DD");

export const packSchema = z.strictObject({
  region: z.enum(["NEL", "NWL", "BNSSG"]),
  regionName: nonEmpty,
  guideline: z.strictObject({
    version: nonEmpty,
    effective: isoDate,
    review: isoDate,
    source: nonEmpty,
  }),
  disclaimer: nonEmpty,
  urgencies: z.record(urgency, z.strictObject({ clock: nonEmpty, label: nonEmpty })),
  routes: z.record(route, z.strictObject({ title: nonEmpty, action: nonEmpty })),
  pathways: z.record(
    pathwayKey,
    z.strictObject({ title: nonEmpty, publisher: nonEmpty, url: z.url({ protocol: /^https$/ }) }),
  ),
  terms: z.record(z.string(), conditionSchema),
  questions: z.array(questionSchema).min(1),
  rules: z.array(ruleSchema).min(1),
  suspicionFlags: z.array(z.strictObject({ label: nonEmpty, when: conditionSchema, source: nonEmpty })),
  implies: z.array(z.tuple([boolFindingId, boolFindingId])).default([]),
  imaging: z.array(adviceText).min(1),
  safetyNet: z.array(adviceText).min(1),
  referral: z.strictObject({
    /** Route-specific text, used for routes that do not go to a borough's community MSK service. */
    byRoute: z.partialRecord(route, nonEmpty),
    /** Community routes when no borough table applies or no borough was given. */
    community: nonEmpty,
    boroughs: z.record(z.string().regex(/^[a-z_]+$/), boroughSchema).default({}),
  }),
});

export type PackData = z.infer<typeof packSchema>;
export type QuestionData = z.infer<typeof questionSchema>;
export type RuleData = z.infer<typeof ruleSchema>;
export type AdviceText = z.infer<typeof adviceText>;

export { CHOICE_FINDINGS };
