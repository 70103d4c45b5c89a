import { ROUTE_CODES, URGENCY_LEVELS } from "../../rules/vocabulary.js";
import type { ConcernAudit, OutcomeAudit } from "../audit/record.js";

// The governance figures, computed from audit records alone (pure: no store, no charts). Routes,
// urgencies, findings and concern kinds stay as their codes; the HTML adds words around them.

export interface AuditData {
  outcomes: OutcomeAudit[];
  concerns: ConcernAudit[];
  /** Outcome records of concerns' triages that fell before the period (for the concern cases). */
  concernCases?: OutcomeAudit[];
}

export interface Spread {
  median?: number;
  p90?: number;
  buckets: Array<{ bucket: string; count: number }>;
}

export interface ConcernCase {
  concernId: string;
  at: string;
  kind: string;
  note?: string;
  triageId?: string;
  /** The triage's outcome as audited; absent when its record was not found (lost, or out of retention). */
  outcome?: {
    at: string;
    route: string;
    urgency: string;
    rules: string[];
    additional: OutcomeAudit["additional"];
    findingsYes: string[];
    findingsUnsure: string[];
    answers: number;
    rulesVersion: string;
    region: string;
  };
}

export interface Figures {
  period: { from: string; to: string };
  /** Every outcome shown, including emergencies shown before a triage's last question. */
  outcomesShown: number;
  /** Triages with an outcome; each counted once, by its final (or only) outcome. */
  triages: number;
  byRoute: Record<string, number>;
  byUrgency: Record<string, number>;
  byChannel: Record<string, number>;
  perWeek: Array<{ week: string; urgency: string; count: number }>;
  redFlags: Array<{ finding: string; yes: number; unsure: number }>;
  answersPerTriage: Array<{ answers: number; count: number }>;
  /** Seconds from a triage's start to its outcome. */
  timeToOutcome: Spread;
  freeTextTriages: number;
  msk: { queries: number; replied: number; byReply: Record<string, number>; responseMinutes: Spread };
  concerns: { total: number; byKind: Record<string, number>; cases: ConcernCase[] };
}

const TIME_BUCKETS: Array<[string, number]> = [
  ["under 1 min", 60],
  ["1-2 min", 120],
  ["2-5 min", 300],
  ["5-10 min", 600],
  ["10-30 min", 1800],
  ["30 min or more", Number.POSITIVE_INFINITY],
];
const REPLY_BUCKETS: Array<[string, number]> = [
  ["under 15 min", 15],
  ["15-30 min", 30],
  ["30-60 min", 60],
  ["1-4 h", 240],
  ["4-24 h", 1440],
  ["1 day or more", Number.POSITIVE_INFINITY],
];

export function computeFigures(data: AuditData, period: { from: string; to: string }): Figures {
  const triages = byTriage(data.outcomes);
  const byRoute = ordered(
    countBy(triages, (o) => o.route),
    ROUTE_CODES,
  );
  const byUrgency = ordered(
    countBy(triages, (o) => o.urgency),
    URGENCY_LEVELS,
  );
  const weeks = new Map<string, number>();
  for (const o of triages) {
    const key = `${weekOf(o.at)}|${o.urgency}`;
    weeks.set(key, (weeks.get(key) ?? 0) + 1);
  }
  const perWeek = [...weeks]
    .map(([k, count]) => {
      const [week = "", urgency = ""] = k.split("|");
      return { week, urgency, count };
    })
    .sort((a, b) => a.week.localeCompare(b.week) || rank(a.urgency) - rank(b.urgency));

  const flags = new Map<string, { yes: number; unsure: number }>();
  for (const o of triages) {
    for (const f of o.findingsYes) bump(flags, f).yes += 1;
    for (const f of o.findingsUnsure) bump(flags, f).unsure += 1;
  }
  const redFlags = [...flags]
    .map(([finding, c]) => ({ finding, ...c }))
    .sort((a, b) => b.yes + b.unsure - (a.yes + a.unsure) || a.finding.localeCompare(b.finding));

  const answers = countBy(triages, (o) => String(o.answers));
  const answersPerTriage = Object.entries(answers)
    .map(([n, count]) => ({ answers: Number(n), count }))
    .sort((a, b) => a.answers - b.answers);

  const seconds = triages.flatMap((o) => (o.secondsToOutcome === undefined ? [] : [o.secondsToOutcome]));

  const queried = triages.filter((o) => o.msk);
  const replied = queried.filter((o) => o.msk?.repliedAt && o.msk.reply);
  const replyMinutes = replied.map((o) =>
    Math.max(0, (Date.parse(o.msk?.repliedAt ?? "") - Date.parse(o.msk?.askedAt ?? "")) / 60_000),
  );

  const cases = caseIndex([...(data.concernCases ?? []), ...data.outcomes]);
  const concerns = [...data.concerns].sort((a, b) => a.at.localeCompare(b.at));

  return {
    period,
    outcomesShown: data.outcomes.length,
    triages: triages.length,
    byRoute,
    byUrgency,
    byChannel: countBy(triages, (o) => o.channel),
    perWeek,
    redFlags,
    answersPerTriage,
    timeToOutcome: spread(seconds, TIME_BUCKETS),
    freeTextTriages: triages.filter((o) => o.freeText).length,
    msk: {
      queries: queried.length,
      replied: replied.length,
      byReply: countBy(replied, (o) => o.msk?.reply ?? ""),
      responseMinutes: spread(replyMinutes, REPLY_BUCKETS),
    },
    concerns: {
      total: concerns.length,
      byKind: countBy(concerns, (c) => c.kind),
      cases: concerns.map((c) => concernCase(c, c.triageId ? cases.get(c.triageId) : undefined)),
    },
  };
}

