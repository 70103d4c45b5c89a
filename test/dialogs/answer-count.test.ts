import { describe, expect, it } from "vitest";
import type { Region } from "../../rules/vocabulary.js";
import { readVignettes } from "../vignettes/vignette-file.js";
import { answerFrom, play } from "./clinician.js";
import { botHarness } from "./harness.js";

// How many answers a clinician gives, tapping the cards only, for each golden vignette and for a
// lower-back case with no red flag at all (every question answered "No"). Printed per region as
// the figures the conversation's length is judged by.

const vignettes = readVignettes();
const perRegion = new Map<Region, number[]>();
const noFlag = new Map<Region, number>();

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

describe("answers per triage, by card taps only", () => {
  it.each(vignettes.map((v) => [v.id, v] as const))("%s", async (_id, v) => {
    const bot = botHarness({ region: v.region });
    const played = await play(bot.say, bot.pack, answerFrom(bot.pack, v.findings, v.borough), {
      updates: () => bot.adapter.updates,
    });
    expect(played.outcome).toBeDefined();
    perRegion.set(v.region, [...(perRegion.get(v.region) ?? []), played.taps]);
  });

  it.each(["NEL", "NWL", "BNSSG"] as const)("a lower-back case with no red flag (%s)", async (region) => {
    const bot = botHarness({ region });
    const findings = { age: 40, body_area: "lumbar" } as const;
    const played = await play(bot.say, bot.pack, answerFrom(bot.pack, findings, "newham"), {
      updates: () => bot.adapter.updates,
    });
    expect(played.outcome?.route).toBe("ROUTINE_PHYSIO");
    noFlag.set(region, played.taps);
  });

  it("reports median, worst and the no-flag case per region", () => {
    const rows = [...perRegion].map(
      ([region, counts]) =>
        `${region}: ${counts.length} vignettes, median ${median(counts)}, worst ${Math.max(...counts)}, no-flag lower back ${noFlag.get(region)}`,
    );
    const all = [...perRegion.values()].flat();
    rows.push(`all: ${all.length} vignettes, median ${median(all)}, worst ${Math.max(...all)}`);
    console.log(`answers per triage (card taps only)\n${rows.join("\n")}`);
    expect(all).toHaveLength(vignettes.length);
    expect(median(all)).toBeLessThanOrEqual(10);
    expect(Math.max(...all)).toBeLessThanOrEqual(14);
    for (const taps of noFlag.values()) expect(taps).toBeLessThanOrEqual(12);
  });
});
