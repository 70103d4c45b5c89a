import { odata, TableClient } from "@azure/data-tables";
import type { Logger } from "../logging.js";
import type { AuditLog, AuditStats, MskQueryEvent } from "./audit-log.js";
import { type AuditEntity, dayOf, mskFields, SAFE_ID, toEntity } from "./entity.js";
import { type ConcernAudit, type OutcomeAudit, toMinute } from "./record.js";

// The audit in Azure Table Storage (Azurite locally). Writes run a few at a time from a bounded
// queue; each has a few attempts with a deadline, then is counted and logged as lost (the log line
// names the record type and the error code, never a value). The clinician's outcome never waits.

export interface TableAuditOptions {
  connectionString: string;
  table: string;
  retentionDays: number;
  log: Logger;
  /** Pauses before the second and later attempts of one write (ms). */
  retryDelaysMs?: number[];
  /** Deadline of one attempt (ms). */
  attemptTimeoutMs?: number;
  /** Records waiting beyond this many are dropped as lost rather than held in memory. */
  maxPending?: number;
  /** Writes in flight at once. */
  writers?: number;
  /** How often the retention sweep runs (ms); the first runs soon after start. */
  retentionEveryMs?: number;
  clock?: () => Date;
}

interface Job {
  type: "outcome" | "concern" | "msk_query";
  run: (signal: AbortSignal) => Promise<void>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export class TableAuditLog implements AuditLog {
  readonly enabled = true;
  private readonly client: TableClient;
  private readonly counts = { written: 0, retried: 0, lost: 0 };
  private readonly queue: Job[] = [];
  private draining: Promise<void> | undefined;
  private tableReady = false;
  private readonly retentionTimer: NodeJS.Timeout;
  private readonly firstSweep: NodeJS.Timeout;
  private readonly delays: number[];
  private readonly timeoutMs: number;
  private readonly maxPending: number;
  private readonly writers: number;
  private readonly now: () => Date;

  constructor(private readonly opts: TableAuditOptions) {
    // The SDK's own retries (up to minutes) are off: this class decides how long a record may wait.
    this.client = TableClient.fromConnectionString(opts.connectionString, opts.table, {
      retryOptions: { maxRetries: 0 },
      allowInsecureConnection:
        /DefaultEndpointsProtocol=http;|Endpoint=http:\/\/|UseDevelopmentStorage=true/i.test(
          opts.connectionString,
        ),
    });
    this.delays = opts.retryDelaysMs ?? [250, 1000];
    this.timeoutMs = opts.attemptTimeoutMs ?? 3000;
    this.maxPending = opts.maxPending ?? 1000;
    this.writers = opts.writers ?? 4;
    this.now = opts.clock ?? (() => new Date());
    const every = opts.retentionEveryMs ?? DAY_MS;
    this.firstSweep = setTimeout(() => void this.sweep(), Math.min(every, 30_000));
    this.retentionTimer = setInterval(() => void this.sweep(), every);
    this.firstSweep.unref();
    this.retentionTimer.unref();
  }

  outcome(record: OutcomeAudit): void {
    const entity = toEntity(record);
    this.enqueue({ type: "outcome", run: (signal) => this.upsert(entity, signal) });
  }

  concern(record: ConcernAudit): void {
    const entity = toEntity(record);
    this.enqueue({ type: "concern", run: (signal) => this.upsert(entity, signal) });
  }

  mskQuery(event: MskQueryEvent): void {
    if (!SAFE_ID.test(event.triageId)) {
      this.opts.log.warn("audit_msk_query_ignored", { reason: "triage id not usable" });
      return;
    }
    const fields = mskFields({
      queryId: event.queryId,
      askedAt: toMinute(event.askedAt),
      ...(event.repliedAt ? { repliedAt: toMinute(event.repliedAt) } : {}),
      ...(event.reply ? { reply: event.reply } : {}),
    });
    this.enqueue({
      type: "msk_query",
      run: async (signal) => {
        const target = await this.finalOutcomeOf(event.triageId, event.askedAt, signal);
        if (!target) throw Object.assign(new Error("no outcome record"), { code: "NoOutcomeRecord" });
        await this.ensureTable(signal);
        await this.client.updateEntity({ ...target, ...fields }, "Merge", { abortSignal: signal });
      },
    });
  }

  stats(): AuditStats {
    return { ...this.counts, pending: this.queue.length + (this.draining ? 1 : 0) };
  }

  async flush(): Promise<void> {
    while (this.draining) await this.draining;
  }

  async close(): Promise<void> {
    clearTimeout(this.firstSweep);
    clearInterval(this.retentionTimer);
    await this.flush();
  }

  /** Removes every record older than the retention period (whole days, by partition). */
  async sweep(): Promise<number> {
    const cutoff = dayOf(new Date(this.now().getTime() - this.opts.retentionDays * DAY_MS).toISOString());
    let removed = 0;
    try {
      const signal = AbortSignal.timeout(60_000);
      await this.ensureTable(signal);
      const old = this.client.listEntities({
        queryOptions: { filter: odata`PartitionKey lt ${cutoff}`, select: ["PartitionKey", "RowKey"] },
        abortSignal: signal,
      });
      for await (const e of old) {
        await this.client.deleteEntity(e.partitionKey as string, e.rowKey as string, { abortSignal: signal });
        removed += 1;
      }
      if (removed > 0) this.opts.log.info("audit_retention", { removed, before: cutoff });
    } catch (err) {
      this.opts.log.warn("audit_retention_failed", { ...codeOf(err), removed });
    }
    return removed;
  }

  private enqueue(job: Job): void {
    if (this.queue.length >= this.maxPending) {
      this.counts.lost += 1;
      this.opts.log.error("audit_record_lost", {
        type: job.type,
        reason: "queue_full",
        lost: this.counts.lost,
      });
      return;
    }
    this.queue.push(job);
    if (!this.draining) {
      this.draining = this.drain().finally(() => {
        this.draining = undefined;
      });
    }
  }

  /** A few writes in flight at once: one slow write must not hold up every record behind it. */
  private async drain(): Promise<void> {
    const worker = async () => {
      for (let job = this.queue.shift(); job; job = this.queue.shift()) await this.attempt(job);
    };
    await Promise.all(Array.from({ length: this.writers }, worker));
  }

  private async attempt(job: Job): Promise<void> {
    const attempts = this.delays.length + 1;
    for (let n = 1; n <= attempts; n++) {
      try {
        await job.run(AbortSignal.timeout(this.timeoutMs));
        this.counts.written += 1;
        return;
      } catch (err) {
        // A failed create may have been the store going away: check the table again next time.
        this.tableReady = false;
        if (n === attempts) {
          this.counts.lost += 1;
          this.opts.log.error("audit_record_lost", {
            type: job.type,
            attempts,
            lost: this.counts.lost,
            ...codeOf(err),
          });
          return;
        }
        this.counts.retried += 1;
        this.opts.log.warn("audit_write_retry", { type: job.type, attempt: n, ...codeOf(err) });
        await sleep(this.delays[n - 1] ?? 0);
      }
    }
  }

  private async upsert(entity: AuditEntity, signal: AbortSignal): Promise<void> {
    await this.ensureTable(signal);
    await this.client.upsertEntity(entity, "Replace", { abortSignal: signal });
  }

  private async ensureTable(signal: AbortSignal): Promise<void> {
    if (this.tableReady) return;
    await this.client.createTable({ abortSignal: signal });
    this.tableReady = true;
  }

  /** The triage's final outcome record (or its early one), looked for in the days before the query. */
  private async finalOutcomeOf(
    triageId: string,
    askedAt: Date,
    signal: AbortSignal,
  ): Promise<AuditEntity | undefined> {
    await this.ensureTable(signal);
    const since = dayOf(new Date(askedAt.getTime() - 30 * DAY_MS).toISOString());
    const found: AuditEntity[] = [];
    const rows = this.client.listEntities<AuditEntity>({
      queryOptions: {
        filter: odata`PartitionKey ge ${since} and type eq 'outcome' and triageId eq ${triageId}`,
        select: ["PartitionKey", "RowKey", "stage"],
      },
      abortSignal: signal,
    });
    for await (const row of rows) found.push(row);
    const best = found.find((r) => r.stage === "final") ?? found[0];
    return best ? { partitionKey: best.partitionKey, rowKey: best.rowKey } : undefined;
  }
}

/** The error's name and service code: never its message, which could quote what was sent. */
function codeOf(err: unknown): Record<string, string | number> {
  const e = (typeof err === "object" && err !== null ? err : {}) as {
    name?: unknown;
    code?: unknown;
    statusCode?: unknown;
  };
  const out: Record<string, string | number> = { error: typeof e.name === "string" ? e.name : "Error" };
  if (typeof e.code === "string" && /^[A-Za-z_]{1,40}$/.test(e.code)) out.code = e.code;
  if (typeof e.statusCode === "number") out.status = e.statusCode;
  return out;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
