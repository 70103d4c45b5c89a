import { randomUUID } from "node:crypto";
import type { AnswerValue, QuestionView } from "../cards/views.js";
import { nextQuestion } from "../rules/engine/next-question.js";
import { type Extraction, usableAtOnce } from "../rules/extract/index.js";
import type { Question } from "../rules/outcome.js";
import type { Pack } from "../rules/packs/index.js";
import type { FindingId, Findings, Region } from "../rules/vocabulary.js";
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
  /** The question card awaiting an answer. */
  pending?: { id: FindingId; seq: number; activityId?: string };
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

export type Step = { kind: "question"; question: Question; emergencyPending: boolean } | { kind: "outcome" };

export function nextStep(pack: Pack, session: TriageSession): Step {
  const next = nextQuestion(pack, session.answers);
  if (next.done) return { kind: "outcome" };
  // Until screens are rendered as checklists, a screen's items are asked one at a time, in order.
  if (next.kind === "screen")
    return { kind: "question", question: next.screen.items[0] as Question, emergencyPending: false };
  return { kind: "question", question: next.question, emergencyPending: next.emergencyPending };
}

export function recordAnswer(session: TriageSession, q: Question, value: AnswerValue): TriageSession {
  const s = structuredClone(session);
  setAnswer(s, q.id, toFindingValue(q, value), "asked");
  delete s.suggestions[q.id];
  delete s.pending;
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
