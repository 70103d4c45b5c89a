import type { Activity } from "botbuilder";
import type { Stamp } from "../../cards/views.js";

// Copies a view's stamp into the submit data of every button of a rendered message: Adaptive Card
// `Action.Submit` data (Teams) and Block Kit button / select option value JSON (Slack). The
// CONTRACT fields (`questionId`, `answer`, `command`) stay as they are; `triage` (and `seq` on
// answers) are added, so the dialog can tell a click on a stale card from one on the live card.

const ADAPTIVE = "application/vnd.microsoft.card.adaptive";

/** Slack's caps on a value (characters): a select option's value is short. */
const SLACK_VALUE_MAX = { option: 150, button: 2000 } as const;

type Json = Record<string, unknown>;

/** Stamps a freshly rendered activity in place (the presenter renders a new one for every send). */
export function stampActivity(activity: Partial<Activity>, stamp: Stamp): Partial<Activity> {
  for (const a of activity.attachments ?? []) {
    if (a.contentType === ADAPTIVE) stampAdaptive(a.content, stamp);
  }
  const blocks = (activity.channelData as { blocks?: unknown } | undefined)?.blocks;
  if (Array.isArray(blocks)) stampBlocks(blocks, stamp);
  return activity;
}

/** The data a button submits, with the stamp added (`seq` only where it answers a question). */
export function stampData(data: Json, stamp: Stamp): Json {
  const out: Json = { ...data, triage: stamp.triage };
  if (typeof data.questionId === "string" && stamp.seq !== undefined) out.seq = stamp.seq;
  return out;
}

function stampAdaptive(node: unknown, stamp: Stamp): void {
  if (Array.isArray(node)) {
    for (const item of node) stampAdaptive(item, stamp);
    return;
  }
  if (!isJson(node)) return;
  if (node.type === "Action.Submit" && isJson(node.data)) node.data = stampData(node.data, stamp);
  for (const value of Object.values(node)) stampAdaptive(value, stamp);
}

function stampBlocks(node: unknown, stamp: Stamp): void {
  if (Array.isArray(node)) {
    for (const item of node) stampBlocks(item, stamp);
    return;
  }
  if (!isJson(node)) return;
  if (typeof node.action_id === "string") {
    if (typeof node.value === "string") node.value = stampValue(node.value, stamp, SLACK_VALUE_MAX.button);
    if (Array.isArray(node.options)) {
      for (const option of node.options) {
        if (isJson(option) && typeof option.value === "string")
          option.value = stampValue(option.value, stamp, SLACK_VALUE_MAX.option);
      }
    }
    return;
  }
  for (const value of Object.values(node)) stampBlocks(value, stamp);
}

/**
 * A value that is not JSON, or that the stamp would push over Slack's cap (which would make the
 * whole message fail), stays unstamped: the dialog then checks it as it checks any CONTRACT client.
 */
function stampValue(value: string, stamp: Stamp, max: number): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return value;
  }
  if (!isJson(parsed)) return value;
  const stamped = JSON.stringify(stampData(parsed, stamp));
  return stamped.length <= max ? stamped : value;
}

function isJson(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
