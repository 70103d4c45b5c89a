import type { PathwayLink } from "../rules/outcome.js";
import type { FindingId, Urgency } from "../rules/vocabulary.js";
import { LABELS, URGENCY_LABELS } from "./labels.js";
import type { OutcomeView } from "./views.js";

// The outcome card's content, composed once from the view for both renderers: each renderer only
// decides layout, never what is said.

export type Tone = "attention" | "warning" | "good" | "default";

export function urgencyTone(urgency: Urgency): Tone {
  if (urgency === "emergency") return "attention";
  if (urgency === "routine") return "good";
  if (urgency === "standard") return "default";
  return "warning";
}

export interface OutcomeParts {
  title: string;
  /** Urgency and its clock, said once ("Emergency: now, same day"; "Routine", not "Routine: routine"). */
  urgencyLine: string;
  tone: Tone;
  action: string;
  /** Who to phone for the action, with the number when configured. */
  contact?: string;
  /** A check to make before MRI (implants), on routes that lead to MRI. */
  mriCheck?: string;
  /** One line per rule: its name and its sources by name. */
  why: string[];
  /** Set when this outcome replaced an earlier one: what changed, and that action taken stands. */
  changed?: string;
  reviewOverdue: boolean;
  reasons: string[];
  additional: string[];
  uncertain: string[];
  suspicionFlags: string[];
  links: PathwayLink[];
  imaging: string;
  safetyNet: string;
  referral: string[];
  notAsked: string[];
  rulesVersion: string;
  disclaimer: string;
  notesSummary: string;
}

export function outcomeParts(view: OutcomeView): OutcomeParts {
  const o = view.outcome;
  const questionOf = questionLookup(view);
  return {
    title: o.title,
    urgencyLine: urgencyLine(o.urgency, o.clock),
    tone: urgencyTone(o.urgency),
    action: o.action,
    ...(o.contact ? { contact: contactLine(o.contact) } : {}),
    ...(o.mriCheck ? { mriCheck: o.mriCheck } : {}),
    why: o.rules.map(
      (r) => `${r.name}: ${r.sourceText}${r.onUncertainty ? ` (${LABELS.onUncertainty})` : ""}`,
    ),
    ...(view.changed ? { changed: `${view.changed} ${LABELS.actionStands}` } : {}),
    reviewOverdue: o.reviewOverdue,
    reasons: [
      ...(view.review ? [view.review.summary] : []),
      ...o.rules.map(
        (r) => `${r.name} (${r.id}): ${r.sourceText}${r.onUncertainty ? ` [${LABELS.onUncertainty}]` : ""}`,
      ),
    ],
    additional: o.additional.map((a) => `${a.title}: ${URGENCY_LABELS[a.urgency]} (${a.rule})`),
    uncertain: o.uncertain.map(questionOf),
    suspicionFlags: [...o.suspicionFlags],
    links: [...o.pathwayLinks],
    imaging: o.imaging,
    safetyNet: o.safetyNet,
    referral: referralLines(view),
    notAsked: view.notAsked.map((n) => n.label ?? n.question),
    rulesVersion: o.rulesVersion,
    disclaimer: o.disclaimer,
    notesSummary: view.notesSummary,
  };
}

/**
 * The urgency's name and its clock, without saying the same thing twice: a clock that repeats the
 * name ("routine", "within 24 hours") is shown once.
 */
export function urgencyLine(urgency: Urgency, clock: string): string {
  const name = URGENCY_LABELS[urgency];
  const flat = (t: string) =>
    t
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, " ")
      .trim();
  if (flat(clock).startsWith(flat(name))) return clock.charAt(0).toUpperCase() + clock.slice(1);
  return `${name}: ${clock}`;
}

function contactLine(contact: { text: string; phone?: string }): string {
  return contact.phone && !contact.text.includes(contact.phone)
    ? `${contact.text}: ${contact.phone}`
    : contact.text;
}

/** Uncertain findings are shown as the question asked, so the clinician sees what "unsure" was about. */
function questionLookup(view: OutcomeView): (id: FindingId) => string {
  const known = new Map<string, string>(Object.entries(view.questions ?? {}) as Array<[string, string]>);
  for (const a of view.answers) known.set(a.id, a.question);
  for (const n of view.notAsked) known.set(n.id, n.question);
  return (id) => known.get(id) ?? id.replaceAll("_", " ");
}

function referralLines(view: OutcomeView): string[] {
  const r = view.outcome.referral;
  const lines: string[] = [];
  const borough = r.boroughName ?? r.borough;
  if (borough) lines.push(`${LABELS.borough}: ${borough}`);
  if (r.provider) lines.push(`${LABELS.provider}: ${r.provider}`);
  lines.push(r.text);
  if (r.selfReferral) lines.push(`${LABELS.selfReferral}: ${r.selfReferral}`);
  return lines;
}
