import { z } from "zod";
import { PATHWAY_KEYS, REGIONS, ROUTE_CODES } from "../vocabulary.js";
import { packSchema, questionSchema, ruleSchema } from "./schema.js";

// A region is the shared base plus an overlay that says only what differs (docs/clinical-rules.md, region differences), so a
// regional difference is a visible line of data rather than an `if (region)` in the engine.

const adviceList = packSchema.shape.imaging;

export const overlaySchema = z.strictObject({
  region: z.enum(REGIONS),
  regionName: packSchema.shape.regionName,
  guideline: packSchema.shape.guideline,
  rules: z
    .strictObject({
      remove: z.array(z.string()).default([]),
      replace: z.record(z.string(), ruleSchema).default({}),
      insertAfter: z.record(z.string(), z.array(ruleSchema)).default({}),
    })
    .optional(),
  questions: z.strictObject({ add: z.array(questionSchema).default([]) }).optional(),
  imaging: z.strictObject({ prepend: adviceList.optional(), append: adviceList.optional() }).optional(),
  safetyNet: z.strictObject({ prepend: adviceList.optional(), append: adviceList.optional() }).optional(),
  routes: z.partialRecord(z.enum(ROUTE_CODES), packSchema.shape.routes.valueType).optional(),
  /** A region's own pathway pages (its own sarcoma service, say) in place of the national defaults. */
  pathways: z.partialRecord(z.enum(PATHWAY_KEYS), packSchema.shape.pathways.valueType).optional(),
  sources: packSchema.shape.sources.optional(),
  msccContact: packSchema.shape.msccContact,
  referral: packSchema.shape.referral.partial().optional(),
});

export type Overlay = z.infer<typeof overlaySchema>;

/** Applies an overlay to the base. Returns plain data for packSchema to validate as a whole. */
export function applyOverlay(base: Record<string, unknown>, overlay: Overlay): Record<string, unknown> {
  const baseRules = base.rules as Array<{ id: string }>;
  const ruleEdits = overlay.rules;
  const known = new Set(baseRules.map((r) => r.id));
  for (const id of [
    ...(ruleEdits?.remove ?? []),
    ...Object.keys(ruleEdits?.replace ?? {}),
    ...Object.keys(ruleEdits?.insertAfter ?? {}),
  ]) {
    if (!known.has(id))
      throw new Error(`${overlay.region} overlay edits rule ${id}, which the base does not have`);
  }
  const rules = baseRules.flatMap((rule) => {
    if (ruleEdits?.remove.includes(rule.id)) return [];
    const kept = ruleEdits?.replace[rule.id] ?? rule;
    return [kept, ...(ruleEdits?.insertAfter[rule.id] ?? [])];
  });
  const advice = (key: "imaging" | "safetyNet") => [
    ...(overlay[key]?.prepend ?? []),
    ...(base[key] as unknown[]),
    ...(overlay[key]?.append ?? []),
  ];
  return {
    ...base,
    region: overlay.region,
    regionName: overlay.regionName,
    guideline: overlay.guideline,
    rules,
    questions: [...(base.questions as unknown[]), ...(overlay.questions?.add ?? [])],
    // A region's own questions (NEL's borough) come last in the conversation, one at a time.
    flow: [...(base.flow as unknown[]), ...(overlay.questions?.add ?? []).map((q) => ({ ask: q.id }))],
    imaging: advice("imaging"),
    safetyNet: advice("safetyNet"),
    routes: { ...(base.routes as object), ...overlay.routes },
    pathways: { ...(base.pathways as object), ...overlay.pathways },
    sources: { ...(base.sources as object), ...overlay.sources },
    ...(overlay.msccContact ? { msccContact: overlay.msccContact } : {}),
    referral: { ...(base.referral as object), ...overlay.referral },
  };
}
