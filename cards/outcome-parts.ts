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
  urgencyLine: string;
  tone: Tone;
  action: string;
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
    urgencyLine: `${URGENCY_LABELS[o.urgency]}: ${o.clock}`,
    tone: urgencyTone(o.urgency),
    action: o.action,
    reviewOverdue: o.reviewOverdue,
    reasons: o.rules.map(
      (r) => `${r.name} (${r.id}): ${r.sourceText}${r.onUncertainty ? ` [${LABELS.onUncertainty}]` : ""}`,
    ),
    additional: o.additional.map((a) => `${a.title}: ${URGENCY_LABELS[a.urgency]} (${a.rule})`),
    uncertain: o.uncertain.map(questionOf),
    suspicionFlags: [...o.suspicionFlags],
    links: [...o.pathwayLinks],
    imaging: o.imaging,
    safetyNet: o.safetyNet,
    referral: referralLines(view),
    notAsked: view.notAsked.map((n) => n.question),
    rulesVersion: o.rulesVersion,
    disclaimer: o.disclaimer,
    notesSummary: view.notesSummary,
  };
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
