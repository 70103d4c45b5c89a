import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { decide } from "../rules/engine/decide.js";
import { loadPack } from "../rules/packs/index.js";
import { outcomeAudit } from "../src/audit/record.js";
import { TableAuditLog } from "../src/audit/table-audit-log.js";
import { createLogger } from "../src/logging.js";
import { renderCharts } from "../src/report/charts.js";
import { computeFigures } from "../src/report/figures.js";
import { reportHtml } from "../src/report/html.js";
import { startTableEmulator } from "../src/report/local-store.js";
import { readAudit } from "../src/report/read.js";
import { generateCases } from "./cases.js";

// `npm run bench:audit`: how fast the audit writer drains into Azurite's table service, and how long
// the report takes to read and draw a busy year. Prints figures; asserts nothing.

const N = Number(process.env.AUDIT_BENCH_RECORDS ?? 2000);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const location = mkdtempSync(path.join(tmpdir(), "audit-bench-"));
const store = await startTableEmulator(repoRoot, location);
const pack = loadPack("NEL");
try {
  const log = new TableAuditLog({
    connectionString: store.connectionString,
    table: "auditBench",
    retentionDays: 400,
    log: createLogger("warn"),
  });
  const cases = generateCases(N);
  const start = Date.UTC(2026, 0, 5);
  const records = cases.map((c, i) => {
    const shownAt = new Date(start + Math.floor((i * 330 * 86_400_000) / N));
    return outcomeAudit({
      triageId: `bench-${i}`,
      stage: "final",
      outcome: decide(pack, c.findings, { today: shownAt }),
      answers: c.findings,
      freeText: i % 3 === 0,
      startedAt: new Date(shownAt.getTime() - 90_000),
      shownAt,
      channel: "msteams",
      scope: "personal",
    });
  });

  // Fed in bursts the queue can hold (beyond 1,000 waiting, a record is dropped and counted as lost).
  let queued = 0;
  let t0 = process.hrtime.bigint();
  for (let i = 0; i < records.length; i += 500) {
    const q0 = process.hrtime.bigint();
    for (const r of records.slice(i, i + 500)) log.outcome(r);
    queued += Number(process.hrtime.bigint() - q0) / 1e6;
    await log.flush();
  }
  const drained = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(
    `audit: ${N} records queued in ${queued.toFixed(1)} ms in all (${((queued * 1000) / N).toFixed(1)} µs each: what a turn pays)`,
  );
  console.log(
    `audit: drained to Azurite in ${drained.toFixed(2)} s = ${Math.round(N / drained)} records/s, ${JSON.stringify(log.stats())}`,
  );
  await log.close();

  const period = { from: "2026-01-01", to: "2026-12-31" };
  t0 = process.hrtime.bigint();
  const data = await readAudit(store.connectionString, "auditBench", period);
  const read = Number(process.hrtime.bigint() - t0) / 1e9;
  t0 = process.hrtime.bigint();
  const figures = computeFigures(data, period);
  const charts = await renderCharts(figures);
  const html = reportHtml(figures, charts, new Date());
  const drawn = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(
    `report: read ${data.outcomes.length} records in ${read.toFixed(2)} s; figures + ${charts.length} charts + HTML in ${drawn.toFixed(2)} s (${Math.round(html.length / 1024)} KB)`,
  );
} finally {
  await store.stop();
  rmSync(location, { recursive: true, force: true });
}
