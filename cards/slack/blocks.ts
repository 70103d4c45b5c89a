import { SLACK_LIMITS } from "./limits.js";
import { clip, escapeMrkdwn, splitMrkdwn } from "./mrkdwn.js";

// Small Block Kit builders. Local types keep cards/ free of Slack SDK imports; they describe
// only the shapes this renderer emits.

export interface PlainText {
  type: "plain_text";
  text: string;
  emoji?: boolean;
}
export interface MrkdwnText {
  type: "mrkdwn";
  text: string;
}
export interface Button {
  type: "button";
  action_id: string;
  text: PlainText;
  value: string;
  style?: "primary" | "danger";
}
export interface SelectOption {
  text: PlainText;
  value: string;
}
export interface StaticSelect {
  type: "static_select";
  action_id: string;
  placeholder: PlainText;
  options: SelectOption[];
}
export interface Checkboxes {
  type: "checkboxes";
  action_id: string;
  options: SelectOption[];
}
export type Block =
  | { type: "header"; text: PlainText }
  | { type: "section"; text: MrkdwnText; accessory?: Button; block_id?: string }
  | { type: "context"; elements: MrkdwnText[] }
  | { type: "actions"; elements: Array<Button | StaticSelect | Checkboxes>; block_id?: string }
  | { type: "divider" };

export function plain(text: string, max: number): PlainText {
  return { type: "plain_text", text: clip(text, max), emoji: true };
}

export function header(text: string): Block {
  return { type: "header", text: plain(text, SLACK_LIMITS.headerText) };
}

/**
 * One or more section blocks for a piece of text: long text continues in further sections
 * rather than being cut. `heading` is bold on the first; `raw` is already-escaped mrkdwn.
 */
export function sections(opts: { heading?: string; text?: string; raw?: string; code?: boolean }): Block[] {
  const body = opts.raw ?? escapeMrkdwn(opts.text ?? "");
  const head = opts.heading ? `*${escapeMrkdwn(opts.heading)}*\n` : "";
  const fence = opts.code ? "```" : "";
  const room = SLACK_LIMITS.sectionText - head.length - 2 * fence.length - 2;
  return splitMrkdwn(body, room).map((chunk, i) => ({
    type: "section",
    text: { type: "mrkdwn", text: `${i === 0 ? head : ""}${fence}${chunk}${fence}` },
  }));
}

export function bulletList(items: readonly string[]): string {
  return items.map((i) => `• ${escapeMrkdwn(i)}`).join("\n");
}

export function context(text: string): Block {
  const parts = splitMrkdwn(escapeMrkdwn(text), SLACK_LIMITS.sectionText).slice(
    0,
    SLACK_LIMITS.contextElements,
  );
  return { type: "context", elements: parts.map((p) => ({ type: "mrkdwn", text: p })) };
}

export function button(actionId: string, label: string, value: unknown): Button {
  return {
    type: "button",
    action_id: actionId,
    text: plain(label, SLACK_LIMITS.buttonText),
    value: JSON.stringify(value),
  };
}

export function select(actionId: string, placeholder: string, options: SelectOption[]): StaticSelect {
  return {
    type: "static_select",
    action_id: actionId,
    placeholder: plain(placeholder, SLACK_LIMITS.placeholder),
    options: options.slice(0, SLACK_LIMITS.selectOptions),
  };
}

export function option(label: string, value: unknown): SelectOption {
  const json = JSON.stringify(value);
  if (json.length > SLACK_LIMITS.optionValue)
    throw new RangeError(`option value over 150 characters: ${json}`);
  return { text: plain(label, SLACK_LIMITS.optionText), value: json };
}

export function bold(text: string): string {
  return `*${escapeMrkdwn(text)}*`;
}
