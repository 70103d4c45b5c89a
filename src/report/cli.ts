import "dotenv/config";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ConfigError, readConfig } from "../config.js";
import { renderCharts } from "./charts.js";
import { computeFigures } from "./figures.js";
import { reportHtml } from "./html.js";
import { openLocalStore } from "./local-store.js";
import { readAudit } from "./read.js";

// `npm run report -- [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--out FILE] [--json]`: the governance
// report from the audit (AUDIT_CONNECTION_STRING / AUDIT_TABLE, as the bot writes it). Prints the
// HTML file's path, or with --json the figures themselves. Exit 2 for bad arguments or settings.

const USAGE =
  "usage: npm run report -- [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--out FILE] [--json]\n" +
  "  --from, --to  the period in whole UTC days, both included (default: the 12 weeks to today)\n" +
  "  --out FILE    where to write the HTML (default reports/msk-triage-report-FROM-TO.html)\n" +
  "  --json        print the figures as JSON instead of writing HTML";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function validDay(name: string, value: string): string {
  if (
    !DAY.test(value) ||
    Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ||
    new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value
  )
    fail(`--${name}: expected a date as YYYY-MM-DD, got "${value}"\n${USAGE}`);
  return value;
}

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    options: {
      from: { type: "string" },
      to: { type: "string" },
      out: { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
}
try {
  args = parse();
} catch (err) {
  fail(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
}
if (args.values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const to = validDay("to", args.values.to ?? new Date().toISOString().slice(0, 10));
const from = validDay(
  "from",
  args.values.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 83 * 86_400_000).toISOString().slice(0, 10),
);
if (from > to) fail(`--from (${from}) is after --to (${to})`);

let config: ReturnType<typeof readConfig>;
try {
  config = readConfig();
} catch (err) {
  if (err instanceof ConfigError) fail(err.message);
  throw err;
}

let connectionString = config.auditConnectionString;
const local = connectionString ? undefined : await openLocalStore(repoRoot);
if (local) {
  connectionString = local.connectionString;
  process.stderr.write("No AUDIT_CONNECTION_STRING: reading the local run's audit (.azurite/).\n");
}
if (!connectionString)
  fail(
    "Set AUDIT_CONNECTION_STRING (or BLOB_CONNECTION_STRING) to the audit's storage account, or run `npm start` once for a local audit.",
  );

try {
  const data = await readAudit(connectionString, config.AUDIT_TABLE, { from, to });
  const figures = computeFigures(data, { from, to });
  if (args.values.json) {
    process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
  } else {
    const html = reportHtml(figures, await renderCharts(figures), new Date());
    const out = path.resolve(args.values.out ?? path.join("reports", `msk-triage-report-${from}-${to}.html`));
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, html);
    process.stdout.write(`${out}\n`);
  }
} catch (err) {
  const e = err as { name?: string; code?: string; statusCode?: number };
  process.stderr.write(
    `Could not read the audit (${e.name ?? "Error"}${e.code ? ` ${e.code}` : ""}${e.statusCode ? ` HTTP ${e.statusCode}` : ""}): is the store reachable?\n`,
  );
  process.exitCode = 1;
} finally {
  await local?.stop();
}
