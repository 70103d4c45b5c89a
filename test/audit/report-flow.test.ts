import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TriageClient } from "../storage/triage-client.js";
import { type AzuriteService, connectionString, startService } from "./azurite-services.js";
import {
  type AuditedBot,
  concernButton,
  concernKindSubmit,
  startAuditedBot,
  triage,
} from "./bot-under-audit.js";

// The whole governance loop against real parts: triages over HTTP with state and audit in Azurite,
// a concern reported from an outcome card, then `npm run report` reading the audit back: its
// figures must match what was run, and its HTML must hold one SVG with marks per chart and no script.

const CES = { body_area: "lumbar", saddle_anaesthesia: "yes", ces_symptom_weeks: "1", ces_worsening: "yes" };
const TABLE = "auditFlowTest";

let blob: AzuriteService;
let table: AzuriteService;
let bot: AuditedBot;
let env: Record<string, string>;
const ran: Record<string, number> = {};
let concernTriageRoute = "";
const outDir = mkdtempSync(join(tmpdir(), "audit-report-"));

function report(args: string[]) {
  const r = spawnSync("npm", ["run", "--silent", "report", "--", ...args], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`report exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

beforeAll(async () => {
  [blob, table] = await Promise.all([startService("blob"), startService("table")]);
  env = {
    STORAGE: "blob",
    BLOB_CONNECTION_STRING: connectionString(blob.port, table.port),
    AUDIT: "table",
    AUDIT_TABLE: TABLE,
    // Named, not inherited from BLOB_CONNECTION_STRING: a developer's .env must not redirect the report.
    AUDIT_CONNECTION_STRING: connectionString(undefined, table.port),
  };
  bot = await startAuditedBot(env);
  const runs: Array<[string, Record<string, string>]> = [
    ["routine-1", {}],
    ["routine-2", {}],
    ["routine-3", {}],
    ["ces-1", CES],
    ["ces-2", CES],
  ];
  for (const [name, script] of runs) {
    const client = new TriageClient(`audit-flow-${name}`);
    const done = await triage(bot.url, client, script);
    ran[done.route] = (ran[done.route] ?? 0) + 1;
    if (name === "ces-2") {
      concernTriageRoute = done.route;
      const prompt = await client.send(bot.url, { value: concernButton(done.replies) });
      const thanks = await client.send(bot.url, {
        value: concernKindSubmit(prompt, "wrong_pathway", "should have gone to the spinal team"),
      });
      expect(JSON.stringify(thanks)).toContain("concern has been recorded");
    }
  }
  await bot.audit.flush();
}, 180_000);

afterAll(async () => {
  await bot?.close();
  await Promise.all([blob?.stop("SIGKILL"), table?.stop("SIGKILL")]);
  rmSync(outDir, { recursive: true, force: true });
});

describe("npm run report over the audit of triages run against the server", () => {
  it("counts every triage by the route it ended on, and lists the concern with its case", () => {
    expect(Object.keys(ran).length).toBeGreaterThanOrEqual(2);
    expect(bot.audit.stats()).toMatchObject({ lost: 0 });
    const today = new Date().toISOString().slice(0, 10);
    const figures = JSON.parse(report(["--json", "--from", today, "--to", today]));
    expect(figures.triages).toBe(5);
    expect(figures.byRoute).toEqual(ran);
    expect(Object.values(figures.byUrgency as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(5);
    expect(figures.concerns.total).toBe(1);
    expect(figures.concerns.byKind).toEqual({ wrong_pathway: 1 });
    const [concern] = figures.concerns.cases;
    expect(concern.note).toBe("should have gone to the spinal team");
    expect(concern.outcome.route).toBe(concernTriageRoute);
    expect(concern.outcome.rules.length).toBeGreaterThan(0);
    expect(concern.outcome.findingsYes).toContain("saddle_anaesthesia");
    expect(figures.answersPerTriage.reduce((n: number, a: { count: number }) => n + a.count, 0)).toBe(5);
    expect(figures.msk.queries).toBe(0);
  });

  it("writes one self-contained HTML file whose charts are SVGs with marks, and no script", () => {
    const today = new Date().toISOString().slice(0, 10);
    const out = join(outDir, "report.html");
    expect(report(["--from", today, "--to", today, "--out", out]).trim()).toBe(out);
    const html = readFileSync(out, "utf8");
    expect(html).not.toMatch(/<script/i);
    // Nothing to fetch: no src or href attribute and no CSS url() (xmlns declarations are names, not fetches).
    expect(html).not.toMatch(/\s(src|href|xlink:href)=/i);
    expect(html).not.toMatch(/url\(/i);
    const sections = [...html.matchAll(/<section class="chart-section" id="([a-z-]+)"[\s\S]*?<\/section>/g)];
    const byId = Object.fromEntries(sections.map((m) => [m[1], m[0]]));
    const drawn = [
      "outcomes-per-week",
      "routes",
      "red-flags",
      "answers-per-triage",
      "time-to-outcome",
      "concerns",
    ];
    for (const id of drawn) {
      const svg = /<svg[\s\S]*?<\/svg>/.exec(byId[id] ?? "")?.[0];
      expect(svg, id).toBeDefined();
      // Vega draws each mark as a path or rect inside a "mark-*" group; bars are role-mark groups.
      expect(svg, id).toMatch(/class="mark-(rect|symbol|area|line)[^"]*role-mark/);
      expect((svg ?? "").match(/<path [^>]*d="M/g)?.length ?? 0, id).toBeGreaterThan(0);
    }
    // No MSK team queries ran: that section says so rather than drawing an empty chart.
    expect(byId["msk-response"]).toContain("No MSK team queries");
    expect(html).toContain("should have gone to the spinal team");
    expect(html).toContain("wrong_pathway");
  });
});
