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
  /** What an unanswered finding counts as in the final decision (principle 2, docs/clinical-rules.md). */
  absentMeans: z.enum(["no", "unsure"]).default("no"),
  /** The least urgent value: what a not-yet-asked finding is assumed to be when deciding whether to stop. */
  leastUrgent: z.union([z.boolean(), z.number(), z.string()]).optional(),
  /** Asked only when this holds on the answers so far (the body area, age or a fact it follows up). */
  askWhen: conditionSchema.optional(),
  /**
   * For a concern (judgement) question: the facts that raise it. Raised, it is asked alone right
   * after the screen holding those facts, naming them, when its answer could change the route
   * there; otherwise it waits in the concern screen. It is asked either way.
   */
  raisedWhen: conditionSchema.optional(),
  /** Asked in another unit than the finding is kept in (days for a finding kept in weeks: divideBy 7). */
  askedIn: z.strictObject({ unit: nonEmpty, divideBy: z.number().positive(), max: z.number() }).optional(),
  /** Asked only when the outcome so far would use one of these routes (e.g. the borough for community routes). */
  askWhenRoute: z.array(route).optional(),
  /** Never asked in conversation (still accepted as a finding from the command line or free text). */
  askable: z.boolean().default(true),
  /** Asked before stopping on an emergency whenever a "yes" would change the route (principle 4, docs/clinical-rules.md). */
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
  /** Where the sources are silent and the conservative choice is the team's (docs/clinical-rules.md [silent]). */
  silent: z.string().optional(),
  /** A fallback fires only when no other rule does. */
  fallback: z.boolean().default(false),
  /**
   * When this rule certainly fires, it replaces every other non-emergency rule except these and
   * carries the most urgent of their urgencies (the paediatric route for under-16s).
   */
  supersedes: z.strictObject({ except: z.array(z.string()) }).optional(),
  /** The rule's action involves the MSCC co-ordinator: the outcome carries the contact (adults). */
  contact: z.literal("mscc").optional(),
  /** What the clinician does when this rule sets the route, where it differs from the route's text. */
  action: nonEmpty.optional(),
  /** Referral text when this rule sets the route, where it differs from the route's. */
  referral: nonEmpty.optional(),
  /**
   * A different urgency and wording when a condition holds (e.g. NICE's timings for children and
   * young people). The first variant whose condition is not certainly false applies, so an unsure
   * answer takes the more urgent variant.
   */
  variants: z
    .array(
      z.strictObject({
        when: conditionSchema,
        urgency,
        clock: nonEmpty.optional(),
        title: nonEmpty.optional(),
        action: nonEmpty.optional(),
        referral: nonEmpty.optional(),
      }),
    )
    .default([]),
});

/** A sentence added to the action when it applies (e.g. myeloma bloods at 60 or over). */
const actionNote = z.strictObject({
  text: nonEmpty,
  routes: z.array(route).min(1),
  when: conditionSchema.optional(),
  /** Only when the condition certainly holds: for notes that offer a less acute option. */
  certain: z.boolean().default(false),
  /** Only when every emergency rule that fired is one of these. */
  onlyEmergencyRules: z.array(z.string()).optional(),
});

/** One step of the conversation: a single question, or a screen of yes/no findings on one topic. */
const flowStep = z.union([
  z.strictObject({ ask: findingId }),
  z.strictObject({
    screen: z.string().regex(/^[a-z_]+$/),
    title: nonEmpty,
    why: nonEmpty,
    /** The screen is shown only when this holds (e.g. spinal context for cauda equina). */
    when: conditionSchema.optional(),
    /**
     * Shown only while a "yes" to its items could still change the route or its urgency (the
     * referral criteria, which only choose the tier). Never set on a screen of concerns.
     */
    onlyIfRouteCanChange: z.literal(true).optional(),
    items: z.array(boolFindingId).min(1),
  }),
]);

/** A source by name, so a clinician never sees an internal id. */
const sourceSchema = z.strictObject({
  title: nonEmpty,
  publisher: nonEmpty,
  /** Version or date, as the source states it. */
  version: nonEmpty,
  url: z.url({ protocol: /^https$/ }).optional(),
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
        /** Only when no route, additional action or pathway reached is one of these. */
        unlessRoute: z.array(route).optional(),
        unlessPathway: z.array(pathwayKey).optional(),
      }),
    )
    .optional(),
  /** Resources the text refers to: their links go on the card with it. */
  links: z.array(pathwayKey).default([]),
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
  /** A child's wording for a route (under 16): no adult-only text on a child's card. */
  childRoutes: z.partialRecord(
    route,
    z.strictObject({ title: nonEmpty, action: nonEmpty, referral: nonEmpty.optional() }),
  ),
  actionNotes: z.array(actionNote).default([]),
  /**
   * The acute oncology / MSCC co-ordinator contact: deployment data. Left out of the shipped packs
   * (the sources give no number); a deployment sets it here or in its settings.
   */
  msccContact: z.strictObject({ name: nonEmpty, phone: nonEmpty }).optional(),
  sources: z.record(z.string(), sourceSchema),
  flow: z.array(flowStep).min(1),
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
  /** The MRI implant check, shown on outcomes that lead to MRI instead of being asked. */
  mriCheck: adviceText,
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
export type FlowStepData = z.infer<typeof flowStep>;
export type ActionNoteData = z.infer<typeof actionNote>;
export type SourceData = z.infer<typeof sourceSchema>;

export { CHOICE_FINDINGS };
