import type { ConditionData } from "../packs/schema.js";
import type { FindingId, Findings } from "../vocabulary.js";

// Three-valued (Kleene) logic: 1 yes, 0 no, 0.5 unsure. "and" is min, "or" is max, "not" is 1 - x.
// A rule fires when its condition is at least 0.5, so an unsure answer or a missing detail can
// only add rules, never remove one (principles 2 and 3).

export type Truth = 0 | 0.5 | 1;
export const NO: Truth = 0;
export const UNSURE: Truth = 0.5;
export const YES: Truth = 1;

/** One evaluation's view of the findings: as given, and as the rules read them (implications applied). */
export interface Facts {
  readonly f: Findings;
  /**
   * The findings by id. A Map, not a copy of the case's own object: reading objects of many shapes
   * by key ran evaluate() at half the speed (`npm run bench`). Arrays indexed through a global slot
   * table were faster still, by about 1.5x, but no target rests on the rules core's speed and a bot
   * turn showed no difference, so the simpler form stays (docs/performance.md, "Speed tricks").
   */
  readonly v: Map<FindingId, Findings[FindingId]>;
}

export function facts(f: Findings): Facts {
  return { f, v: new Map(Object.entries(f) as Array<[FindingId, Findings[FindingId]]>) };
}

export type Condition = (x: Facts) => Truth;

export interface CompileContext {
  terms: Record<string, ConditionData>;
  /** What an absent finding counts as: 0.5 for details that principle 2 treats as unsure. */
  absent: Partial<Record<FindingId, Truth>>;
}

export function compileCondition(cond: ConditionData, ctx: CompileContext, seen: string[] = []): Condition {
  if ("always" in cond) return () => YES;
  if ("term" in cond) {
    const term = ctx.terms[cond.term];
    if (!term) throw new Error(`unknown term "${cond.term}"`);
    if (seen.includes(cond.term)) throw new Error(`term "${cond.term}" refers to itself`);
    // Worked out again wherever a rule uses it: remembering it per evaluation saved 5-15% of
    // evaluate() in the rules bench and nothing measurable in a bot turn.
    return compileCondition(term, ctx, [...seen, cond.term]);
  }
  if ("all" in cond) {
    const parts = cond.all.map((c) => compileCondition(c, ctx, seen));
    return (x) => {
      let t: Truth = YES;
      for (const p of parts) {
        const v = p(x);
        if (v === NO) return NO;
        if (v < t) t = v;
      }
      return t;
    };
  }
  if ("any" in cond) {
    const parts = cond.any.map((c) => compileCondition(c, ctx, seen));
    return (x) => {
      let t: Truth = NO;
      for (const p of parts) {
        const v = p(x);
        if (v === YES) return YES;
        if (v > t) t = v;
      }
      return t;
    };
  }
  if ("not" in cond) {
    const inner = compileCondition(cond.not, ctx, seen);
    return (x) => (1 - inner(x)) as Truth;
  }
  const id = cond.fact;
  const absent = ctx.absent[id] ?? NO;
  if ("in" in cond) {
    const allowed = new Set<string>(cond.in);
    return (x) => {
      const v = x.v.get(id);
      if (v === undefined) return absent;
      if (v === "unsure") return UNSURE;
      return allowed.has(v as string) ? YES : NO;
    };
  }
  if ("lt" in cond || "lte" in cond || "gt" in cond || "gte" in cond) {
    const test = numberTest(cond as { lt?: number; lte?: number; gt?: number; gte?: number });
    return (x) => {
      const v = x.v.get(id);
      if (v === undefined) return absent;
      if (typeof v !== "number") return UNSURE;
      return test(v) ? YES : NO;
    };
  }
  return (x) => {
    const v = x.v.get(id);
    if (v === true) return YES;
    if (v === false) return NO;
    if (v === undefined) return absent;
    return UNSURE;
  };
}

function numberTest(c: { lt?: number; lte?: number; gt?: number; gte?: number }): (v: number) => boolean {
  if (c.lt !== undefined) {
    const x = c.lt;
    return (v) => v < x;
  }
  if (c.lte !== undefined) {
    const x = c.lte;
    return (v) => v <= x;
  }
  if (c.gt !== undefined) {
    const x = c.gt;
    return (v) => v > x;
  }
  const x = c.gte as number;
  return (v) => v >= x;
}

/** Every finding a condition reads, through its terms. */
export function factsOf(
  cond: ConditionData,
  terms: Record<string, ConditionData>,
  out = new Set<FindingId>(),
) {
  if ("always" in cond) return out;
  if ("term" in cond) {
    const term = terms[cond.term];
    if (term) factsOf(term, terms, out);
  } else if ("all" in cond) for (const c of cond.all) factsOf(c, terms, out);
  else if ("any" in cond) for (const c of cond.any) factsOf(c, terms, out);
  else if ("not" in cond) factsOf(cond.not, terms, out);
  else out.add(cond.fact);
  return out;
}
