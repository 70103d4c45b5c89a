import { type CompileContext, type Condition, compileCondition, factsOf, UNSURE } from "../engine/logic.js";
import type { Question } from "../outcome.js";
import {
  type BoolFindingId,
  type FindingId,
  type PathwayKey,
  type RouteCode,
  type Urgency,
  urgencyRank,
} from "../vocabulary.js";
import type {
  ActionNoteData,
  AdviceText,
  ConditionData,
  PackData,
  QuestionData,
  RuleData,
} from "./schema.js";
import { nameSources } from "./sources.js";

// Turns validated pack data into closures once, at load, so a decision is a few hundred function
// calls (the bench target is 200,000 decisions a second).

export interface CompiledRule {
  data: RuleData;
  index: number;
  /** Every finding the rule's condition reads (through its terms). */
  reads: ReadonlySet<FindingId>;
  rank: number;
  /** The most urgent this rule can be, with any variant (what a question could still reach). */
  maxRank: number;
  when: Condition;
  pathwaysWhen: Array<{ key: PathwayKey; when: Condition }>;
  variants: Array<{ data: RuleData["variants"][number]; when: Condition; rank: number }>;
  /** The rule's sources by name, as clinicians see them. */
  sourceText: string;
}

/** One step of the conversation, in pack order. */
export type CompiledStep =
  | { kind: "ask"; question: CompiledQuestion }
  | {
      kind: "screen";
      id: string;
      title: string;
      why: string;
      when: Condition | undefined;
      onlyIfRouteCanChange: boolean;
      items: CompiledQuestion[];
    };

export interface CompiledNote {
  data: ActionNoteData;
  when: Condition | undefined;
}

export interface CompiledQuestion {
  data: QuestionData;
  index: number;
  public: Question;
  askWhen: Condition | undefined;
  /** Rules whose outcome this answer can change, directly or by opening another question. */
  reach: CompiledRule[];
  raisedWhen: Condition | undefined;
}

export interface CompiledAdvice {
  text: string;
  source: string;
  /** The text with its source, as the outcome shows it. */
  cited: string;
  triggers:
    | Array<{
        when?: Condition;
        whenRoute?: RouteCode[];
        whenPathway?: PathwayKey[];
        unlessRoute?: RouteCode[];
        unlessPathway?: PathwayKey[];
      }>
    | undefined;
  links: PathwayKey[];
}

export interface Pack {
  data: PackData;
  rules: CompiledRule[];
  questions: CompiledQuestion[];
  questionById: Map<FindingId, CompiledQuestion>;
  /** Details that count as unsure when missing (principle 2 in docs/clinical-rules.md). */
  absentMeansUnsure: CompiledQuestion[];
  suspicionFlags: Array<{ label: string; when: Condition; reads: FindingId[] }>;
  imaging: CompiledAdvice[];
  safetyNet: CompiledAdvice[];
  mriCheck: CompiledAdvice;
  actionNotes: CompiledNote[];
  flow: CompiledStep[];
  rulesVersion: string;
  /**
   * Findings that imply another before any rule reads them: a yes (or unsure) to the first counts
   * for the second unless that is already yes (under oncology means a cancer history).
   */
  implies: Array<[BoolFindingId, BoolFindingId]>;
}

