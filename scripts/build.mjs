// `npm run build`: compiles the TypeScript that runs in production to dist/, one ESM file per entry
// point with a source map. Packages stay in node_modules (not bundled); the JSON rule packs and card
// templates are imported, so they are compiled into the files that use them. Type checking is
// `npm run typecheck`'s job: this only transpiles, in well under a second. Code splitting keeps each
// dynamic import() in a chunk of its own (dist/chunks/), so the server loads the optional parts
// (Slack, Blob storage, the Table audit) and their packages only when config asks for them; without
// it esbuild would hoist their package imports into the entry file.
import { rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outdir = path.join(root, "dist");

/** Output name (dist/<name>.js) -> TypeScript entry point. */
const ENTRY_POINTS = {
  // `npm run serve`: the Teams and Slack server.
  server: "src/index.ts",
  // `npm run triage`: the rules command line.
  triage: "rules/cli/main.ts",
  // `npm run bench:bot`: the two reference bots the triage bot is measured against.
  "bench/canonical-bot": "bench/canonical-bot.ts",
  "bench/echo-bot": "bench/echo-bot.ts",
};

// Chunk names carry a content hash: without this, chunks of earlier builds pile up.
rmSync(path.join(outdir, "chunks"), { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: ENTRY_POINTS,
  outdir,
  outExtension: { ".js": ".js" },
  bundle: true,
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  packages: "external",
  platform: "node",
  format: "esm",
  target: "node22",
  sourcemap: true,
  logLevel: "warning",
});
