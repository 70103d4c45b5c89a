// Prints one closing line for the whole test run ("N passed, N failed"), read from the vitest JSON
// reports that `npm test` writes, so CI can see how many tests ran across the unit and e2e suites.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const files = ["test-results/vitest.json", "test-results/fuzz.json"];
const e2eDir = "test-results/e2e";
if (existsSync(e2eDir))
  for (const f of readdirSync(e2eDir)) if (f.endsWith(".json")) files.push(path.join(e2eDir, f));

let passed = 0;
let failed = 0;
let skipped = 0;
for (const f of files) {
  if (!existsSync(f)) continue;
  const r = JSON.parse(readFileSync(f, "utf8"));
  passed += r.numPassedTests ?? 0;
  failed += r.numFailedTests ?? 0;
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
