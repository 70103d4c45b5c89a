import type { ConcernAudit, MskReply, OutcomeAudit } from "./record.js";

// What the bot calls to keep the audit. Every method returns at once: a record is queued and
// written in the background, so a slow or absent store never delays the clinician's outcome.

export interface AuditStats {
  written: number;
  /** Write attempts that failed and were tried again. */
  retried: number;
  /** Records given up on after the last retry (or dropped from a full queue): counted and logged. */
  lost: number;
  pending: number;
}

/** An MSK team query raised from a triage's outcome, or the team's reply to it (by the query feature). */
export interface MskQueryEvent {
  triageId: string;
  queryId: string;
  askedAt: Date;
  repliedAt?: Date;
  reply?: MskReply;
}

export interface AuditLog {
  /** False with AUDIT=off: nothing is kept, and a concern is acknowledged without being stored. */
  readonly enabled: boolean;
  outcome(record: OutcomeAudit): void;
  concern(record: ConcernAudit): void;
  /**
   * Adds an MSK team query (and later its reply) to the audit record of the triage's final
   * outcome. Call it when the query is posted, and again with `repliedAt` and `reply`.
   */
  mskQuery(event: MskQueryEvent): void;
  stats(): AuditStats;
  /** Resolves once everything queued so far has been written or given up on. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export class NoAuditLog implements AuditLog {
  readonly enabled = false;
  outcome(): void {}
  concern(): void {}
  mskQuery(): void {}
  stats(): AuditStats {
    return { written: 0, retried: 0, lost: 0, pending: 0 };
  }
  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}
