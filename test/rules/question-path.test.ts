import { describe, expect, it } from "vitest";
import { decide } from "../../rules/engine/decide.js";
import type { Question } from "../../rules/outcome.js";
import { loadPack, type Pack } from "../../rules/packs/index.js";
import type { Findings } from "../../rules/vocabulary.js";
import { readVignettes, type Vignette } from "../vignettes/vignette-file.js";
import { TODAY, walk } from "./walk.js";

// Principle 4 on the golden vignettes: a clinician answering the bot's questions from
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
    counts.push(w.taps);
    expect({ route: w.outcome.route, urgency: w.outcome.urgency }).toEqual({
      route: direct.route,
      urgency: direct.urgency,
    });
    // An emergency stop must never hide a more urgent answer: it happens only on an emergency.
    if (w.reason === "emergency") expect(direct.urgency).toBe("emergency");
    expect(w.asked.length).toBeLessThanOrEqual(pack.questions.filter((q) => q.data.askable).length);
  });

  // The neurology screen (with myelopathy) is asked whatever the body area: hand clumsiness with a
  // positive Hoffmann's in a patient recorded as "limb" must not be missed.
  it("asks the neurology screen, myelopathy included, for a limb problem with or without cancer", () => {
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
    expect(asked(false)).toEqual(expect.arrayContaining(["sensory_deficit", "myelopathy_signs"]));
    // ...but not the cauda equina screen, until spinal context arises.
    expect(asked(false)).not.toContain("saddle_anaesthesia");
  });

  it("every concern question is put to the clinician for every body area and age", () => {
    for (const pack of [loadPack("NEL"), loadPack("NWL"), loadPack("BNSSG")]) {
      for (const area of ["lumbar", "thoracic", "cervical", "limb", "unsure"])
        for (const age of [8, 40, 80, "unsure"]) {
          const w = walk(pack, (q) =>
            q.id === "body_area" ? area : q.id === "age" ? age : q.type === "bool" ? false : "unsure",
          );
          const spinal = area !== "limb";
          const concerns = ["infection_suspected", "malignancy_suspected", "acute_medical_cause_suspected"];
          if (spinal) concerns.push("vff_suspected", "axspa_suspected");
          concerns.push("non_msk_suspected");
          if (age === 8 || age === "unsure") concerns.push("child_red_flag");
          expect(w.asked, `${pack.data.region} ${area} ${age}`).toEqual(expect.arrayContaining(concerns));
        }
    }
  });

  it("a lower-back case answered 'None of these' throughout takes at most 12 answers", () => {
    const pack = loadPack("NEL");
    const w = walk(
      pack,
      (q) => (q.id === "body_area" ? "lumbar" : q.id === "age" ? 45 : q.type === "bool" ? false : "newham"),
      {},
      "newham",
    );
    console.log(`all-no lower back (NEL): ${w.taps} answers`);
    expect(w.outcome.route).toBe("ROUTINE_PHYSIO");
    expect(w.taps).toBeLessThanOrEqual(12);
  });

  it("reports the answers per vignette (median at most 10)", () => {
    expect(counts).toHaveLength(vignettes.length);
    const sorted = [...counts].sort((a, b) => a - b);
    const mid = sorted.length / 2;
    const median =
      sorted.length % 2 ? sorted[Math.floor(mid)] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
    const max = sorted[sorted.length - 1] ?? 0;
    console.log(
      `answers per vignette (${counts.length}, a screen counts once): median ${median}, max ${max}, min ${sorted[0]}`,
    );
    expect(median).toBeLessThanOrEqual(10);
    expect(max).toBeLessThanOrEqual(14);
  });
});
