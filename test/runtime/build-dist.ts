import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

// Vitest global setup: compiles dist/ from the sources under test before any test runs, so the
// tests that start the compiled server or CLI (as `npm run serve` and `npm run triage` do) never
// run a build older than the code beside them. Also prints the Node version the suite runs on.

export default function buildDist(): void {
  const root = fileURLToPath(new URL("../../", import.meta.url));
  const build = spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: root, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stderr}`);
  console.log(`unit tests on node ${process.version}; dist/ rebuilt`);
}
