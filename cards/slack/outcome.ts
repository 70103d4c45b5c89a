import { LABELS } from "../labels.js";
import { type OutcomeParts, outcomeParts, type Tone } from "../outcome-parts.js";
import type { OutcomeView } from "../views.js";
import { type Block, bold, bulletList, button, context, header, sections } from "./blocks.js";
import { SLACK_LIMITS } from "./limits.js";
import { escapeMrkdwn, mrkdwnLink } from "./mrkdwn.js";
import { ACTION_IDS } from "./question.js";

// Slack has no card colours, so the urgency tone becomes an emoji on the header and urgency line.
const TONE_EMOJI: Record<Tone, string> = {
  attention: ":rotating_light:",
  warning: ":warning:",
  good: ":white_check_mark:",
  default: ":information_source:",
};

export class SlackRenderError extends Error {
  override name = "SlackRenderError";
}

/**
 * Outcome blocks, in the same order as the Teams card. Parts that can shrink (the list of red
 * flags not asked, then the notes summary) shrink only when the message would pass Slack's
 * limits; the action, safety netting, reasons and disclaimer are never shortened.
 */
export function outcomeBlocks(view: OutcomeView): Block[] {
  const p = outcomeParts(view);
  for (const level of [0, 1, 2] as const) {
    const blocks = build(p, level);
    if (fits(blocks)) return blocks;
  }
  throw new SlackRenderError("outcome does not fit in one Slack message even when shortened");
}

function fits(blocks: Block[]): boolean {
  return (
    blocks.length <= SLACK_LIMITS.blocks &&
    Buffer.byteLength(JSON.stringify(blocks)) < SLACK_LIMITS.messageBytes - 4096
  );
}

/** level 0: everything; 1: red flags not asked as a count; 2: also the notes summary shortened. */
function build(p: OutcomeParts, level: 0 | 1 | 2): Block[] {
  const emoji = TONE_EMOJI[p.tone];
  const blocks: Block[] = [
    header(`${p.tone === "attention" ? `${emoji} ` : ""}${p.title}`),
    ...sections({ raw: `${emoji} ${bold(p.urgencyLine)}` }),
  ];
  if (p.reviewOverdue) blocks.push(...sections({ raw: `:warning: ${escapeMrkdwn(LABELS.reviewOverdue)}` }));
  blocks.push(...sections({ heading: LABELS.whatToDoNow, text: p.action }));
  blocks.push(...sections({ heading: LABELS.safetyNet, text: p.safetyNet }));
  blocks.push(...sections({ heading: LABELS.reasons, raw: bulletList(p.reasons) }));
  list(blocks, LABELS.additionalActions, p.additional);
  list(blocks, LABELS.uncertain, p.uncertain);
  list(blocks, LABELS.suspicionFlags, p.suspicionFlags);
  if (p.links.length > 0) {
    const links = p.links.map(
      (l) => `• ${mrkdwnLink(l.url, l.title)}${l.publisher ? ` (${escapeMrkdwn(l.publisher)})` : ""}`,
    );
    blocks.push(...sections({ heading: LABELS.pathwayLinks, raw: links.join("\n") }));
  }
  blocks.push(...sections({ heading: LABELS.imaging, text: p.imaging }));
  blocks.push(...sections({ heading: LABELS.referral, text: p.referral.join("\n") }));
  if (level === 0) list(blocks, LABELS.notAsked, p.notAsked);
  else if (p.notAsked.length > 0) {
    blocks.push(
      ...sections({
        heading: LABELS.notAsked,
        text: `${p.notAsked.length} red flags (listed in the summary below)`,
      }),
    );
  }
  blocks.push(context(`${LABELS.guidelineVersion}: ${p.rulesVersion}`));
  blocks.push(...sections({ text: p.disclaimer }));
  blocks.push({ type: "divider" });
  blocks.push(...sections({ heading: LABELS.summaryForNotes, text: LABELS.summaryHint }));
  const summary = level < 2 ? p.notesSummary : shortened(p.notesSummary);
  blocks.push(...sections({ text: summary, code: true }));
  blocks.push({
    type: "actions",
    elements: [
      button(ACTION_IDS.triage, LABELS.newTriage, { command: "triage" }),
      button("report_concern", LABELS.reportConcern, { action: "reportConcern" }),
    ],
  });
  return blocks;
}

function list(blocks: Block[], heading: string, items: readonly string[]): void {
  if (items.length > 0) blocks.push(...sections({ heading, raw: bulletList(items) }));
}

const SHORT_SUMMARY_CHARS = 2 * SLACK_LIMITS.sectionText;

function shortened(summary: string): string {
  if (summary.length <= SHORT_SUMMARY_CHARS) return summary;
  return `${summary.slice(0, SHORT_SUMMARY_CHARS)}\n[Shortened: too long for one Slack message. Check every red flag is recorded before pasting.]`;
}
