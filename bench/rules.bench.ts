import { spawnSync } from "node:child_process";
import { parseCase } from "../rules/case.js";
import { decide } from "../rules/engine/decide.js";
import { evaluate } from "../rules/engine/evaluate.js";
import { nextQuestion } from "../rules/engine/next-question.js";
import { EXTRACTION_LIMIT, extractFindings } from "../rules/extract/index.js";
import { loadPack } from "../rules/packs/index.js";
import { generateCases } from "./cases.js";

// `npm run bench`: prints figures; targets are in the issue (200,000 decide/s on one core,
// 10,000-case --jsonl batch under 1 s end to end). Nothing here asserts: tests assert behaviour.

const cases = generateCases(20_000);
const packs = { NEL: loadPack("NEL"), NWL: loadPack("NWL"), BNSSG: loadPack("BNSSG") };
const today = new Date();

function rate(label: string, fn: (i: number) => unknown, n = cases.length, rounds = 5) {
  for (let i = 0; i < n; i++) fn(i); // warm-up
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn(i);
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  console.log(
    `${label.padEnd(44)} ${Math.round(n / best)
      .toLocaleString("en-GB")
      .padStart(12)} /s`,
  );
}

console.log(
  `node ${process.version}, one core, ${cases.length.toLocaleString("en-GB")} generated cases, best of 5`,
);
rate("evaluate (rules fired + primary route)", (i) => {
  const c = cases[i] as (typeof cases)[number];
  return evaluate(packs[c.region], c.findings);
});
rate("decide (full docs/interfaces.md §1 outcome)", (i) => {
  const c = cases[i] as (typeof cases)[number];
  return decide(packs[c.region], c.findings, { today });
});
rate("parseCase + decide + JSON.stringify", (i) => {
  const c = parseCase(cases[i]);
  return JSON.stringify(decide(packs[c.region], c.findings, { today }));
});
rate("nextQuestion", (i) => {
  const c = cases[i] as (typeof cases)[number];
  return nextQuestion(packs[c.region], c.findings);
});

// Free-text extraction: a typical query, and an adversarial message at the input cap (extract.ts).
rate(
  "extractFindings (typical one-line query)",
  () => extractFindings("45M LBP 5/7 new saddle numbness + retention"),
  2_000,
);
for (const unit of ["no not ", "# ", "saddle/bladder/"]) {
  const text = unit.repeat(EXTRACTION_LIMIT).slice(0, EXTRACTION_LIMIT);
  const times = Array.from({ length: 5 }, () => {
    const t0 = process.hrtime.bigint();
    extractFindings(text);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  });
  console.log(
    `extractFindings, ${EXTRACTION_LIMIT} chars of ${JSON.stringify(unit)}: best ${Math.min(...times).toFixed(1)} ms, worst ${Math.max(...times).toFixed(1)} ms`,
  );
}

const batch = `${cases
  .slice(0, 10_000)
  .map((c) => JSON.stringify(c))
  .join("\n")}\n`;
for (let r = 0; r < 3; r++) {
  const t0 = process.hrtime.bigint();
  const run = spawnSync("npm", ["run", "--silent", "triage", "--", "decide", "--jsonl"], {
    input: batch,
    maxBuffer: 1 << 30,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const lines = run.stdout.toString().trim().split("\n").length;
  console.log(
    `decide --jsonl, 10,000 cases end to end (npm run, run ${r + 1}): ${ms.toFixed(0)} ms, ${lines} lines, exit ${run.status}`,
  );
}
const mem = process.memoryUsage();
console.log(
  `bench process memory: rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB, heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB`,
);
