import { describe, expect, it } from "vitest";
import { fallbackText, renderAdaptive, renderBlockKit } from "../../cards/index.js";
import { outcomeView } from "../../dialogs/outcome-view.js";
import { newSession } from "../../dialogs/session.js";
import { loadPack } from "../../rules/packs/index.js";
import { ROUTE_CODES } from "../../rules/vocabulary.js";
import { readVignettes } from "../vignettes/vignette-file.js";

// Clinicians see sources by name. The packs cite short ids ("000 exclusions", "002 §...") that mean
// nothing outside the team: no card, plain-text fallback or Slack message may show one, for any
// route a real decision reaches.

const INTERNAL = /\b00[0-4]\b|§|RULES|CONTRACT/;

describe("sources by name on every route's messages", () => {
  const seen = new Set<string>();
  it.each(readVignettes().map((v) => [`${v.id} ${v.title}`, v] as const))("%s", (_name, v) => {
    const pack = loadPack(v.region);
    const session = { ...newSession(v.region), answers: v.findings };
    const view = outcomeView(pack, session, new Date("2026-06-01"));
    seen.add(view.outcome.route);
    const teams = renderAdaptive(view);
    const slack = renderBlockKit(view);
    for (const [where, text] of [
      ["Teams card", JSON.stringify(teams.card)],
      ["fallback text", fallbackText(view)],
      ["Slack blocks", JSON.stringify(slack.blocks)],
      ["Slack text", slack.text],
    ] as const) {
      expect(text, where).not.toMatch(INTERNAL);
    }
    expect(JSON.stringify(teams.card)).toContain(view.outcome.rules[0]?.sourceText.split(":")[0] ?? "?");
  });

  it("covered every route", () => {
    expect([...seen].sort()).toEqual([...ROUTE_CODES].sort());
  });
});
