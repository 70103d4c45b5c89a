// `npm run triage`: runs the rules command line from a bundle of rules/, rebuilt whenever a source
// file is newer than it. Loading TypeScript through tsx costs ~0.5-1 s at every start, which would
// dominate batch audits (docs/interfaces.md §1 wants 10,000 cases well under a second).
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const entry = path.join(root, "rules/cli/main.ts");
const bundle = path.join(root, "build/triage.mjs");

function newestSource(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (/\.(ts|json)$/.test(e.name) && !e.name.endsWith(".test.ts"))
      newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

if (!existsSync(bundle) || statSync(bundle).mtimeMs < newestSource(path.join(root, "rules"))) {
  const { build } = await import("esbuild");
  await build({
    entryPoints: [entry],
    outfile: bundle,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
}
await import(pathToFileURL(bundle).href);
