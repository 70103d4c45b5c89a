import { describe, expect, it } from "vitest";
import { fallbackText, renderAdaptive } from "../../cards/index.js";
import { outcomeView } from "../../dialogs/outcome-view.js";
import { newSession, recordAnswer } from "../../dialogs/session.js";
import { loadPack } from "../../rules/packs/index.js";

const pack = loadPack("NEL");

function answered(pairs: Array<[string, "yes" | "no" | number | string]>) {
  let s = newSession("NEL");
  for (const [id, value] of pairs) {
    const q = pack.questionById.get(id as never)?.public;
    if (!q) throw new Error(id);
    s = recordAnswer(s, q, value);
  }
  return s;
}

const texts = (card: unknown): string[] =>
  JSON.stringify(card)
    .match(/"text":"((?:[^"\\]|\\.)*)"/g)
    ?.map((m) => JSON.parse(m.slice(7)) as string) ?? [];

describe("outcome view", () => {
  it("names a detail counted as unsure by its question, not its id", () => {
    const view = outcomeView(
      pack,
      answered([
        ["body_area", "lumbar"],
        ["saddle_anaesthesia", "yes"],
        // Asked in days: 21 days (3 weeks) is not acute, so whether it is worsening decides.
        ["ces_symptom_weeks", 21],
      ]),
      new Date("2026-01-01"),
    );
    expect(view.outcome.uncertain).toContain("ces_worsening");
    const all = texts(renderAdaptive(view).card).join("\n");
    expect(all).toContain("Are any of these symptoms new or getting worse?");
    expect(all).not.toMatch(/ces[ _]worsening/);
  });

  it("keeps the notes summary free of anything but labels, answers and the rules", () => {
    const view = outcomeView(
      pack,
      answered([
        ["body_area", "limb"],
        ["age", 40],
      ]),
      new Date("2026-01-01"),
    );
    expect(view.notesSummary).toMatch(/^MSK red-flag triage \(decision support\), 2026-01-01/);
    expect(view.notesSummary).toContain("- Age: 40 years");
    expect(view.notesSummary).toContain("Not asked (route already clear)");
  });
});

describe("welcome text", () => {
  it("warns against patient details in a shared conversation, in the plain text too", () => {
    const base = {
      kind: "welcome" as const,
      regionName: "North East London",
      rulesVersion: "NEL v1",
      reviewOverdue: false,
    };
    expect(fallbackText({ ...base, scope: "shared" })).toMatch(/do not post patient details/i);
    expect(fallbackText({ ...base, scope: "personal" })).not.toMatch(/do not post patient details/i);
  });
});

describe("commands", () => {
  it("a greeting is not a command, so it cannot restart a triage in progress", async () => {
    const { recogniseCommand } = await import("../../dialogs/commands.js");
    expect(recogniseCommand("hello")).toBeUndefined();
    expect(recogniseCommand("hi")).toBeUndefined();
    expect(recogniseCommand("triage")).toBe("triage");
    expect(recogniseCommand("Restart please")).toBe("restart");
  });
});
