import { URGENCY_LABELS } from "../../cards/labels.js";
import type { MskQueryView } from "../../cards/msk-team/views.js";
import type { Outcome } from "../../rules/outcome.js";
import type { Pack } from "../../rules/packs/index.js";
import { type FindingId, type Findings, ROUTE_CODES, type RouteCode } from "../../rules/vocabulary.js";
import type { QueryCase, QueryRecord } from "./records.js";

// The anonymised case a query carries, and the query card's content. Only finding ids, the route,
// the rules and the pack version go to the team: never the clinician's own words (the optional
// question aside, which is redacted before it gets here).

export function queryCase(pack: Pack, triageId: string, findings: Findings, outcome: Outcome): QueryCase {
  const answered = Object.entries(findings) as Array<[FindingId, unknown]>;
  const yes = answered.filter(([, v]) => v === true).map(([id]) => id);
  const unsure = [
    ...new Set([...answered.filter(([, v]) => v === "unsure").map(([id]) => id), ...outcome.uncertain]),
  ];
  return {
    triageId,
    region: pack.data.region,
    route: outcome.route,
    urgency: outcome.urgency,
    routeTitle: outcome.title,
    rules: outcome.rules.map((r) => ({ id: r.id, name: r.name, source: r.source, sourceText: r.sourceText })),
    rulesVersion: outcome.rulesVersion,
    yes,
    unsure,
    findings: structuredClone(findings),
  };
}

/** When a query was asked or answered, as the team and the clinician see it. */
export function displayTime(iso: string): string {
  const d = new Date(iso);
  const day = d.toLocaleDateString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
  return `${day}, ${d.toISOString().slice(11, 16)} UTC`;
}

export function queryView(
  pack: Pack,
  q: QueryRecord,
  opts: { reminder?: boolean; answered?: string } = {},
): MskQueryView {
  const label = (id: FindingId) => pack.questionById.get(id)?.data.label ?? id.replaceAll("_", " ");
  const c = q.case;
  return {
    queryId: q.id,
    number: q.number,
    reminder: opts.reminder ?? false,
    askedAt: displayTime(q.askedAt),
    routeTitle: c.routeTitle,
    route: c.route,
    urgency: URGENCY_LABELS[c.urgency],
    yes: c.yes.map(label),
    unsure: c.unsure.map(label),
    rules: c.rules.map((r) => `${r.id} ${r.name}: ${r.sourceText ?? r.source}`),
    rulesVersion: c.rulesVersion,
    ...(q.question ? { question: q.question } : {}),
    routeChoices: changeableRoutes(pack).map((r) => ({
      value: r,
      title: pack.data.routes[r].title,
    })),
    ...(opts.answered ? { answered: opts.answered } : {}),
  };
}

/** The routes the team may change a query to: those some rule of this region's pack leads to. */
export function changeableRoutes(pack: Pack): RouteCode[] {
  return ROUTE_CODES.filter((r) => pack.rules.some((rule) => rule.data.route === r));
}
