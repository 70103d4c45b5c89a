import { describe, expect, it } from "vitest";
import { applyExtraction, newSession } from "../../dialogs/session.js";
import { decide } from "../../rules/engine/decide.js";
import { nextQuestion } from "../../rules/engine/next-question.js";
import { extractFindings } from "../../rules/extract/index.js";
import { loadPack, type Pack } from "../../rules/packs/index.js";
import type { Findings, Region } from "../../rules/vocabulary.js";
import { walk as coreWalk } from "../rules/walk.js";
import { readVignettes, type Vignette } from "../vignettes/vignette-file.js";

// How many questions a triage needs with the quick check (start from what the vignette's one-line
// `text` says) and without it (start empty), over the golden vignettes (the quick check). A
// suggestion shown as a prefill still counts as one question: it is one tap. The quick check may
// only save questions: the route reached must be the vignette's own, always.

const packs = new Map<Region, Pack>();
const packFor = (r: Region) => packs.get(r) ?? (packs.set(r, loadPack(r)).get(r) as Pack);

/** What a clinician who knows exactly the vignette's findings answers (missing details as the pack reads them). */
function answerOf(pack: Pack, v: Vignette, id: string): Findings[keyof Findings] {
  const given = (v.findings as Record<string, unknown>)[id];
  if (given !== undefined) return given as Findings[keyof Findings];
  if (id === "borough") return v.borough ?? "unsure";
  const q = pack.questionById.get(id as never);
  return q?.public.type === "bool" && q.data.absentMeans !== "unsure" ? false : "unsure";
}

/** Answers given (a screen counts once), walking the core's steps with the vignette's answers. */
function walk(pack: Pack, v: Vignette, start: Findings): { asked: number; findings: Findings } {
  const w = coreWalk(pack, (q) => answerOf(pack, v, q.id), start);
  return { asked: w.taps, findings: w.answers };
}

const routeOf = (pack: Pack, v: Vignette, f: Findings) => {
  const o = decide(pack, f, { ...(v.borough ? { borough: v.borough } : {}), today: "2026-01-01" });
  return `${o.route}/${o.urgency}`;
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe("questions saved by the quick check over the golden vignettes", () => {
  const vignettes = readVignettes();
  const rows = vignettes.map((v) => {
    const pack = packFor(v.region);
    const prefilled = applyExtraction(newSession(v.region), extractFindings(v.text)).answers;
    const withCheck = walk(pack, v, prefilled);
    const without = walk(pack, v, {});
    return {
      v,
      withCheck: withCheck.asked,
      without: without.asked,
      expected: routeOf(pack, v, v.findings),
      routeWith: routeOf(pack, v, withCheck.findings),
      routeWithout: routeOf(pack, v, without.findings),
    };
  });

  it("never changes any vignette's route", () => {
    const changed = rows
      .filter((r) => r.routeWith !== r.expected || r.routeWithout !== r.expected)
      .map(
        (r) => `${r.v.id}: want ${r.expected}, with ${r.routeWith}, without ${r.routeWithout} (${r.v.text})`,
      );
    expect(changed).toEqual([]);
  });

  it("does not stop on an emergency that depends on a body area not yet asked (V083's order)", () => {
    // BNSSG sends a limb infection to ED but a well spinal one to direct MRI: the body area must be asked.
    const next = nextQuestion(packFor("BNSSG"), { infection_suspected: true, infection_risk: true });
    expect(next.done ? next.reason : next.kind === "question" ? next.question.id : next.screen.id).toBe(
      "body_area",
    );
  });

  it("needs fewer questions with the quick check, and reports the figures", () => {
    const w = rows.map((r) => r.withCheck);
    const wo = rows.map((r) => r.without);
    console.log(
      `Questions over ${rows.length} vignettes: with the quick check median ${median(w)}, mean ${mean(w).toFixed(2)}; ` +
        `without median ${median(wo)}, mean ${mean(wo).toFixed(2)}; ` +
        `${rows.filter((r) => r.withCheck < r.without).length} vignettes need fewer, ` +
        `${rows.filter((r) => r.withCheck > r.without).length} need more`,
    );
    expect(mean(w)).toBeLessThan(mean(wo));
  });
});
