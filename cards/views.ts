import type { Outcome, Question, Screen } from "../rules/outcome.js";
import type { FindingId } from "../rules/vocabulary.js";

// Channel-neutral views. Dialogs produce these; cards/adaptive renders them for Teams and
// cards/slack renders them as Block Kit, so no clinical wording is written twice.

export type AnswerValue = "yes" | "no" | "unsure" | number | string;

export interface AnsweredFinding {
  id: FindingId;
  /** The question as it was asked, e.g. "New numbness in the saddle area...?" */
  question: string;
  /** Display form of the answer: "Yes", "No", "Not sure", "3 weeks", "Lumbar". */
  answer: string;
  /** "asked": answered to a question; "noted": read from the clinician's message and not contradicted. */
  how: "asked" | "noted";
}

/**
 * Which triage (and which of its questions) a message's buttons belong to. The channel layer copies
 * it into every button's submit data, so a click on a card left over from an earlier triage, or on
 * a question already answered, is turned away instead of changing the triage now running.
 */
export interface Stamp {
  /** The triage session id. */
  triage: string;
  /** The question number in that triage (question cards only). */
  seq?: number;
}

export interface WelcomeView {
  kind: "welcome";
  /** In a channel or group chat the card warns against posting patient details. */
  scope: "personal" | "shared";
  regionName: string;
  rulesVersion: string;
  reviewOverdue: boolean;
}

export interface HelpView {
  kind: "help";
  scope: "personal" | "shared";
}

export interface QuestionView {
  kind: "question";
  question: Question;
  /** 1-based position in this triage ("question 4"). */
  number: number;
  /** Findings already noted from the clinician's message, shown back ("I noted: saddle numbness, age 58"). */
  noted: string[];
  /**
   * Set when the clinician's message suggested an answer that could lower urgency: it is shown
   * for one-tap confirmation and never used silently (principle 3, docs/clinical-rules.md).
   */
  prefill?: { answer: AnswerValue; display: string; evidence: string };
  /** Shown above the question after an unrecognised typed answer. */
  retryHint?: string;
  stamp?: Stamp;
}

/**
 * Several yes/no findings of one topic on one card: tick those present, then "None of these",
 * "These" or "Not sure: ask one by one". The grouping and what the buttons mean are the rules core's.
 */
export interface ScreenView {
  kind: "screen";
  screen: Screen;
  /** 1-based position in this triage, as for questions. */
  number: number;
  noted: string[];
  /**
   * Items the clinician's message read as no (or a detail that could lower urgency): shown back
   * ("You mentioned ...") for them to leave unticked; never applied silently.
   */
  mentioned?: string[];
  retryHint?: string;
  stamp?: Stamp;
}

/** Replaces an answered question card in place so its buttons cannot be clicked again. */
export interface AnsweredView {
  kind: "answered";
  number: number;
  question: string;
  answer: string;
}

export interface OutcomeView {
  kind: "outcome";
  outcome: Outcome;
  answers: AnsweredFinding[];
  /**
   * Red flags that were not asked because the outcome was already clear: never reported as "no".
   * `label` is the short name the card lists ("Saddle numbness"); `question` the full wording.
   */
  notAsked: Array<{ id: FindingId; question: string; label?: string }>;
  /** Plain-text record for the patient notes: red flags screened and each answer. */
  notesSummary: string;
  /** The question for each finding the outcome names (e.g. counted as unsure but never asked). */
  questions?: Partial<Record<FindingId, string>>;
  /**
   * An emergency shown before the one question that decides which emergency team (cancer history):
   * the question rides on the emergency card itself, so the action stays in view while it is answered.
   */
  pendingQuestion?: { question: Question; number: number; noted?: string[] };
  /** Set when this outcome replaces an earlier one after an answer changed it: what changed, in words. */
  changed?: string;
  /**
   * Further buttons on the outcome (e.g. asking the MSK team, reporting a concern): the one place
   * other features add theirs. Each renders as an Action.Submit (Teams) or a button (Slack) whose
   * data / value is `data`.
   */
  actions?: OutcomeAction[];
  stamp?: Stamp;
  /** The route was changed on review by the MSK team; `summary` leads the reasons. */
  review?: { by: "msk_team"; summary: string };
}

export interface OutcomeAction {
  title: string;
  data: Record<string, unknown>;
}

export interface NoticeView {
  kind: "notice";
  text: string;
  /** e.g. "emergency" keeps the emergency advice visible after an error. */
  tone: "info" | "warning" | "emergency";
  /** One-tap choices (e.g. "Start a new triage" / "Carry on"); each submits its data. */
  actions?: OutcomeAction[];
}

export type View =
  | WelcomeView
  | HelpView
  | QuestionView
  | ScreenView
  | AnsweredView
  | OutcomeView
  | NoticeView;
