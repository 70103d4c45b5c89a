import type { Urgency } from "../rules/vocabulary.js";

// Interface words shared by the Teams and Slack renderers, so both say the same thing and a change
// is made once. Clinical wording never lives here: it comes from the view and the rules core.

export const LABELS = {
  appName: "MSK red-flag triage",
  yes: "Yes",
  no: "No",
  notSure: "Not sure",
  restart: "Restart",
  startTriage: "Start triage",
  newTriage: "New triage",
  reportConcern: "Report a concern",
  sendAnswer: "Send answer",
  chooseAnswer: "Choose an answer",
  whyAsked: "Why I ask",
  answer: "Answer",
  whatToDoNow: "What to do now",
  reasons: "Why this route",
  additionalActions: "Also do",
  uncertain: "Counted as unsure",
  suspicionFlags: "Red flags raising suspicion",
  pathwayLinks: "Pathways and guidance",
  imaging: "Imaging",
  safetyNet: "Safety netting",
  referral: "Referral route",
  notAsked: "Red flags not asked (the route was already clear; these are not answers of 'no')",
  showMore: "Show more",
  copyNotes: "Copy notes",
  why: "Why",
  fullReasons: "Rules that fired",
  contact: "Contact",
  mriCheck: "Before MRI",
  pendingQuestionLead: "One more question decides which emergency team. Act on the above now.",
  actionStands: "Action already taken stands.",
  guidelineVersion: "Guideline",
  summaryForNotes: "Summary for the notes",
  summaryHint: "Plain text, ready to paste into the patient record.",
  reviewOverdue:
    "This region's guideline is past its review date: check the route against current local guidance.",
  onUncertainty: "fired on an unsure or missing answer",
  selfReferral: "Self-referral",
  provider: "Provider",
  borough: "Borough",
  welcomeTitle: "MSK red-flag triage for clinicians",
  intendedUse:
    "Decision support for clinicians screening musculoskeletal referrals for red flags. It suggests a route and urgency; it does not diagnose and does not replace your clinical judgement.",
  notForEmergencies: "Not for emergencies: follow your local emergency process.",
  noPatientDetails:
    "This is a shared conversation: do not post patient details here (names, NHS numbers, dates of birth, addresses).",
  noIdentifiers: "Do not include patient identifiers; the bot never needs them.",
  region: "Region",
  helpTitle: "How to use the triage",
  helpLines: [
    "triage: start a new triage (you can add what you already know, e.g. 'is this urgent? 58, saddle numbness')",
    "back: ask the previous question again",
    "restart: start the triage over",
    "cancel: stop the current triage",
    "help: show this message",
  ],
  helpAnswers: "Answer with the buttons or type: yes, no, not sure, or a number such as 3.",
  typeNumberSlack:
    "Type the number as a reply here (in a channel thread, mention the app), or choose Not sure.",
  noticeTitle: { info: "Note", warning: "Warning", emergency: "Emergency" },
  screenNone: "None of these",
  screenThese: "These",
  screenUnsure: "Not sure: ask one by one",
  screenHint: "Tick any that are present, then press These. None present: None of these.",
} as const;

export function questionLabel(n: number): string {
  return `Question ${n}`;
}

export function notedLabel(items: readonly string[]): string {
  return `I noted: ${items.join(", ")}`;
}

export function prefillLabel(evidence: string, display: string): string {
  return `You mentioned "${evidence}" (${display}): is that right?`;
}

export function confirmPrefillLabel(display: string): string {
  return `Confirm: ${display}`;
}

export function uncertainLabel(items: readonly string[]): string {
  return `${LABELS.uncertain}: ${items.join("; ")}`;
}

export function rangeLabel(min?: number, max?: number, unit?: string): string {
  const u = unit ? ` ${unit}` : "";
  if (min !== undefined && max !== undefined) return `a number from ${min} to ${max}${u}`;
  if (min !== undefined) return `a number, at least ${min}${u}`;
  if (max !== undefined) return `a number, at most ${max}${u}`;
  return `a number${u}`;
}

/** Short names of the urgency levels (the urgency levels, docs/clinical-rules.md); the outcome's own `clock` gives the time frame. */
export const URGENCY_LABELS: Record<Urgency, string> = {
  emergency: "Emergency",
  within_24h: "Within 24 hours",
  within_72h: "Within 72 hours",
  within_1_week: "Within 1 week",
  two_week: "Two-week pathway",
  urgent: "Urgent",
  standard: "Standard",
  routine: "Routine",
};
