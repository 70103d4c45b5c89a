import type { AdditionalAction, Outcome, PathwayLink, Referral } from "../outcome.js";
import type { CompiledAdvice, Pack } from "../packs/compile.js";
import {
  FINDING_IDS,
  type FindingId,
  type Findings,
  type PathwayKey,
  type RouteCode,
} from "../vocabulary.js";
import { type Evaluation, evaluate, type Firing, urgencyAt } from "./evaluate.js";
import { type Facts, NO, UNSURE } from "./logic.js";

export interface DecideOptions {
  /** NEL borough for the referral route; falls back to findings.borough. */
  borough?: string;
  /** The day of the decision (YYYY-MM-DD or Date), for the review-date check. Defaults to today. */
  today?: string | Date;
}

/** The rules core's answer for one case: a pure function of the pack, the findings and the date. */
export function decide(pack: Pack, findings: Findings, options: DecideOptions = {}): Outcome {
  return describe(pack, evaluate(pack, findings), options);
}

export function describe(pack: Pack, ev: Evaluation, options: DecideOptions = {}): Outcome {
  const { primary, fired, findings, facts: x } = ev;
  const route = primary.rule.data.route;
  const urgency = urgencyAt(primary.rank);
  const routeText = pack.data.routes[route];
  const pathways = pathwaysOf(fired, x);
  const today = isoDay(options.today ?? new Date());

  return {
    route,
    urgency,
    title: routeText.title,
    action: routeText.action,
    clock: pack.data.urgencies[urgency].clock,
    pathways,
    pathwayLinks: pathways.map((key): PathwayLink => ({ key, ...pack.data.pathways[key] })),
    rules: [primary, ...fired.filter((f) => f !== primary && f.rule.data.route === route)].map((f) => ({
      id: f.rule.data.id,
      name: f.rule.data.name,
      source: f.rule.data.source,
      onUncertainty: f.truth === UNSURE,
    })),
    additional: additionalActions(pack, fired, route),
    uncertain: uncertainFindings(pack, x, fired),
    suspicionFlags: pack.suspicionFlags.filter((s) => s.when(x) === 1).map((s) => s.label),
    imaging: adviceFor(pack.imaging, x, route, pathways),
    safetyNet: adviceFor(pack.safetyNet, x, route, pathways),
    referral: referralFor(pack, route, options.borough ?? findings.borough),
    region: pack.data.region,
    rulesVersion: pack.rulesVersion,
    reviewOverdue: isReviewOverdue(pack, today),
    disclaimer: pack.data.disclaimer,
  };
}

function pathwaysOf(fired: Firing[], x: Facts): PathwayKey[] {
  const out = new Set<PathwayKey>();
  for (const f of fired) {
    for (const key of f.rule.data.pathways) out.add(key);
    for (const p of f.rule.pathwaysWhen) if (p.when(x) !== NO) out.add(p.key);
  }
  return [...out];
}

/** Every other route a rule reached, once each at its most urgent, so nothing a rule asked for is lost. */
function additionalActions(pack: Pack, fired: Firing[], primaryRoute: RouteCode): AdditionalAction[] {
  const best = new Map<RouteCode, Firing>();
  for (const f of fired) {
    const route = f.rule.data.route;
    if (route === primaryRoute) continue;
    const seen = best.get(route);
    if (!seen || f.rank > seen.rank) best.set(route, f);
  }
  return [...best.values()]
    .sort((a, b) => b.rank - a.rank || a.rule.index - b.rule.index)
    .map((f) => ({
      route: f.rule.data.route,
      urgency: urgencyAt(f.rank),
      rule: f.rule.data.id,
      title: pack.data.routes[f.rule.data.route].title,
    }));
}

/**
 * Findings answered unsure, and missing details that principle 2 counted as unsure: only those a
 * rule actually fired on (a missing detail that changed nothing is not reported).
 */
function uncertainFindings(pack: Pack, x: Facts, fired: Firing[]): FindingId[] {
  const out: FindingId[] = [];
  for (let i = 0; i < x.v.length; i++) if (x.v[i] === "unsure") out.push(FINDING_IDS[i] as FindingId);
  for (const q of pack.absentMeansUnsure) {
    if (x.v[q.slot] !== undefined) continue;
    if (fired.some((f) => f.truth === UNSURE && f.rule.reads.has(q.data.id))) out.push(q.data.id);
  }
  return out;
}

function adviceFor(list: CompiledAdvice[], x: Facts, route: RouteCode, pathways: PathwayKey[]): string {
  const texts: string[] = [];
  for (const a of list) {
    const applies =
      !a.triggers ||
      a.triggers.some(
        (t) =>
          (!t.when || t.when(x) !== NO) &&
          (!t.whenRoute || t.whenRoute.includes(route)) &&
          (!t.whenPathway || t.whenPathway.some((p) => pathways.includes(p))),
      );
    if (applies) texts.push(a.cited);
  }
  return texts.join("\n");
}

// RULES.md §7: the borough entry is chosen by route (tier 1 or tier 2), never by urgency alone.
const BOROUGH_ENTRY: Partial<Record<RouteCode, ["tier1" | "tier2", "routine" | "urgent"]>> = {
  URGENT_APP: ["tier2", "urgent"],
  ROUTINE_APP: ["tier2", "routine"],
  URGENT_PHYSIO: ["tier1", "urgent"],
  ROUTINE_PHYSIO: ["tier1", "routine"],
};

function referralFor(pack: Pack, route: RouteCode, borough: string | undefined): Referral {
  const entry = BOROUGH_ENTRY[route];
  if (!entry) return { text: pack.data.referral.byRoute[route] ?? pack.data.referral.community };
  const b = borough ? pack.data.referral.boroughs[borough] : undefined;
  if (!b || !borough) return { text: pack.data.referral.community };
  const [tier, level] = entry;
  return {
    borough,
    boroughName: b.name,
    provider: b.provider,
    text: b[tier][level],
    selfReferral: b.selfReferral,
  };
}

/** Whether the region's guideline is past its review date on this day (shown on every card). */
export function isReviewOverdue(pack: Pack, day: string | Date = new Date()): boolean {
  return isoDay(day) > pack.data.guideline.review;
}

let lastDay: { at: number; day: string } | undefined;
function isoDay(d: string | Date): string {
  if (typeof d === "string") return d.slice(0, 10);
  const at = d.getTime();
  if (lastDay?.at !== at) lastDay = { at, day: d.toISOString().slice(0, 10) };
  return lastDay.day;
}
