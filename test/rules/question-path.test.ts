import { describe, expect, it } from "vitest";
import { decide } from "../../rules/engine/decide.js";
import type { Question } from "../../rules/outcome.js";
import { loadPack, type Pack } from "../../rules/packs/index.js";
import type { Findings } from "../../rules/vocabulary.js";
import { readVignettes, type Vignette } from "../vignettes/vignette-file.js";
import { TODAY, walk } from "./walk.js";

// RULES.md §1 principle 4 on the golden vignettes: a clinician answering the bot's questions from
// the vignette reaches the same route and urgency as the whole vignette given at once, and the
// number of questions it took is measured.

const vignettes = readVignettes();

/** What a clinician who knows exactly the vignette's findings would answer. */
function answerFor(pack: Pack, v: Vignette) {
  return (q: Question): unknown => {
    const given = (v.findings as Record<string, unknown>)[q.id];
    if (given !== undefined) return given;
    if (q.id === "borough") return v.borough ?? "not_given";
    if (q.type === "bool" && pack.questionById.get(q.id)?.data.absentMeans !== "unsure") return false;
    return "unsure";
  };
}

const counts: number[] = [];

describe("question path: walking nextQuestion reaches decide()'s route for every vignette", () => {
  it.each(vignettes.map((v) => [`${v.id} ${v.title}`, v] as const))("%s", (_name, v) => {
    const pack = loadPack(v.region);
    const direct = decide(pack, v.findings, { today: TODAY, borough: v.borough });
    const w = walk(pack, answerFor(pack, v), {} as Findings, v.borough);
    counts.push(w.asked.length);
    expect({ route: w.outcome.route, urgency: w.outcome.urgency }).toEqual({
      route: direct.route,
      urgency: direct.urgency,
    });
    // An emergency stop must never hide a more urgent answer: it happens only on an emergency.
    if (w.reason === "emergency") expect(direct.urgency).toBe("emergency");
    expect(w.asked.length).toBeLessThanOrEqual(pack.questions.filter((q) => q.data.askable).length);
  });

  // Found by V045: limb numbness with known cancer is spinal context for R01, so it must be asked.
  it("asks about limb neurology for a limb problem only when there is a cancer context", () => {
    const pack = loadPack("NEL");
    const asked = (cancer: boolean) =>
      walk(pack, (q) =>
        q.id === "body_area"
          ? "limb"
          : q.id === "cancer_history"
            ? cancer
            : q.type === "bool"
              ? false
              : "unsure",
      ).asked;
    expect(asked(true)).toEqual(expect.arrayContaining(["motor_weakness", "sensory_deficit"]));
    expect(asked(false)).not.toContain("sensory_deficit");
  });

  it("reports the questions asked per vignette (median and maximum)", () => {
    expect(counts).toHaveLength(vignettes.length);
    const sorted = [...counts].sort((a, b) => a - b);
    const mid = sorted.length / 2;
    const median =
      sorted.length % 2 ? sorted[Math.floor(mid)] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
    const max = sorted[sorted.length - 1] ?? 0;
    console.log(
      `questions asked per vignette (${counts.length}): median ${median}, max ${max}, min ${sorted[0]}`,
    );
    // The point of ordering and skipping: well under the full catalogue for a typical case.
    const catalogue = loadPack("NEL").questions.filter((q) => q.data.askable).length;
    expect(max).toBeLessThanOrEqual(catalogue);
    expect(median).toBeLessThan(catalogue / 2);
  });
});
