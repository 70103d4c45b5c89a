import { parse, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { URGENCY_LEVELS } from "../../rules/vocabulary.js";
import type { Figures, Spread } from "./figures.js";

// The report's charts: Vega-Lite specs with the figures inline, compiled to Vega and rendered to
// SVG strings in Node (renderer "none": no canvas, no browser, no network; no data is loaded from
// a URL). The SVG goes straight into the HTML, so the file needs no script to show them.

export interface Chart {
  id: string;
  title: string;
  /** Absent when there is nothing to draw: the report says so instead of an empty frame. */
  svg?: string;
  empty?: string;
}

const URGENCY_COLOURS = [
  "#2e7d32",
  "#1565c0",
  "#f9a825",
  "#ef6c00",
  "#e65100",
  "#d84315",
  "#c62828",
  "#7f0000",
];
const FONT = "Arial, Helvetica, sans-serif";
const CONFIG = {
  font: FONT,
  axis: { labelFontSize: 11, titleFontSize: 12, labelLimit: 220 },
  legend: { labelFontSize: 11, titleFontSize: 12 },
  view: { stroke: null },
  background: "white",
};

export async function renderCharts(f: Figures): Promise<Chart[]> {
  const charts: Array<{ id: string; title: string; spec?: TopLevelSpec; empty: string }> = [
    {
      id: "outcomes-per-week",
      title: "Outcomes per week by urgency",
      empty: "No outcomes in this period.",
      ...(f.perWeek.length > 0 && { spec: perWeek(f) }),
    },
    {
      id: "routes",
      title: "Routes",
      empty: "No outcomes in this period.",
      ...(f.triages > 0 && { spec: bars(counts(f.byRoute), "route", "Route", "Triages") }),
    },
    {
      id: "red-flags",
      title: "Red flags found (answered yes or unsure)",
      empty: "No red flags were answered yes or unsure in this period.",
      ...(f.redFlags.length > 0 && { spec: redFlags(f) }),
    },
    {
      id: "answers-per-triage",
      title: "Answers per triage",
      empty: "No outcomes in this period.",
      ...(f.answersPerTriage.length > 0 && {
        spec: columns(
          f.answersPerTriage.map((a) => ({ key: String(a.answers), count: a.count })),
          "Answers given",
          "Triages",
          false,
        ),
      }),
    },
    {
      id: "time-to-outcome",
      title: "Time from start to outcome",
      empty: "No timed outcomes in this period.",
      ...(hasValues(f.timeToOutcome) && { spec: spreadChart(f.timeToOutcome, "Time to outcome") }),
    },
    {
      id: "msk-response",
      title: "MSK team query response times",
      empty: "No MSK team queries were answered in this period.",
      ...(hasValues(f.msk.responseMinutes) && { spec: spreadChart(f.msk.responseMinutes, "Time to reply") }),
    },
    {
      id: "concerns",
      title: "Concerns reported, by kind",
      empty: "No concerns were reported in this period.",
      ...(f.concerns.total > 0 && { spec: bars(counts(f.concerns.byKind), "kind", "Concern", "Concerns") }),
    },
  ];
  const out: Chart[] = [];
  for (const c of charts) {
    out.push(
      c.spec
        ? { id: c.id, title: c.title, svg: await toSvg(c.spec) }
        : { id: c.id, title: c.title, empty: c.empty },
    );
  }
  return out;
}

export async function toSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

function counts(r: Record<string, number>): Array<{ key: string; count: number }> {
  return Object.entries(r).map(([key, count]) => ({ key, count }));
}

function hasValues(s: Spread): boolean {
  return s.buckets.some((b) => b.count > 0);
}

function perWeek(f: Figures): TopLevelSpec {
  return {
    config: CONFIG,
    width: Math.max(240, 60 * new Set(f.perWeek.map((w) => w.week)).size),
    height: 220,
    // Stacked most urgent at the bottom: the stacking order is the urgency's rank.
    data: { values: f.perWeek.map((w) => ({ ...w, rank: URGENCY_LEVELS.indexOf(w.urgency as never) })) },
    mark: { type: "bar" },
    encoding: {
      x: { field: "week", type: "ordinal", title: "Week starting (Monday)", axis: { labelAngle: 0 } },
      y: { field: "count", type: "quantitative", title: "Triages", axis: { tickMinStep: 1 } },
      color: {
        field: "urgency",
        type: "nominal",
        title: "Urgency",
        scale: { domain: [...URGENCY_LEVELS].reverse(), range: [...URGENCY_COLOURS].reverse() },
      },
      order: { field: "rank", type: "quantitative", sort: "descending" },
      tooltip: null,
    },
  } as TopLevelSpec;
}

/** Horizontal bars, one per code, in the order given. */
function bars(
  values: Array<{ key: string; count: number }>,
  field: string,
  title: string,
  measure: string,
): TopLevelSpec {
  return {
    config: CONFIG,
    width: 420,
    height: { step: 22 },
    data: { values },
    layer: [
      { mark: { type: "bar", color: "#005eb8" } },
      { mark: { type: "text", align: "left", dx: 4, fontSize: 11 }, encoding: { text: { field: "count" } } },
    ],
    encoding: {
      y: { field: "key", type: "nominal", title, sort: null, axis: { labelFontSize: 11 } },
      // Room to the right of the longest bar for its count.
      x: {
        field: "count",
        type: "quantitative",
        title: measure,
        axis: { tickMinStep: 1 },
        scale: { domainMax: Math.ceil(Math.max(1, ...values.map((v) => v.count)) * 1.12) },
      },
    },
    description: field,
  } as TopLevelSpec;
}

function columns(
  values: Array<{ key: string; count: number }>,
  title: string,
  measure: string,
  angled: boolean,
): TopLevelSpec {
  return {
    config: CONFIG,
    width: Math.max(240, 40 * values.length),
    height: 200,
    data: { values },
    mark: { type: "bar", color: "#005eb8" },
    encoding: {
      x: { field: "key", type: "ordinal", title, sort: null, axis: { labelAngle: angled ? -30 : 0 } },
      y: { field: "count", type: "quantitative", title: measure, axis: { tickMinStep: 1 } },
    },
  } as TopLevelSpec;
}

function spreadChart(s: Spread, title: string): TopLevelSpec {
  return columns(
    s.buckets.map((b) => ({ key: b.bucket, count: b.count })),
    title,
    "Count",
    true,
  );
}

function redFlags(f: Figures): TopLevelSpec {
  const values = f.redFlags.flatMap((r) => [
    { finding: r.finding, answer: "yes", count: r.yes },
    { finding: r.finding, answer: "unsure", count: r.unsure },
  ]);
  return {
    config: CONFIG,
    width: 420,
    height: { step: 22 },
    data: { values: values.filter((v) => v.count > 0) },
    mark: { type: "bar" },
    encoding: {
      y: { field: "finding", type: "nominal", title: "Finding", sort: f.redFlags.map((r) => r.finding) },
      x: { field: "count", type: "quantitative", title: "Triages", axis: { tickMinStep: 1 } },
      color: {
        field: "answer",
        type: "nominal",
        title: "Answer",
        scale: { domain: ["yes", "unsure"], range: ["#c62828", "#f9a825"] },
      },
    },
  } as TopLevelSpec;
}
