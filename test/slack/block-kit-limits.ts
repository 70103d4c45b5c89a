import { SLACK_LIMITS } from "../../cards/slack/limits.js";

// Slack's documented Block Kit limits, checked on what actually went over the wire (the arguments
// the fake Web API received), untyped on purpose: a message that breaks one fails in Slack with
// invalid_blocks. Returns the breaches found.

type Obj = Record<string, unknown>;
const textOf = (t: unknown) => String((t as Obj | undefined)?.text ?? "");

export function blockKitBreaches(args: Obj): string[] {
  const out: string[] = [];
  if (typeof args.text !== "string" || args.text.trim() === "") out.push("no fallback text");
  if (typeof args.text === "string" && args.text.length > 40_000) out.push("fallback text over 40000");
  const blocks = args.blocks as Obj[] | undefined;
  if (!blocks) return out;
  if (blocks.length > SLACK_LIMITS.blocks) out.push(`${blocks.length} blocks`);
  const bytes = Buffer.byteLength(JSON.stringify(blocks));
  if (bytes > SLACK_LIMITS.messageBytes) out.push(`${bytes} bytes of blocks`);
  for (const b of blocks) {
    if (typeof b.block_id === "string" && b.block_id.length > 255) out.push("block_id over 255");
    if (b.type === "header" && textOf(b.text).length > SLACK_LIMITS.headerText) out.push("header text");
    if (b.type === "section") {
      if (textOf(b.text).length > SLACK_LIMITS.sectionText) out.push(`section of ${textOf(b.text).length}`);
      if (b.accessory) out.push(...elementBreaches(b.accessory as Obj));
    }
    if (b.type === "context") {
      const els = b.elements as Obj[];
      if (els.length > SLACK_LIMITS.contextElements) out.push(`${els.length} context elements`);
      for (const e of els) if (textOf(e).length > SLACK_LIMITS.sectionText) out.push("context text");
    }
    if (b.type === "actions") {
      const els = b.elements as Obj[];
      if (els.length > SLACK_LIMITS.actionsElements) out.push(`${els.length} actions elements`);
      for (const e of els) out.push(...elementBreaches(e));
    }
  }
  return out;
}

function elementBreaches(e: Obj): string[] {
  const out: string[] = [];
  if (String(e.action_id ?? "").length > 255) out.push("action_id over 255");
  if (e.type === "button") {
    if (textOf(e.text).length > SLACK_LIMITS.buttonText) out.push(`button text "${textOf(e.text)}"`);
    if (String(e.value ?? "").length > 2000) out.push("button value over 2000");
  }
  if (e.type === "static_select") {
    const options = e.options as Obj[];
    if (options.length > SLACK_LIMITS.selectOptions) out.push(`${options.length} options`);
    if (textOf(e.placeholder).length > SLACK_LIMITS.placeholder) out.push("placeholder");
    for (const o of options) {
      if (textOf(o.text).length > SLACK_LIMITS.optionText) out.push("option text");
      if (String(o.value).length > SLACK_LIMITS.optionValue) out.push("option value");
    }
  }
  return out;
}
