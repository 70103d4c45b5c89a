import { LABELS, notedLabel } from "../labels.js";
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
    const blocks = build(view, p, level);
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

/**
 * level 0: everything; 1: red flags not asked as a count; 2: also the notes summary shortened.
 * Slack cannot hide blocks until a tap, so what the Teams card keeps behind "Show more" and "Copy
 * notes" comes last, after a divider: the glance (route, urgency, action) is always at the top.
 */
function build(view: OutcomeView, p: OutcomeParts, level: 0 | 1 | 2): Block[] {
  const emoji = TONE_EMOJI[p.tone];
  const blocks: Block[] = [
    header(`${p.tone === "attention" ? `${emoji} ` : ""}${p.title}`),
    ...sections({ raw: `${emoji} ${bold(p.urgencyLine)}\n${escapeMrkdwn(p.action)}` }),
  ];
  if (p.contact) blocks.push(...sections({ raw: `:telephone_receiver: ${bold(p.contact)}` }));
  if (p.changed) blocks.push(...sections({ raw: `:arrows_counterclockwise: ${bold(p.changed)}` }));
  if (p.reviewOverdue) blocks.push(...sections({ raw: `:warning: ${escapeMrkdwn(LABELS.reviewOverdue)}` }));
  list(blocks, LABELS.additionalActions, p.additional);
  const pending = view.pendingQuestion;
  if (pending) {
    const q = pending.question;
    if (pending.noted?.length) blocks.push(context(notedLabel(pending.noted)));
    blocks.push(...sections({ raw: `${escapeMrkdwn(LABELS.pendingQuestionLead)}\n${bold(q.text)}` }));
    blocks.push({
      type: "actions",
      block_id: `question:${q.id}:${pending.number}`,
      elements: [
        button(ACTION_IDS.yes, LABELS.yes, { questionId: q.id, answer: "yes" }),
        button(ACTION_IDS.no, LABELS.no, { questionId: q.id, answer: "no" }),
        button(ACTION_IDS.unsure, LABELS.notSure, { questionId: q.id, answer: "unsure" }),
      ],
    });
  }
  if (p.mriCheck) blocks.push(...sections({ text: `${LABELS.mriCheck}: ${p.mriCheck}` }));
  blocks.push(...sections({ heading: LABELS.why, raw: bulletList(p.why) }));
  if (p.links.length > 0) {
    const links = p.links.map(
      (l) => `• ${mrkdwnLink(l.url, l.title)}${l.publisher ? ` (${escapeMrkdwn(l.publisher)})` : ""}`,
    );
    blocks.push(...sections({ heading: LABELS.pathwayLinks, raw: links.join("\n") }));
  }
  blocks.push(...sections({ heading: LABELS.safetyNet, text: p.safetyNet }));
  blocks.push(...sections({ heading: LABELS.referral, text: p.referral.join("\n") }));
  blocks.push(...sections({ text: p.disclaimer }));
  blocks.push(context(`${LABELS.guidelineVersion}: ${p.rulesVersion}`));
  blocks.push({ type: "divider" });
  list(blocks, LABELS.fullReasons, p.reasons);
  list(blocks, LABELS.uncertain, p.uncertain);
  list(blocks, LABELS.suspicionFlags, p.suspicionFlags);
  blocks.push(...sections({ heading: LABELS.imaging, text: p.imaging }));
  if (level === 0) list(blocks, LABELS.notAsked, p.notAsked);
  else if (p.notAsked.length > 0) {
    blocks.push(
      ...sections({
        heading: LABELS.notAsked,
        text: `${p.notAsked.length} red flags (listed in the notes summary)`,
      }),
    );
  }
  blocks.push(...sections({ heading: LABELS.summaryForNotes, text: LABELS.summaryHint }));
  const summary = level < 2 ? p.notesSummary : shortened(p.notesSummary);
  blocks.push(...sections({ text: summary, code: true }));
  blocks.push({
    type: "actions",
    elements: [
      ...(view.actions ?? []).map((a, i) => button(`${ACTION_IDS.outcomePrefix}${i}`, a.title, a.data)),
      button(ACTION_IDS.triage, LABELS.newTriage, { command: "triage" }),
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
