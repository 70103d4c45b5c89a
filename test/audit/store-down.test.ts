import { TableClient } from "@azure/data-tables";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerFor, outcomeOf, pendingQuestion, TriageClient } from "../storage/triage-client.js";
import { type AzuriteService, startService } from "./azurite-services.js";
import { type AuditedBot, startAuditedBot, triage } from "./bot-under-audit.js";

// The audit store (Azurite's table service) stops in the middle of a triage. The clinician must
// still get the outcome, the server must stay up, the record that could not be written must be
// retried, then counted and logged as lost without any of its content, and records must be written
// again once the store is back. Conversation state is in memory here: only the audit store fails.

const TABLE = "storeDownTest";
let table: AzuriteService;
let bot: AuditedBot;

beforeAll(async () => {
  table = await startService("table");
  bot = await startAuditedBot({
    AUDIT: "table",
    AUDIT_CONNECTION_STRING: table.connectionString,
    AUDIT_TABLE: TABLE,
  });
}, 60_000);

afterAll(async () => {
  await bot?.close();
  await table?.stop("SIGKILL");
});

describe("the audit store goes down mid-triage", () => {
  it("still shows the outcome, counts and logs the lost record, and resumes when the store is back", async () => {
    const client = new TriageClient("audit-store-down");
    let replies = await client.send(bot.url, { text: "triage" });
    const first = pendingQuestion(replies);
    expect(first).toBeDefined();

    await table.stop("SIGKILL");
    // Answer "no" (or the first choice, or 40; a lumbar body area) until the outcome.
    for (let i = 0; i < 60 && !outcomeOf(replies); i++) {
      const q = pendingQuestion(replies);
      if (!q) break;
      replies = await client.send(bot.url, {
        value: answerFor(q, { body_area: "lumbar", borough: "newham" }),
      });
    }
    const outcome = outcomeOf(replies);
    expect(outcome?.route).toBeDefined();
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);

    await bot.audit.flush();
    const down = bot.audit.stats();
    expect(down.lost).toBe(1);
    expect(down.retried).toBeGreaterThanOrEqual(1);
    const lost = bot.logs.filter((l) => l.includes('"audit_record_lost"')).map((l) => JSON.parse(l));
    const retries = bot.logs.filter((l) => l.includes('"audit_write_retry"')).map((l) => JSON.parse(l));
    expect(lost).toHaveLength(1);
    expect(retries.length).toBe(down.retried);
    // The log says what kind of record and why, never what was in it.
    expect(Object.keys(lost[0]).sort()).toEqual(
      expect.arrayContaining(["time", "level", "event", "type", "attempts", "lost", "error"]),
    );
    expect(
      Object.keys(lost[0]).every((k) =>
        ["time", "level", "event", "type", "attempts", "lost", "error", "code", "status"].includes(k),
      ),
    ).toBe(true);
    expect(lost[0].type).toBe("outcome");
    expect(JSON.stringify(lost)).not.toContain(outcome?.route);

    // The store comes back on the same port and folder: the next outcome is recorded.
    table = await startService("table", { port: table.port, location: table.location });
    const again = await triage(bot.url, new TriageClient("audit-store-back"), {});
    await bot.audit.flush();
    const up = bot.audit.stats();
    expect(up.lost).toBe(1);
    expect(up.written).toBe(down.written + 1);

    const client2 = TableClient.fromConnectionString(table.connectionString, TABLE, {
      allowInsecureConnection: true,
    });
    const rows = [];
    for await (const row of client2.listEntities()) rows.push(row);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.route).toBe(again.route);
  }, 120_000);
});
