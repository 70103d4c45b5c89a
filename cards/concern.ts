import { button, plain, sections } from "./slack/blocks.js";

// The "Report a concern" prompt, for Teams (Adaptive Card) and Slack (Block Kit): one button per
// kind of concern and an optional note on the same message, so the note travels with the button
// (Teams merges card inputs into the submit; Slack sends them in the payload's state).

export const CONCERN_ACTION = "reportConcern";
export const NOTE_INPUT_ID = "note";
export const NOTE_MAX_CHARS = 500;

export const CONCERN_CHOICES = [
  { kind: "too_low", label: "Urgency too low" },
  { kind: "too_high", label: "Urgency too high" },
  { kind: "wrong_pathway", label: "Wrong pathway" },
  { kind: "other", label: "Something else" },
] as const;

const TITLE = "Report a concern about this outcome";
const ASK =
  "What was wrong? The clinical safety team sees the triage's answers and rules, never who asked. Act on your own judgement for this patient now.";
const NOTE_LABEL = "Note (optional): what should it have been, and why? No patient details.";

export interface ConcernPrompt {
  /** The triage the concern is about (from the outcome's stamped button); absent if unstamped. */
  triage?: string;
  /** One id per prompt, so a double click stores one concern, not two. */
  concern: string;
  retryHint?: string;
}

function submitData(p: ConcernPrompt, kind: string): Record<string, string> {
  return { action: CONCERN_ACTION, kind, concern: p.concern, ...(p.triage ? { triage: p.triage } : {}) };
}

export function concernText(p: ConcernPrompt): string {
  const options = CONCERN_CHOICES.map((c) => `${c.label} (${c.kind})`).join(", ");
  return `${p.retryHint ? `${p.retryHint} ` : ""}${TITLE}. ${ASK} Options: ${options}.`;
}

export function concernCard(p: ConcernPrompt): Record<string, unknown> {
  return {
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: "1.5",
    fallbackText: concernText(p),
    body: [
      ...(p.retryHint ? [{ type: "TextBlock", text: p.retryHint, wrap: true, color: "Warning" }] : []),
      { type: "TextBlock", text: TITLE, weight: "Bolder", size: "Medium", wrap: true },
      { type: "TextBlock", text: ASK, wrap: true },
      {
        type: "Input.Text",
        id: NOTE_INPUT_ID,
        label: NOTE_LABEL,
        isMultiline: true,
        maxLength: NOTE_MAX_CHARS,
      },
    ],
    actions: CONCERN_CHOICES.map((c) => ({
      type: "Action.Submit",
      title: c.label,
      data: submitData(p, c.kind),
    })),
  };
}

export function concernBlocks(p: ConcernPrompt): unknown[] {
  return [
    ...sections({ text: p.retryHint ? `${p.retryHint}\n${TITLE}` : TITLE }),
    ...sections({ text: ASK }),
    {
      type: "input",
      block_id: "concern_note",
      optional: true,
      label: plain(NOTE_LABEL, 2000),
      element: {
        type: "plain_text_input",
        action_id: NOTE_INPUT_ID,
        multiline: true,
        max_length: NOTE_MAX_CHARS,
      },
    },
    {
      type: "actions",
      block_id: "concern_kind",
      elements: CONCERN_CHOICES.map((c) => button(`concern_${c.kind}`, c.label, submitData(p, c.kind))),
    },
  ];
}
