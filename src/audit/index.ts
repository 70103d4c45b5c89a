import type { Config } from "../config.js";
import type { Logger } from "../logging.js";
import { type AuditLog, NoAuditLog } from "./audit-log.js";

// The clinical audit's public face (docs/audit.md): chosen by config, AUDIT=table or off.

export type { AuditLog, AuditStats, MskQueryEvent } from "./audit-log.js";
export { NoAuditLog } from "./audit-log.js";
export { auditingPresenter } from "./auditing-presenter.js";
export { ConcernReports } from "./concerns.js";
export { keyedHasher } from "./hash.js";
export type { ConcernAudit, ConcernKind, MskQueryAudit, OutcomeAudit } from "./record.js";
export { CONCERN_KINDS } from "./record.js";

export async function createAuditLog(config: Config, log: Logger): Promise<AuditLog> {
  if (config.AUDIT !== "table" || !config.auditConnectionString) return new NoAuditLog();
  // Imported only when configured: the Azure Tables SDK costs a server without audit RSS and start-up time.
  const { TableAuditLog } = await import("./table-audit-log.js");
  return new TableAuditLog({
    connectionString: config.auditConnectionString,
    table: config.AUDIT_TABLE,
    retentionDays: config.AUDIT_RETENTION_DAYS,
    log,
  });
}
