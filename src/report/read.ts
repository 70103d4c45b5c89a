import { odata, RestError, TableClient } from "@azure/data-tables";
import { fromEntity } from "../audit/entity.js";
import type { ConcernAudit, OutcomeAudit } from "../audit/record.js";
import type { AuditData } from "./figures.js";

// Reads the audit for a period (whole UTC days, both ends included) from Azure Table Storage.

export async function readAudit(
  connectionString: string,
  table: string,
  period: { from: string; to: string },
): Promise<AuditData> {
  const client = TableClient.fromConnectionString(connectionString, table, {
    allowInsecureConnection:
      /DefaultEndpointsProtocol=http;|Endpoint=http:\/\/|UseDevelopmentStorage=true/i.test(connectionString),
    retryOptions: { maxRetries: 2 },
  });
  const outcomes: OutcomeAudit[] = [];
  const concerns: ConcernAudit[] = [];
  try {
    const rows = client.listEntities({
      queryOptions: { filter: odata`PartitionKey ge ${period.from} and PartitionKey le ${period.to}` },
    });
    for await (const row of rows) {
      const r = fromEntity(row);
      if (r?.type === "outcome") outcomes.push(r);
      else if (r?.type === "concern") concerns.push(r);
    }
  } catch (err) {
    // No table yet: nothing has been audited, which is a report of zeros, not an error.
    if (err instanceof RestError && err.statusCode === 404) return { outcomes, concerns };
    throw err;
  }
  const known = new Set(outcomes.map((o) => o.triageId));
  const concernCases: OutcomeAudit[] = [];
  for (const id of new Set(
    concerns.flatMap((c) => (c.triageId && !known.has(c.triageId) ? [c.triageId] : [])),
  )) {
    const rows = client.listEntities({
      queryOptions: { filter: odata`type eq 'outcome' and triageId eq ${id}` },
    });
    for await (const row of rows) {
      const r = fromEntity(row);
      if (r?.type === "outcome") concernCases.push(r);
    }
  }
  return { outcomes, concerns, concernCases };
}
