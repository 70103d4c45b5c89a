import { z } from "zod";
import type { PathwayLink } from "../../../rules/outcome.js";
import { LABELS } from "../../labels.js";
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
  tone: z.enum(["attention", "warning", "good", "default"]),
  color: z.enum(["Attention", "Warning", "Good", "Default"]),
  reviewWarnings: z.array(text).max(1),
  labels: z.object({
    whatToDoNow: text,
    safetyNet: text,
    reasons: text,
    imaging: text,
    referral: text,
    guidelineVersion: text,
    summaryForNotes: text,
    summaryHint: text,
    newTriage: text,
  }),
  action: text,
  // Multi-line texts are one TextBlock per line: clients disagree on single line breaks in a
  // TextBlock, and "- " at a line start would turn the notes summary into markdown bullets.
  safetyNetLines: z.array(text).min(1),
  reasons: z.array(text).min(1),
  additionalSection: optionalSection,
  uncertainSection: optionalSection,
  suspicionSection: optionalSection,
  linksSection: optionalSection,
  imagingLines: z.array(text).min(1),
  referral: z.array(text).min(1),
  notAskedSection: optionalSection,
  rulesVersion: text,
  disclaimer: text,
  notesSummaryLines: z.array(text).min(1),
});
type OutcomeData = z.infer<typeof OutcomeData>;

const COLOR: Record<Tone, OutcomeData["color"]> = {
  attention: "Attention",
  warning: "Warning",
  good: "Good",
  default: "Default",
};

const LinkShape = z.object({ title: text, url: z.string().regex(/^https?:\/\/\S+$/), publisher: z.string() });

export function outcomeCard(view: OutcomeView): Record<string, unknown> {
  const card = renderOutcome(view, false);
  if (byteSize(card) <= CARD_BYTE_BUDGET) return card;
  // Too big for Teams: the list of red flags not asked is the only part that can shrink to a
  // count without losing advice. Everything else stays; if it still does not fit, fail loudly.
  const compact = renderOutcome(view, true);
  if (byteSize(compact) <= CARD_BYTE_BUDGET) return compact;
  throw new CardRenderError(`outcome card is ${byteSize(compact)} bytes, over ${CARD_BYTE_BUDGET}`);
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
      ? [`${p.notAsked.length} red flags (listed in the summary below)`]
      : p.notAsked;
  const data: OutcomeData = {
    title: p.title,
    urgencyLine: p.urgencyLine,
    tone: p.tone,
    color: COLOR[p.tone],
    reviewWarnings: p.reviewOverdue ? [LABELS.reviewOverdue] : [],
    labels: {
      whatToDoNow: LABELS.whatToDoNow,
      safetyNet: LABELS.safetyNet,
      reasons: LABELS.reasons,
      imaging: LABELS.imaging,
      referral: LABELS.referral,
      guidelineVersion: LABELS.guidelineVersion,
      summaryForNotes: LABELS.summaryForNotes,
      summaryHint: LABELS.summaryHint,
      newTriage: LABELS.newTriage,
    },
    action: p.action,
    safetyNetLines: lines(p.safetyNet),
    reasons: p.reasons,
    additionalSection: section(LABELS.additionalActions, p.additional),
    uncertainSection: section(LABELS.uncertain, p.uncertain),
    suspicionSection: section(LABELS.suspicionFlags, p.suspicionFlags),
    linksSection: section(LABELS.pathwayLinks, p.links.map(markdownLink)),
    imagingLines: lines(p.imaging),
    referral: p.referral,
    notAskedSection: section(LABELS.notAsked, notAsked),
    rulesVersion: p.rulesVersion,
    disclaimer: p.disclaimer,
    notesSummaryLines: lines(p.notesSummary),
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
      ...data.safetyNetLines,
      ...data.imagingLines,
      data.disclaimer,
      ...data.notesSummaryLines,
      ...data.reviewWarnings,
      ...data.referral,
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
