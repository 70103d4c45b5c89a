import { z } from "zod";
import type { PathwayLink } from "../../../rules/outcome.js";
import { FINDING_IDS } from "../../../rules/vocabulary.js";
import { fallbackText } from "../../fallback-text.js";
import { LABELS, notedLabel } from "../../labels.js";
import { outcomeParts, type Tone } from "../../outcome-parts.js";
import type { OutcomeView } from "../../views.js";
import { CardRenderError, type ExpandRequest, expandCard } from "../expand.js";
import template from "../templates/outcome.json" with { type: "json" };

/** Teams rejects activities somewhere above 28-40 KB; the card keeps well under the lower figure. */
export const CARD_BYTE_BUDGET = 28 * 1024;

const text = z.string().trim().min(1);
const optionalSection = z.array(z.object({ heading: text, items: z.array(text).min(1) })).max(1);

const OutcomeData = z.object({
  title: text,
  urgencyLine: text,
  style: z.enum(["attention", "warning", "good", "emphasis"]),
  action: text,
  contactLines: z.array(text).max(1),
  changedLines: z.array(text).max(1),
  reviewWarnings: z.array(text).max(1),
  additionalSection: optionalSection,
  pendingQuestions: z
    .array(
      z.object({
        notedLines: z.array(text).max(1),
        lead: text,
        text,
        questionId: z.enum(FINDING_IDS),
        yes: text,
        no: text,
        unsure: text,
      }),
    )
    .max(1),
  mriCheckLines: z.array(text).max(1),
  labels: z.object({
    why: text,
    safetyNet: text,
    imaging: text,
    referral: text,
    summaryForNotes: text,
    summaryHint: text,
    newTriage: text,
    showMore: text,
    copyNotes: text,
  }),
  why: z.array(text).min(1),
  // Links are one markdown list in one block: a glance at the card should not count them one by one.
  linksSection: z.array(z.object({ heading: text, text })).max(1),
  // Multi-line texts are one TextBlock per line: clients disagree on single line breaks in a
  // TextBlock, and "- " at a line start would turn the notes summary into markdown bullets.
  safetyNetLines: z.array(text).min(1),
  referralSection: optionalSection,
  moreMriCheckLines: z.array(text).max(1),
  moreSafetyNet: optionalSection,
  moreLinks: z.array(z.object({ heading: text, text })).max(1),
  moreReferral: optionalSection,
  disclaimer: text,
  versionLine: text,
  detailSections: z.array(z.object({ heading: text, items: z.array(text).min(1) })),
  imagingLines: z.array(text).min(1),
  notesSummaryLines: z.array(text).min(1),
  extraActions: z.array(z.object({ title: text, data: z.record(z.string(), z.unknown()) })),
});
type OutcomeData = z.infer<typeof OutcomeData>;

/**
 * The header's container style by urgency. Its text keeps the host's default colour: on these
 * tinted backgrounds that is dark text at well over 4.5:1 (WCAG AA), where coloured text
 * (red on pink, amber on cream) is not. test/cards/header-contrast.test.ts computes it.
 */
export const HEADER_STYLE: Record<Tone, OutcomeData["style"]> = {
  attention: "attention",
  warning: "warning",
  good: "good",
  default: "emphasis",
};

const LinkShape = z.object({ title: text, url: z.string().regex(/^https?:\/\/\S+$/), publisher: z.string() });

export function outcomeCard(view: OutcomeView): Record<string, unknown> {
  // The card also carries its plain-text fallback (fallbackText), which counts towards the size.
  const full = { ...renderOutcome(view, false), fallbackText: fallbackText(view) };
  if (byteSize(full) <= CARD_BYTE_BUDGET) return full;
  // Too big for Teams: the list of red flags not asked shrinks to a count, the rules behind
  // "Show more" to their ids, and the card's own fallback to the action and safety netting.
  // The advice stays; if it still does not fit, fail loudly.
  const compact = { ...renderOutcome(view, true), fallbackText: shortFallback(view) };
  if (byteSize(compact) <= CARD_BYTE_BUDGET) return compact;
  throw new CardRenderError(`outcome card is ${byteSize(compact)} bytes, over ${CARD_BYTE_BUDGET}`);
}

function shortFallback(view: OutcomeView): string {
  const p = outcomeParts(view);
  return [
    `${p.title} (${p.urgencyLine})`,
    `${LABELS.whatToDoNow}: ${p.action}`,
    p.safetyNet,
    p.disclaimer,
  ].join("\n");
}

export function byteSize(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), "utf8");
}

function renderOutcome(view: OutcomeView, compact: boolean): Record<string, unknown> {
  return expandCard(outcomeCardRequest(view, compact));
}

