import { errorFields, type Logger } from "../../logging.js";

// Slack wants an answer within 3 seconds, so routes acknowledge first and run the work here. Work
// that fails is logged (ids and error names only) and the clinician gets a plain notice.

export class WorkQueue {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly log: Logger) {}

  run(kind: string, work: () => Promise<void>, onFailure: () => Promise<void>): void {
    const job = (async () => {
      try {
        await work();
      } catch (err) {
        this.log.error("slack_work_failed", { kind, ...errorFields(err) });
        try {
          await onFailure();
        } catch (notifyErr) {
          this.log.error("slack_failure_notice_failed", { kind, ...errorFields(notifyErr) });
        }
      }
    })();
    this.running.add(job);
    void job.finally(() => this.running.delete(job));
  }

  /** Resolves once no work is running (for tests and for a graceful shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