/** One record per triage: its final outcome, or the latest outcome shown if it never finished. */
export function byTriage(outcomes: OutcomeAudit[]): OutcomeAudit[] {
  return [...caseIndex(outcomes).values()].sort((a, b) => a.at.localeCompare(b.at));
}

function caseIndex(outcomes: OutcomeAudit[]): Map<string, OutcomeAudit> {
  const best = new Map<string, OutcomeAudit>();
  for (const o of outcomes) {
    const seen = best.get(o.triageId);
    if (!seen || better(o, seen)) best.set(o.triageId, o);
  }
  return best;
}

function better(a: OutcomeAudit, b: OutcomeAudit): boolean {
  if (a.stage !== b.stage) return a.stage === "final";
  return a.at > b.at;
}

function concernCase(c: ConcernAudit, o: OutcomeAudit | undefined): ConcernCase {
  const out: ConcernCase = { concernId: c.concernId, at: c.at, kind: c.kind };
  if (c.note) out.note = c.note;
  if (c.triageId) out.triageId = c.triageId;
  if (o)
    out.outcome = {
      at: o.at,
      route: o.route,
      urgency: o.urgency,
      rules: o.rules,
      additional: o.additional,
      findingsYes: o.findingsYes,
      findingsUnsure: o.findingsUnsure,
      answers: o.answers,
      rulesVersion: o.rulesVersion,
      region: o.region,
    };
  return out;
}

/** The Monday (UTC) of the week an ISO minute falls in. */
export function weekOf(at: string): string {
  const d = new Date(Date.parse(at));
  const monday = new Date(
    Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7)),
  );
  return monday.toISOString().slice(0, 10);
}

function spread(values: number[], buckets: Array<[string, number]>): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const out: Spread = {
    buckets: buckets.map(([bucket]) => ({ bucket, count: 0 })),
  };
  for (const v of sorted) {
    const i = buckets.findIndex(([, upper]) => v < upper);
    const b = out.buckets[i];
    if (b) b.count += 1;
  }
  if (sorted.length > 0) {
    out.median = round(quantile(sorted, 0.5));
    out.p90 = round(quantile(sorted, 0.9));
  }
  return out;
}

/** Nearest-rank quantile of a sorted list. */
function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of items) {
    const k = key(t);
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

/** Known codes in their vocabulary order, then any others (an older or newer pack's) by name. */
function ordered(counts: Record<string, number>, order: readonly string[]): Record<string, number> {
  const keys = Object.keys(counts).sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    if (ia === -1 && ib === -1) return a.localeCompare(b);
    if (ia === -1) return 1;
    if (ib === -1) return -1;
    return ia - ib;
  });
  return Object.fromEntries(keys.map((k) => [k, counts[k] ?? 0]));
}

function rank(urgency: string): number {
  return (URGENCY_LEVELS as readonly string[]).indexOf(urgency);
}

function bump(m: Map<string, { yes: number; unsure: number }>, k: string) {
  let v = m.get(k);
  if (!v) {
    v = { yes: 0, unsure: 0 };
    m.set(k, v);
  }
  return v;
}
