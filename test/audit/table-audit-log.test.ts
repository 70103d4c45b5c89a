import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutcomeAudit } from "../../src/audit/record.js";
import { TableAuditLog } from "../../src/audit/table-audit-log.js";
import { createLogger } from "../../src/logging.js";
import { computeFigures } from "../../src/report/figures.js";
import { readAudit } from "../../src/report/read.js";
import { type AzuriteService, startService } from "./azurite-services.js";

// The audit table itself, in Azurite: retention, the MSK team query fields another feature adds
// to a triage's record, and early and final outcomes of one triage counted once.

let table: AzuriteService;
beforeAll(async () => {
  table = await startService("table");
}, 60_000);
afterAll(async () => {
  await table?.stop("SIGKILL");
});

const NOW = new Date("2026-12-03T09:00:00Z");

function outcome(triageId: string, at: string, over: Partial<OutcomeAudit> = {}): OutcomeAudit {
  return {
    type: "outcome",
    triageId,
    stage: "final",
    at,
    region: "NEL",
    rulesVersion: "NEL v1",
    channel: "msteams",
    scope: "personal",
    route: "ROUTINE_PHYSIO",
    urgency: "routine",
    additional: [],
    rules: ["R29"],
    findingsYes: [],
    findingsUnsure: [],
    answers: 12,
    secondsToOutcome: 95,
    freeText: false,
    ...over,
  };
}

function auditLog(name: string, retentionDays = 400) {
  return new TableAuditLog({
    connectionString: table.connectionString,
    table: name,
    retentionDays,
    log: createLogger("silent"),
    clock: () => NOW,
  });
}

describe("the audit table", () => {
  it("removes records older than the retention period and keeps the rest", async () => {
    const log = auditLog("retentionTest", 30);
    log.outcome(outcome("old-1", "2026-10-01T10:00Z"));
    log.outcome(outcome("kept-1", "2026-11-20T10:00Z"));
    await log.flush();
    expect(await log.sweep()).toBe(1);
    const left = await readAudit(table.connectionString, "retentionTest", {
      from: "2026-01-01",
      to: "2026-12-31",
    });
    expect(left.outcomes.map((o) => o.triageId)).toEqual(["kept-1"]);
    await log.close();
  });

  it("adds an MSK team query and its reply to the triage's final outcome, for the response-time figures", async () => {
    const log = auditLog("mskTest");
    log.outcome(
      outcome("tri-1", "2026-12-02T10:00Z", { stage: "early", route: "ED_NOW", urgency: "emergency" }),
    );
    log.outcome(outcome("tri-1", "2026-12-02T10:01Z", { route: "ED_NOW", urgency: "emergency" }));
    log.outcome(outcome("tri-2", "2026-12-02T11:00Z"));
    log.mskQuery({ triageId: "tri-2", queryId: "Q1", askedAt: new Date("2026-12-02T11:02:00Z") });
    log.mskQuery({
      triageId: "tri-2",
      queryId: "Q1",
      askedAt: new Date("2026-12-02T11:02:00Z"),
      repliedAt: new Date("2026-12-02T11:44:00Z"),
      reply: "agree",
    });
    // A query for a triage with no audit record is counted as lost, not invented.
    log.mskQuery({ triageId: "no-such-triage", queryId: "Q2", askedAt: new Date("2026-12-02T12:00:00Z") });
    await log.flush();
    expect(log.stats()).toMatchObject({ written: 5, lost: 1 });

    const data = await readAudit(table.connectionString, "mskTest", { from: "2026-12-01", to: "2026-12-03" });
    const f = computeFigures(data, { from: "2026-12-01", to: "2026-12-03" });
    expect(f.outcomesShown).toBe(3);
    expect(f.triages).toBe(2);
    expect(f.byRoute).toEqual({ ED_NOW: 1, ROUTINE_PHYSIO: 1 });
    expect(f.msk).toMatchObject({ queries: 1, replied: 1, byReply: { agree: 1 } });
    expect(f.msk.responseMinutes.median).toBe(42);
    expect(f.msk.responseMinutes.buckets.find((b) => b.bucket === "30-60 min")?.count).toBe(1);
    await log.close();
  });

  it("reads a table that does not exist yet as an empty audit", async () => {
    const data = await readAudit(table.connectionString, "neverWritten", {
      from: "2026-12-01",
      to: "2026-12-03",
    });
    expect(computeFigures(data, { from: "2026-12-01", to: "2026-12-03" })).toMatchObject({
      triages: 0,
      outcomesShown: 0,
    });
  });
});
