import { describe, expect, it } from "vitest";
import type { OutcomeAudit } from "../../src/audit/record.js";
import { renderCharts } from "../../src/report/charts.js";
import { computeFigures, weekOf } from "../../src/report/figures.js";
import { reportHtml } from "../../src/report/html.js";

// The report's charts and page from figures alone (no store): every chart is drawn by Vega as SVG
// when there is data, and says so in words when there is none.

const base: Omit<OutcomeAudit, "triageId" | "at" | "route" | "urgency"> = {
  type: "outcome",
  stage: "final",
  region: "NEL",
  rulesVersion: "NEL v1",
  channel: "msteams",
  scope: "personal",
  additional: [],
  rules: ["R01"],
  findingsYes: ["saddle_anaesthesia"],
  findingsUnsure: ["night_pain"],
  answers: 7,
  secondsToOutcome: 80,
  freeText: false,
};
const outcomes: OutcomeAudit[] = [
  { ...base, triageId: "a", at: "2026-11-24T09:00Z", route: "ED_NOW", urgency: "emergency" },
  {
    ...base,
    triageId: "b",
    at: "2026-12-01T09:00Z",
    route: "ROUTINE_PHYSIO",
    urgency: "routine",
    msk: { queryId: "Q1", askedAt: "2026-12-01T09:05Z", repliedAt: "2026-12-01T09:20Z", reply: "change" },
  },
];
const period = { from: "2026-11-20", to: "2026-12-03" };

describe("report charts", () => {
  it("draws every chart as an SVG with marks when there is data", async () => {
    const f = computeFigures(
      {
        outcomes,
        concerns: [
          {
            type: "concern",
            concernId: "c",
            triageId: "a",
            at: "2026-11-24T09:10Z",
            kind: "too_high",
            channel: "msteams",
          },
        ],
      },
      period,
    );
    const charts = await renderCharts(f);
    expect(charts.map((c) => c.id)).toEqual([
      "outcomes-per-week",
      "routes",
      "red-flags",
      "answers-per-triage",
      "time-to-outcome",
      "msk-response",
      "concerns",
    ]);
    for (const c of charts) {
      expect(c.svg, c.id).toMatch(/^<svg[\s\S]*class="mark-rect[^"]*role-mark[\s\S]*<\/svg>$/);
    }
    const html = reportHtml(f, charts, new Date("2026-12-03T09:00:00Z"));
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("too_high");
  });

  it("says there is nothing to show, in words, for an empty period", async () => {
    const charts = await renderCharts(computeFigures({ outcomes: [], concerns: [] }, period));
    expect(charts.every((c) => c.svg === undefined && typeof c.empty === "string")).toBe(true);
  });

  it("groups outcomes by the Monday of their week", () => {
    expect(weekOf("2026-12-03T09:00Z")).toBe("2026-11-30");
    expect(weekOf("2026-11-30T00:00Z")).toBe("2026-11-30");
    expect(weekOf("2026-11-29T23:59Z")).toBe("2026-11-23");
  });
});
