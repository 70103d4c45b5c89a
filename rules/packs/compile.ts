import {
  type CompileContext,
  type Condition,
  compileCondition,
  FINDING_SLOT,
  factsOf,
  UNSURE,
} from "../engine/logic.js";
import type { Question } from "../outcome.js";
import { type FindingId, type PathwayKey, type RouteCode, type Urgency, urgencyRank } from "../vocabulary.js";
import type { AdviceText, PackData, QuestionData, RuleData } from "./schema.js";

// Turns validated pack data into closures once, at load, so a decision is a few hundred function
// calls (the bench target is 200,000 decisions a second).

export interface CompiledRule {
  data: RuleData;
  index: number;
  /** Every finding the rule's condition reads (through its terms). */
  reads: ReadonlySet<FindingId>;
  rank: number;
  when: Condition;
  pathwaysWhen: Array<{ key: PathwayKey; when: Condition }>;
}

export interface CompiledQuestion {
  data: QuestionData;
  index: number;
  /** Position of the finding in Facts.v. */
  slot: number;
  public: Question;
  askWhen: Condition | undefined;
  /** Rules whose outcome this answer can change, directly or by opening another question. */
  reach: CompiledRule[];
}

export interface CompiledAdvice {
  text: string;
  source: string;
  /** The text with its source, as the outcome shows it. */
  cited: string;
  triggers: Array<{ when?: Condition; whenRoute?: RouteCode[]; whenPathway?: PathwayKey[] }> | undefined;
}

export interface Pack {
  data: PackData;
  rules: CompiledRule[];
  questions: CompiledQuestion[];
  questionById: Map<FindingId, CompiledQuestion>;
  /** Details that count as unsure when missing (RULES.md §1 principle 2). */
  absentMeansUnsure: CompiledQuestion[];
  suspicionFlags: Array<{ label: string; when: Condition }>;
  imaging: CompiledAdvice[];
  safetyNet: CompiledAdvice[];
  rulesVersion: string;
  /** RULES.md §4 implications as slot pairs (under_oncology -> cancer_history). */
  implies: Array<[number, number]>;
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
  const rules = data.rules.map((r, index): CompiledRule => {
    if (ids.has(r.id)) throw new Error(`rules.${index}.id: duplicate rule id ${r.id}`);
    ids.add(r.id);
    return {
      data: r,
      index,
      reads: factsOf(r.when, data.terms),
      rank: urgencyRank(r.urgency as Urgency),
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
      slot: FINDING_SLOT[q.id] as number,
      public: toPublicQuestion(q),
      askWhen: q.askWhen ? compile(q.askWhen, `questions.${index} (${q.id}).askWhen`) : undefined,
      reach: [...reachOf(q.id)].sort((a, b) => a.index - b.index),
    };
  });

  const advice = (list: AdviceText[], key: string): CompiledAdvice[] =>
    list.map((a, i) => ({
      text: a.text,
      source: a.source,
      cited: `${a.text} (${a.source})`,
      triggers: a.triggers?.map((t, j) => ({
        when: t.when ? compile(t.when, `${key}.${i}.triggers.${j}.when`) : undefined,
        whenRoute: t.whenRoute,
        whenPathway: t.whenPathway,
      })),
    }));

  const g = data.guideline;
  return {
    data,
    rules,
    questions,
    questionById: new Map(questions.map((q) => [q.data.id, q])),
    absentMeansUnsure: questions.filter((q) => q.data.absentMeans === "unsure"),
    suspicionFlags: data.suspicionFlags.map((s, i) => ({
      label: s.label,
      when: compile(s.when, `suspicionFlags.${i}.when`),
    })),
    imaging: advice(data.imaging, "imaging"),
    safetyNet: advice(data.safetyNet, "safetyNet"),
    rulesVersion: `${g.version} (effective ${g.effective}, review ${g.review})`,
    implies: data.implies.map(([a, b]) => [FINDING_SLOT[a] as number, FINDING_SLOT[b] as number]),
  };
}

function toPublicQuestion(q: QuestionData): Question {
  const out: Question = {
    id: q.id,
    type: q.type,
    text: q.text,
    why: q.why,
    source: q.source,
    judgement: q.judgement,
  };
  if (q.choices) out.choices = q.choices;
  if (q.min !== undefined) out.min = q.min;
  if (q.max !== undefined) out.max = q.max;
  if (q.unit !== undefined) out.unit = q.unit;
  return out;
}
