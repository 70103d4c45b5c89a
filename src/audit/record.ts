import type { Outcome } from "../../rules/outcome.js";
import type { FindingId, Findings } from "../../rules/vocabulary.js";

// What the clinical audit keeps: one record per outcome shown, one per concern reported. Codes,
// counts and times only. Never a name, a user or conversation id (a keyed hash at most), or any
// words the clinician typed; a concern's optional note is the one text, and it is stored only
// after identifier redaction.

export const CONCERN_KINDS = ["too_low", "too_high", "wrong_pathway", "other"] as const;
export type ConcernKind = (typeof CONCERN_KINDS)[number];

export const MSK_REPLIES = ["agree", "change", "call"] as const;
export type MskReply = (typeof MSK_REPLIES)[number];

/** An MSK team query raised from an outcome, and the team's reply once it comes. */
export interface MskQueryAudit {
  queryId: string;
  /** ISO time to the minute. */
  askedAt: string;
  repliedAt?: string;
  reply?: MskReply;
}

export interface OutcomeAudit {
  type: "outcome";
  /** The triage's random session id: links an early emergency outcome, the final one and any concern. */
  triageId: string;
  /** "early": an emergency shown while a last question was still open; "final": the triage's end. */
  stage: "early" | "final";
  /** ISO time to the minute. */
  at: string;
  region: string;
  rulesVersion: string;
  channel: string;
  scope: "personal" | "shared";
  route: string;
  urgency: string;
  additional: Array<{ route: string; urgency: string; rule: string }>;
  rules: string[];
  /** Findings answered yes, and those answered unsure (or counted as unsure), by id. */
  findingsYes: string[];
  findingsUnsure: string[];
  answers: number;
  secondsToOutcome?: number;
  /** Whether any finding came from the clinician's own words (the quick check). */
  freeText: boolean;
  /** Keyed hashes (see hash.ts), never the ids themselves. */
  user?: string;
  conversation?: string;
  /** Set by the MSK team query feature through AuditLog.mskQuery. */
  msk?: MskQueryAudit;
  /** Set when the outcome is the MSK team's changed route rather than the rules core's. */
  reviewedBy?: "msk_team";
}

export interface ConcernAudit {
  type: "concern";
  concernId: string;
  /** The triage the concern is about; absent when the button carried no triage stamp. */
  triageId?: string;
  at: string;
  kind: ConcernKind;
  /** Redacted of identifiers and capped in length before it gets here. */
  note?: string;
  channel: string;
  user?: string;
}

export type AuditRecord = OutcomeAudit | ConcernAudit;

export function toMinute(d: Date): string {
  return `${d.toISOString().slice(0, 16)}Z`;
}

export interface OutcomeFacts {
  triageId: string;
  stage: "early" | "final";
  outcome: Outcome;
  answers: Findings;
  freeText: boolean;
  startedAt?: Date;
  shownAt: Date;
  channel: string;
  scope: "personal" | "shared";
  user?: string;
  conversation?: string;
}

/** The audit record of one outcome shown. Pure: the caller hashes ids and picks the stage. */
export function outcomeAudit(f: OutcomeFacts): OutcomeAudit {
  const o = f.outcome;
  const entries = Object.entries(f.answers) as Array<[FindingId, unknown]>;
  const yes = entries.filter(([, v]) => v === true).map(([id]) => id);
  // A finding the core counted as unsure (asked or missing detail) is an unsure for the audit too.
  const unsure = [
    ...new Set([...entries.filter(([, v]) => v === "unsure").map(([id]) => id), ...o.uncertain]),
  ].filter((id) => !yes.includes(id as FindingId));
  const seconds =
    f.startedAt && !Number.isNaN(f.startedAt.getTime())
      ? Math.max(0, Math.round((f.shownAt.getTime() - f.startedAt.getTime()) / 1000))
      : undefined;
  const record: OutcomeAudit = {
    type: "outcome",
    triageId: f.triageId,
    stage: f.stage,
    at: toMinute(f.shownAt),
    region: o.region,
    rulesVersion: o.rulesVersion,
    channel: f.channel,
    scope: f.scope,
    route: o.route,
    urgency: o.urgency,
    additional: o.additional.map((a) => ({ route: a.route, urgency: a.urgency, rule: a.rule })),
    rules: o.rules.map((r) => r.id),
    findingsYes: yes,
    findingsUnsure: unsure,
    answers: entries.length,
    freeText: f.freeText,
  };
  if (seconds !== undefined) record.secondsToOutcome = seconds;
  if (f.user) record.user = f.user;
  if (f.conversation) record.conversation = f.conversation;
  return record;
}