export function compilePack(data: PackData): Pack {
  const absent: CompileContext["absent"] = {};
  for (const q of data.questions) if (q.absentMeans === "unsure") absent[q.id] = UNSURE;
  const ctx: CompileContext = { terms: data.terms, absent };
  // Errors name where in the pack the bad condition is, so a reviewer need not search for it.
  const compile = (c: Parameters<typeof compileCondition>[0], where: string) => {
    try {
      return compileCondition(c, ctx);
    } catch (e) {
      throw new Error(`${where}: ${(e as Error).message}`);
    }
  };

  const ids = new Set<string>();
  const named = (cited: string, where: string) => {
    try {
      return nameSources(data.sources, cited);
    } catch (e) {
      throw new Error(`${where}: ${(e as Error).message}`);
    }
  };
  const rules = data.rules.map((r, index): CompiledRule => {
    if (ids.has(r.id)) throw new Error(`rules.${index}.id: duplicate rule id ${r.id}`);
    ids.add(r.id);
    return {
      sourceText: named(r.source, `rules.${index} (${r.id}).source`),
      variants: r.variants.map((v, i) => ({
        data: v,
        when: compile(v.when, `rules.${index} (${r.id}).variants.${i}.when`),
        rank: urgencyRank(v.urgency as Urgency),
      })),
      data: r,
      index,
      reads: factsOf(r.when, data.terms),
      rank: urgencyRank(r.urgency as Urgency),
      maxRank: Math.max(urgencyRank(r.urgency as Urgency), ...r.variants.map((v) => urgencyRank(v.urgency))),
      when: compile(r.when, `rules.${index} (${r.id}).when`),
      pathwaysWhen: r.pathwaysWhen.map((p, i) => ({
        key: p.key,
        when: compile(p.when, `rules.${index} (${r.id}).pathwaysWhen.${i}`),
      })),
    };
  });

  const rulesReading = (id: FindingId) =>
    rules.filter((r) => factsOf(r.data.when, data.terms).has(id) && !r.data.fallback);
  const opens = (id: FindingId) =>
    data.questions.filter((q) => q.askWhen && factsOf(q.askWhen, data.terms).has(id)).map((q) => q.id);
  const reachOf = (id: FindingId, visiting = new Set<FindingId>()): Set<CompiledRule> => {
    const out = new Set(rulesReading(id));
    visiting.add(id);
    for (const next of opens(id))
      if (!visiting.has(next)) for (const r of reachOf(next, visiting)) out.add(r);
    return out;
  };

  const seenQ = new Set<string>();
  const questions = data.questions.map((q, index): CompiledQuestion => {
    if (seenQ.has(q.id)) throw new Error(`questions.${index}.id: duplicate question ${q.id}`);
    seenQ.add(q.id);
    if ((q.type === "choice") !== Boolean(q.choices?.length))
      throw new Error(`questions.${index}.choices: a choice question needs choices, and only it`);
    return {
      data: q,
      index,
      public: toPublicQuestion(q, named(q.source, `questions.${index} (${q.id}).source`)),
      askWhen: q.askWhen ? compile(q.askWhen, `questions.${index} (${q.id}).askWhen`) : undefined,
      raisedWhen: q.raisedWhen ? compile(q.raisedWhen, `questions.${index} (${q.id}).raisedWhen`) : undefined,
      reach: [...reachOf(q.id)].sort((a, b) => a.index - b.index),
    };
  });

  const oneAdvice = (a: AdviceText, key: string): CompiledAdvice => ({
    text: a.text,
    source: a.source,
    cited: `${a.text} (${named(a.source, `${key}.source`)})`,
    triggers: a.triggers?.map((t, j) => ({
      ...t,
      when: t.when ? compile(t.when, `${key}.triggers.${j}.when`) : undefined,
    })),
    links: a.links,
  });
  const advice = (list: AdviceText[], key: string): CompiledAdvice[] =>
    list.map((a, i) => oneAdvice(a, `${key}.${i}`));
  const byId = new Map(questions.map((q) => [q.data.id, q]));
  const negatedInRules = new Set<FindingId>();
  for (const r of data.rules)
    for (const c of [r.when, ...r.variants.map((v) => v.when)]) negatedFacts(c, data.terms, negatedInRules);
  const flow = data.flow.map((step, i): CompiledStep => {
    const questionOf = (id: FindingId) => {
      const q = byId.get(id);
      if (!q) throw new Error(`flow.${i}: ${id} has no question in the pack`);
      return q;
    };
    if ("ask" in step) return { kind: "ask", question: questionOf(step.ask) };
    if (step.onlyIfRouteCanChange) {
      // The clinician's concern is asked every time, so a concern screen can never be skipped.
      const concern = step.items.find((id) => questionOf(id).data.judgement);
      if (concern)
        throw new Error(
          `flow.${i} (${step.screen}): ${concern} is a concern; onlyIfRouteCanChange not allowed`,
        );
      // The skip is exact only while a yes can never make a rule false (no "not" over an item).
      const negated = step.items.find((id) => negatedInRules.has(id));
      if (negated)
        throw new Error(
          `flow.${i} (${step.screen}): a rule reads ${negated} under "not"; onlyIfRouteCanChange not allowed`,
        );
    }
    return {
      kind: "screen",
      id: step.screen,
      title: step.title,
      why: step.why,
      when: step.when ? compile(step.when, `flow.${i} (${step.screen}).when`) : undefined,
      onlyIfRouteCanChange: step.onlyIfRouteCanChange === true,
      items: step.items.map(questionOf),
    };
  });
  const inFlow = new Set(flow.flatMap((s) => (s.kind === "ask" ? [s.question] : s.items)));
  const missing = questions.filter((q) => q.data.askable && !inFlow.has(q));
  if (missing.length > 0)
    throw new Error(
      `flow: askable questions missing from the flow: ${missing.map((q) => q.data.id).join(", ")}`,
    );

  const g = data.guideline;
  return {
    data,
    rules,
    questions,
    questionById: byId,
    absentMeansUnsure: questions.filter((q) => q.data.absentMeans === "unsure"),
    suspicionFlags: data.suspicionFlags.map((s, i) => ({
      label: s.label,
      when: compile(s.when, `suspicionFlags.${i}.when`),
      reads: [...factsOf(s.when, data.terms)],
    })),
    imaging: advice(data.imaging, "imaging"),
    safetyNet: advice(data.safetyNet, "safetyNet"),
    mriCheck: oneAdvice(data.mriCheck, "mriCheck"),
    actionNotes: data.actionNotes.map((n, i) => ({
      data: n,
      when: n.when ? compile(n.when, `actionNotes.${i}.when`) : undefined,
    })),
    flow,
    rulesVersion: `${g.version} (effective ${g.effective}, review ${g.review})`,
    implies: data.implies,
  };
}

function toPublicQuestion(q: QuestionData, source: string): Question {
  const out: Question = {
    id: q.id,
    type: q.type,
    text: q.text,
    why: q.why,
    source,
    judgement: q.judgement,
  };
  if (q.choices) out.choices = q.choices;
  if (q.min !== undefined) out.min = q.min;
  if (q.max !== undefined) out.max = q.max;
  if (q.unit !== undefined) out.unit = q.unit;
  if (q.askedIn) {
    // Asked in another unit (days) than the finding keeps (weeks): the card shows the asked unit.
    out.unit = q.askedIn.unit;
    out.max = q.askedIn.max;
    out.divideBy = q.askedIn.divideBy;
  }
  return out;
}

/** The findings a condition reads under a "not" (through its terms). */
function negatedFacts(cond: ConditionData, terms: Record<string, ConditionData>, out: Set<FindingId>): void {
  if ("not" in cond) factsOf(cond.not, terms, out);
  else if ("term" in cond) {
    const term = terms[cond.term];
    if (term) negatedFacts(term, terms, out);
  } else if ("all" in cond) for (const c of cond.all) negatedFacts(c, terms, out);
  else if ("any" in cond) for (const c of cond.any) negatedFacts(c, terms, out);
}
