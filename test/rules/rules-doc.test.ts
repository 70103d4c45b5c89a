import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadAllPacks } from "../../rules/packs/index.js";
import { nameSources } from "../../rules/packs/sources.js";

// docs/clinical-rules.md is what a clinical reviewer signs off; it must be the packs the bot runs.
// A pack edit without `npm run docs:rules` fails here (and so in CI).

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

describe("docs/clinical-rules.md", () => {
  it("is up to date with the region packs (generator --check)", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/generate-rules-doc.ts", "--check"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("names every region's guideline dates, every rule with its source, and every question", () => {
    const doc = readFileSync(new URL("../../docs/clinical-rules.md", import.meta.url), "utf8");
    for (const pack of loadAllPacks()) {
      const g = pack.data.guideline;
      expect(doc).toContain(`(${pack.data.region})`);
      for (const text of [g.version, g.effective, g.review]) expect(doc).toContain(text);
      for (const rule of pack.data.rules) {
        expect(doc).toContain(`**${rule.id}**`);
        // Sources by name, never by the packs' short ids.
        expect(doc).toContain(nameSources(pack.data.sources, rule.source).replaceAll("|", "\\|"));
      }
      for (const q of pack.data.questions) expect(doc).toContain(`\`${q.id}\``);
    }
    expect(doc).toContain("[silent]");
    expect(doc).not.toMatch(/\b00[0-4] (exclusions|§|recommendation)|§|RULES/);
  });
});
