import { describe, expect, it } from "vitest";
import { renderAdaptive } from "../../cards/index.js";
import { outcomeView } from "../../dialogs/outcome-view.js";
import { newSession } from "../../dialogs/session.js";
import { loadPack } from "../../rules/packs/index.js";
import type { Region } from "../../rules/vocabulary.js";
import { answerFrom } from "../dialogs/clinician.js";
import { TODAY } from "../dialogs/harness.js";
import { walk } from "../rules/walk.js";
import { readVignettes } from "../vignettes/vignette-file.js";
import { visibleTextBlocks } from "./visible-text.js";

// Every golden vignette's outcome card, as the conversation builds it, read at a glance: at most
// MAX_VISIBLE text blocks before any tap (the rest sits behind "Show more" / "Copy notes").

const MAX_VISIBLE = 30;
const packs = new Map<Region, ReturnType<typeof loadPack>>();
const worstByRoute = new Map<string, number>();

describe("outcome cards before a tap", () => {
  it.each(readVignettes().map((v) => [v.id, v] as const))("%s", (_id, v) => {
    const pack = packs.get(v.region) ?? loadPack(v.region);
    packs.set(v.region, pack);
    const answer = answerFrom(pack, v.findings, v.borough);
    const core = walk(pack, (q) => answer(q.id));
    const session = {
      ...newSession(v.region),
      answers: core.answers,
      order: core.asked,
      how: Object.fromEntries(core.asked.map((id) => [id, "asked" as const])),
    };
    const view = outcomeView(pack, session, TODAY);
    const blocks = visibleTextBlocks(renderAdaptive(view).card);
    const route = view.outcome.route;
    expect(route).toBe(core.outcome.route);
    worstByRoute.set(route, Math.max(worstByRoute.get(route) ?? 0, blocks));
    expect(blocks).toBeLessThanOrEqual(MAX_VISIBLE);
  });

  it("reports the most text blocks before a tap, per route", () => {
    const rows = [...worstByRoute].sort(([a], [b]) => a.localeCompare(b));
    console.log(
      `visible text blocks before a tap (worst vignette per route)\n${rows.map(([r, n]) => `${r}: ${n}`).join("\n")}`,
    );
    expect(rows.length).toBeGreaterThan(10);
  });
});
