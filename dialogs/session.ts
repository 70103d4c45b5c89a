import { randomUUID } from "node:crypto";
import type { AnswerValue, QuestionView } from "../cards/views.js";
import { nextQuestion } from "../rules/engine/next-question.js";
import { type Extraction, usableAtOnce } from "../rules/extract/index.js";
import type { Question, Screen } from "../rules/outcome.js";
import type { Pack } from "../rules/packs/index.js";
import type { FindingId, Findings, Region } from "../rules/vocabulary.js";
import { fitsQuestion } from "./answer-schema.js";
import { displayAnswer, toAnswerValue, toFindingValue } from "./answers.js";

// One triage's state, kept in conversation state between turns. It holds answers only: never the
// clinician's free text, which may carry patient identifiers (principle 7, docs/clinical-rules.md).

type Stored = boolean | number | string;

export interface TriageSession {
  id: string;
  region: Region;
  answers: Findings;
  /** How each answer was obtained: asked on a card, or noted from the clinician's message. */
  how: Partial<Record<FindingId, "asked" | "noted">>;
  /** Findings in the order they were answered, for "back" and the notes summary. */
  order: FindingId[];
  /** Values read from the clinician's message that could lower urgency: shown for confirmation, never used. */
  suggestions: Partial<Record<FindingId, { value: Stored; evidence: string }>>;
  /**
   * The card awaiting an answer: a question (its finding id) or a screen (`screen:<id>`, with its
   * items). `onOutcome`: the question rides on the emergency outcome card, which is not replaced by
   * an "answered" card but by the final outcome.
   */
  pending?: {
    id: FindingId | `screen:${string}`;
    seq: number;
    activityId?: string;
    items?: FindingId[];
    /** A screen's title, for the answered card. */
    title?: string;
    onOutcome?: boolean;
    /** When the card was first sent (ms since the epoch): a typed answer that arrived earlier is not for it. */
    shownAt?: number;
  };
  /** Items the clinician chose to answer one by one from a screen ("Not sure"), asked next. */
  oneByOne?: FindingId[];
  /** The emergency outcome shown while its deciding question was open: replaced when the triage ends. */
  emergencyCard?: { activityId?: string; title: string; urgency: string; additional: string[] };
  /** Questions asked so far (the "question 4" counter and the card stamp). */
  seq: number;
  /** Set once an emergency outcome has been shown while a last question was still open. */
  emergencyShown?: boolean;
  /** When the triage started (ISO), for the audit's time to outcome. */
  startedAt?: string;
  /** Set once any finding was read from the clinician's own words (the audit notes that, not the words). */
  freeText?: boolean;
}

export function newSession(region: Region): TriageSession {
  return {
    id: randomUUID(),
    region,
    answers: {},
    how: {},
    order: [],
    suggestions: {},
    seq: 0,
    startedAt: new Date().toISOString(),
  };
}

/**
 * Applies the quick check's findings: positives and unsure red flags can only raise
 * urgency, so they are used at once; negatives, durations, grades and the body area could lower it,
 * so they wait as one-tap suggestions on their question (the age too: a misread age can skip the
 * cancer question or change the route). Which is which is the rules core's call (usableAtOnce).
 */
export function applyExtraction(
  session: TriageSession,
  ex: Pick<Extraction, "findings" | "evidence">,
): TriageSession {
  const s = structuredClone(session);
  if (Object.keys(ex.findings).length > 0) s.freeText = true;
  for (const [key, value] of Object.entries(ex.findings)) {
    const id = key as FindingId;
    if (value === undefined || id in s.answers) continue;
    const evidence = ex.evidence[id] ?? "";
    if (usableAtOnce(id, value)) {
      setAnswer(s, id, value, "noted");
    } else {
      s.suggestions[id] = { value, evidence };
    }
  }
  return s;
}

export type Step =
  | { kind: "question"; question: Question; emergencyPending: boolean }
  | { kind: "screen"; screen: Screen }
  | { kind: "outcome" };

/** What the rules core asks next; the items left to ask one by one are passed back to it. */
export function nextStep(pack: Pack, session: TriageSession): Step {
  const next = nextQuestion(pack, session.answers, { oneByOne: session.oneByOne ?? [] });
  if (next.done) return { kind: "outcome" };
  if (next.kind === "screen") return { kind: "screen", screen: next.screen };
  return { kind: "question", question: next.question, emergencyPending: next.emergencyPending };
}

/**
 * Records a screen's answer as the rules core read it (answerScreen): ticked items yes, and for
 * "None of these" / "These" the rest no; for "Not sure" the rest wait to be asked one by one.
 */
export function recordScreen(
  session: TriageSession,
  findings: Findings,
  oneByOne: readonly FindingId[],
): TriageSession {
  const s = structuredClone(session);
  for (const [id, value] of Object.entries(findings)) {
    if (value !== undefined) setAnswer(s, id as FindingId, value as Stored, "asked");
    delete s.suggestions[id as FindingId];
  }
  s.oneByOne = [...oneByOne];
  delete s.pending;
  return s;
}

export function recordAnswer(session: TriageSession, q: Question, value: AnswerValue): TriageSession {
  // Callers check first; this is the backstop that keeps a misfit out of the rules core.
  if (!fitsQuestion(q, value)) throw new Error(`an answer that does not fit question ${q.id}`);
  const s = structuredClone(session);
  setAnswer(s, q.id, toFindingValue(q, value), "asked");
  delete s.suggestions[q.id];
  delete s.pending;
  if (s.oneByOne) s.oneByOne = s.oneByOne.filter((id) => id !== q.id);
  return s;
}

/** "back": forget the last asked answer so that its question comes again. */
export function goBack(session: TriageSession): TriageSession {
  const s = structuredClone(session);
  const asked = s.order.filter((id) => s.how[id] === "asked");
  const last = asked[asked.length - 1];
  if (last) {
    delete s.answers[last];
    delete s.how[last];
    s.order = s.order.filter((id) => id !== last);
  }
  delete s.pending;
  return s;
}

export function questionView(
  pack: Pack,
  session: TriageSession,
  q: Question,
  number: number,
  retryHint?: string,
): QuestionView {
  const view: QuestionView = { kind: "question", question: q, number, noted: notedLines(pack, session) };
  const sug = session.suggestions[q.id];
  if (sug) {
    const answer: AnswerValue = toAnswerValue(sug.value, q);
    view.prefill = { answer, display: displayAnswer(q, sug.value), evidence: sug.evidence };
  }
  if (retryHint) view.retryHint = retryHint;
  return view;
}

export function notedLines(pack: Pack, session: TriageSession): string[] {
  return session.order
    .filter((id) => session.how[id] === "noted")
    .map((id) => {
      const q = pack.questionById.get(id);
      const v = session.answers[id];
      if (!q || v === undefined) return id;
      const label = inSentence(q.data.label);
      return v === true ? label : `${label}: ${displayAnswer(q.public, v)}`;
    });
}

/** A label as it reads mid-sentence: "Saddle numbness" -> "saddle numbness", "CES symptoms ..." kept. */
function inSentence(label: string): string {
  const first = label.split(" ")[0] ?? "";
  return first.length > 1 && first === first.toUpperCase()
    ? label
    : label.charAt(0).toLowerCase() + label.slice(1);
}

function setAnswer(s: TriageSession, id: FindingId, value: Stored, how: "asked" | "noted") {
  (s.answers as Record<string, Stored>)[id] = value;
  s.how[id] = how;
  s.order = [...s.order.filter((x) => x !== id), id];
}