/** The template, checked data and must-keep texts of an outcome card (exported for the guard tests). */
export function outcomeCardRequest(view: OutcomeView, compact: boolean): ExpandRequest<OutcomeData> {
  const p = outcomeParts(view);
  for (const link of p.links) {
    const ok = LinkShape.safeParse(link);
    if (!ok.success) throw new CardRenderError(`pathway link ${link.key} is invalid: ${ok.error.message}`);
  }
  const notAsked =
    compact && p.notAsked.length > 0
      ? [`${p.notAsked.length} red flags (listed in the notes summary)`]
      : p.notAsked;
  const pending = view.pendingQuestion;
  // An emergency must fit a chat window at a glance: its header, what else to do, why and the
  // route's own safety netting stay in view; the rest is one tap away under "Show more".
  const brief = view.outcome.urgency === "emergency";
  const safety = lines(p.safetyNet);
  const linksSection =
    p.links.length > 0
      ? [{ heading: LABELS.pathwayLinks, text: p.links.map((l) => `- ${markdownLink(l)}`).join("\n") }]
      : [];
  const mri = p.mriCheck ? [`${LABELS.mriCheck}: ${p.mriCheck}`] : [];
  const data: OutcomeData = {
    title: p.title,
    urgencyLine: p.urgencyLine,
    style: HEADER_STYLE[p.tone],
    action: p.action,
    contactLines: p.contact ? [p.contact] : [],
    changedLines: p.changed ? [p.changed] : [],
    reviewWarnings: p.reviewOverdue ? [LABELS.reviewOverdue] : [],
    additionalSection: section(LABELS.additionalActions, p.additional),
    pendingQuestions: pending
      ? [
          {
            notedLines: pending.noted?.length ? [notedLabel(pending.noted)] : [],
            lead: LABELS.pendingQuestionLead,
            text: pending.question.text,
            questionId: pending.question.id,
            yes: LABELS.yes,
            no: LABELS.no,
            unsure: LABELS.notSure,
          },
        ]
      : [],
    mriCheckLines: brief ? [] : mri,
    moreMriCheckLines: brief ? mri : [],
    labels: {
      why: LABELS.why,
      safetyNet: LABELS.safetyNet,
      imaging: LABELS.imaging,
      referral: LABELS.referral,
      summaryForNotes: LABELS.summaryForNotes,
      summaryHint: LABELS.summaryHint,
      newTriage: LABELS.newTriage,
      showMore: LABELS.showMore,
      copyNotes: LABELS.copyNotes,
    },
    why: p.why,
    linksSection: brief ? [] : linksSection,
    moreLinks: brief ? linksSection : [],
    safetyNetLines: brief ? safety.slice(0, 1) : safety,
    moreSafetyNet: brief ? section(LABELS.safetyNet, safety.slice(1)) : [],
    referralSection: brief ? [] : section(LABELS.referral, p.referral),
    moreReferral: brief ? section(LABELS.referral, p.referral) : [],
    disclaimer: p.disclaimer,
    versionLine: `${LABELS.guidelineVersion}: ${p.rulesVersion}`,
    detailSections: [
      // Compact: the rules' names and sources are already in "Why"; only their ids are added.
      ...section(LABELS.fullReasons, compact ? [view.outcome.rules.map((r) => r.id).join(", ")] : p.reasons),
      ...section(LABELS.uncertain, p.uncertain),
      ...section(LABELS.suspicionFlags, p.suspicionFlags),
      ...section(LABELS.notAsked, notAsked),
    ],
    imagingLines: lines(p.imaging),
    notesSummaryLines: lines(p.notesSummary),
    extraActions: (view.actions ?? []).map((a) => ({ title: a.title, data: a.data })),
  };
  return {
    name: "outcome",
    template,
    schema: OutcomeData,
    data,
    required: [
      data.title,
      data.urgencyLine,
      data.action,
      ...data.contactLines,
      ...data.changedLines,
      ...data.mriCheckLines,
      ...data.safetyNetLines,
      ...data.imagingLines,
      data.disclaimer,
      ...data.notesSummaryLines,
      ...data.reviewWarnings,
      ...p.referral,
      ...data.pendingQuestions.map((q) => q.text),
    ],
  };
}

function lines(textBlock: string): string[] {
  return textBlock
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
}

function section(heading: string, items: string[]): Array<{ heading: string; items: string[] }> {
  return items.length > 0 ? [{ heading, items }] : [];
}

/** Markdown link for a TextBlock; brackets and parentheses would end the link early. */
export function markdownLink(link: PathwayLink): string {
  const title = link.title.replace(/[[\]]/g, "");
  const url = link.url.replaceAll("(", "%28").replaceAll(")", "%29").replaceAll(" ", "%20");
  return link.publisher ? `[${title}](${url}) (${link.publisher})` : `[${title}](${url})`;
}
