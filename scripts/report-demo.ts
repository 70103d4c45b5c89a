// Builds the governance report of a demonstration audit, for the README's picture and for trying
// the report out: six weeks of triages (the golden vignettes' findings through the real rules
// engine, plus many routine cases), a few MSK team queries and concerns, written through the real
// audit writer to Azurite in a temporary folder, then read back and rendered as `npm run report`
// does. With --screenshot it also photographs the page with Chromium.
//
// Run it inside a loopback-only network namespace (Chromium must not reach the network):
//   unshare --net sh -c 'ip link set lo up && npx tsx scripts/report-demo.ts --screenshot'
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { decide } from "../rules/engine/decide.js";
import { loadPack } from "../rules/packs/index.js";
import type { Findings } from "../rules/vocabulary.js";
import { outcomeAudit, toMinute } from "../src/audit/record.js";
import { TableAuditLog } from "../src/audit/table-audit-log.js";
import { createLogger } from "../src/logging.js";
import { renderCharts } from "../src/report/charts.js";
import { computeFigures } from "../src/report/figures.js";
import { reportHtml } from "../src/report/html.js";
import { startTableEmulator } from "../src/report/local-store.js";
import { readAudit } from "../src/report/read.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outHtml = path.join(repoRoot, "test-results", "report-demo.html");
const outPng = path.join(repoRoot, "docs", "images", "governance-report.png");

// A fixed pseudo-random sequence, so the demonstration is the same every run.
let seed = 12;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

interface Vignette {
  id: string;
  region: string;
  findings: Findings;
}
const vignettes = (
  JSON.parse(readFileSync(path.join(repoRoot, "test/vignettes/vignettes.json"), "utf8")) as Vignette[]
).filter((v) => v.region === "NEL");
const routine: Findings = { age: 44, body_area: "lumbar", radiculopathy: false } as Findings;

const pack = loadPack("NEL");
const location = mkdtempSync(path.join(tmpdir(), "report-demo-"));
const store = await startTableEmulator(repoRoot, location);
try {
  const audit = new TableAuditLog({
    connectionString: store.connectionString,
    table: "mskTriageAuditDemo",
    retentionDays: 400,
    log: createLogger("warn"),
  });
  const to = new Date(Date.UTC(2026, 11, 3));
  const from = new Date(to.getTime() - 41 * 86_400_000);
  const triages: string[] = [];
  for (let day = 0; day < 42; day++) {
    const weekday = (from.getUTCDay() + day) % 7;
    const perDay = weekday === 0 || weekday === 6 ? 1 : 3 + Math.floor(random() * 4);
    for (let n = 0; n < perDay; n++) {
      const findings =
        random() < 0.55 ? routine : (vignettes[Math.floor(random() * vignettes.length)]?.findings ?? routine);
      const start = new Date(from.getTime() + day * 86_400_000 + (8 + random() * 9) * 3_600_000);
      const seconds = 25 + Math.floor(random() ** 2 * 600);
      const triageId = `demo-${day}-${n}`;
      const record = outcomeAudit({
        triageId,
        stage: "final",
        outcome: decide(pack, findings, { today: start }),
        answers: findings,
        freeText: random() < 0.35,
        startedAt: start,
        shownAt: new Date(start.getTime() + seconds * 1000),
        channel: random() < 0.8 ? "msteams" : "slack",
        scope: "personal",
      });
      audit.outcome(record);
      triages.push(triageId);
      if (random() < 0.12) {
        const askedAt = new Date(start.getTime() + (seconds + 60) * 1000);
        audit.mskQuery({ triageId, queryId: `Q${triages.length}`, askedAt });
        const replies = ["agree", "agree", "agree", "change", "call"] as const;
        audit.mskQuery({
          triageId,
          queryId: `Q${triages.length}`,
          askedAt,
          repliedAt: new Date(askedAt.getTime() + (5 + random() ** 2 * 300) * 60_000),
          reply: replies[Math.floor(random() * replies.length)] ?? "agree",
        });
      }
    }
  }
  const concerns = [
    ["too_low", "Thoracic pain at night in a 70 year old felt more urgent than routine"],
    ["wrong_pathway", "Would have sent this one to the spinal team rather than fracture clinic"],
    ["too_high", undefined],
  ] as const;
  concerns.forEach(([kind, note], i) => {
    const triageId = triages[Math.floor((triages.length * (i + 1)) / 4)] ?? "demo-0-0";
    audit.concern({
      type: "concern",
      concernId: `demo-concern-${i}`,
      triageId,
      at: toMinute(new Date(from.getTime() + (10 + i * 9) * 86_400_000 + 15 * 3_600_000)),
      kind,
      ...(note ? { note } : {}),
      channel: "msteams",
    });
  });
  await audit.close();

  const period = { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
  const figures = computeFigures(
    await readAudit(store.connectionString, "mskTriageAuditDemo", period),
    period,
  );
  mkdirSync(path.dirname(outHtml), { recursive: true });
  writeFileSync(
    outHtml,
    reportHtml(figures, await renderCharts(figures), new Date(to.getTime() + 9 * 3_600_000)),
  );
  console.log(
    `${outHtml} (${figures.triages} triages, ${figures.msk.queries} MSK queries, ${figures.concerns.total} concerns)`,
  );

  if (process.argv.includes("--screenshot")) {
    const r = spawnSync(
      process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--disable-background-networking",
        "--window-size=1280,2520",
        `--screenshot=${outPng}`,
        `file://${outHtml}`,
      ],
      { encoding: "utf8", timeout: 60_000 },
    );
    if (r.status !== 0) throw new Error(`chromium failed (${r.status}): ${r.stderr}`);
    console.log(outPng);
  }
} finally {
  await store.stop();
  rmSync(location, { recursive: true, force: true });
}
