import type { AdditionalAction, Outcome, PathwayLink, Referral } from "../outcome.js";
import type { CompiledAdvice, Pack } from "../packs/compile.js";
import {
  FINDING_IDS,
  type FindingId,
  type Findings,
  type PathwayKey,
  type RouteCode,
  urgencyRank,
} from "../vocabulary.js";
import { type Evaluation, evaluate, type Firing, urgencyAt } from "./evaluate.js";
import { type Facts, NO, UNSURE, YES } from "./logic.js";

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
  const child = isChild(x);
  const additional = additionalActions(pack, fired, route, child);
  const reached = new Set<RouteCode>([route, ...additional.map((a) => a.route)]);
  const pathways = pathwaysOf(fired, x);
  const applies = (a: CompiledAdvice) => adviceApplies(a, x, route, reached, pathways);
  const imaging = pack.imaging.filter(applies);
  const safetyNet = pack.safetyNet.filter(applies);
  const links = new Set<PathwayKey>(pathways);
  for (const a of [...imaging, ...safetyNet]) for (const key of a.links) links.add(key);
  const wording = wordingOf(pack, primary, child);

  const outcome: Outcome = {
    route,
    urgency,
    title: wording.title,
    action: [wording.action, ...notesFor(pack, x, route, fired)].join(" "),
    clock: primary.variant?.clock ?? pack.data.urgencies[urgency].clock,
    pathways,
    pathwayLinks: [...links].map((key): PathwayLink => ({ key, ...pack.data.pathways[key] })),
    rules: [primary, ...fired.filter((f) => f !== primary && f.rule.data.route === route)].map((f) => ({
      id: f.rule.data.id,
      name: f.rule.data.name,
      source: f.rule.data.source,
      sourceText: f.rule.sourceText,
      onUncertainty: f.truth === UNSURE,
    })),
    additional,
    uncertain: uncertainFindings(pack, x, fired),
    suspicionFlags: pack.suspicionFlags.filter((s) => s.when(x) === YES).map((s) => s.label),
    imaging: imaging.map((a) => a.cited).join("\n"),
    safetyNet: safetyNet.map((a) => a.cited).join("\n"),
    referral: wording.referral ?? referralFor(pack, route, options.borough ?? findings.borough),
    region: pack.data.region,
    rulesVersion: pack.rulesVersion,
    reviewOverdue: isReviewOverdue(pack, options.today ?? new Date()),
    disclaimer: pack.data.disclaimer,
    child,
  };
  if (applies(pack.mriCheck)) outcome.mriCheck = pack.mriCheck.cited;
  if (!child && fired.some((f) => f.rule.data.contact === "mscc")) outcome.contact = msccContact(pack);
  return outcome;
}

/** Certainly under 16: the card carries a child's wording. (An unsure age keeps both.) */
function isChild(x: Facts): boolean {
  const age = x.f.age;
  return typeof age === "number" && age < 16;
}

/** Title, action and referral: a variant's wording first, then a child's, the rule's, the route's. */
function wordingOf(
  pack: Pack,
  f: Firing,
  child: boolean,
): { title: string; action: string; referral?: Referral } {
  const route = f.rule.data.route;
  const base = pack.data.routes[route];
  const forChild = child ? pack.data.childRoutes[route] : undefined;
  const referral = f.variant?.referral ?? forChild?.referral ?? f.rule.data.referral;
  return {
    title: f.variant?.title ?? forChild?.title ?? base.title,
    action: f.variant?.action ?? forChild?.action ?? f.rule.data.action ?? base.action,
    ...(referral ? { referral: { text: referral } } : {}),
  };
}

/** Sentences added to the action. One that offers a less acute option needs certainty. */
function notesFor(pack: Pack, x: Facts, route: RouteCode, fired: Firing[]): string[] {
  const emergencyIds = fired.filter((f) => f.rank === urgencyRank("emergency")).map((f) => f.rule.data.id);
  return pack.actionNotes
    .filter(({ data, when }) => {
      if (!data.routes.includes(route)) return false;
      if (data.onlyEmergencyRules && emergencyIds.some((id) => !data.onlyEmergencyRules?.includes(id)))
        return false;
      if (!when) return true;
      const t = when(x);
      return data.certain ? t === YES : t !== NO;
    })
    .map((n) => n.data.text);
}

function msccContact(pack: Pack): { text: string; phone?: string } {
  const c = pack.data.msccContact;
  if (c) return { text: `${c.name}: ${c.phone}`, phone: c.phone };
  return {
    text: "The MSCC co-ordinator's number is not configured for this service: ask switchboard for acute oncology.",
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
function additionalActions(
  pack: Pack,
  fired: Firing[],
  primaryRoute: RouteCode,
  child: boolean,
): AdditionalAction[] {
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
      title: wordingOf(pack, f, child).title,
    }));
}

/**
 * Findings answered unsure, and missing details that principle 2 counted as unsure: only those a
 * rule actually fired on (a missing detail that changed nothing is not reported).
 */
function uncertainFindings(pack: Pack, x: Facts, fired: Firing[]): FindingId[] {
  const out: FindingId[] = [];
  for (const id of FINDING_IDS) if (x.v.get(id) === "unsure") out.push(id);
  for (const q of pack.absentMeansUnsure) {
    if (x.v.get(q.data.id) !== undefined) continue;
    if (fired.some((f) => f.truth === UNSURE && f.rule.reads.has(q.data.id))) out.push(q.data.id);
  }
  return out;
}

function adviceApplies(
  a: CompiledAdvice,
  x: Facts,
  route: RouteCode,
  reached: Set<RouteCode>,
  pathways: PathwayKey[],
): boolean {
  if (!a.triggers) return true;
  return a.triggers.some(
    (t) =>
      (!t.when || t.when(x) !== NO) &&
      (!t.whenRoute || t.whenRoute.includes(route)) &&
      (!t.whenPathway || t.whenPathway.some((p) => pathways.includes(p))) &&
      !t.unlessRoute?.some((r) => reached.has(r)) &&
      !t.unlessPathway?.some((p) => pathways.includes(p)),
  );
}

// The borough entry is chosen by route (tier 1 or tier 2), never by urgency alone.
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
  const iso = typeof day === "string" ? day.slice(0, 10) : day.toISOString().slice(0, 10);
  return iso > pack.data.guideline.review;
}
