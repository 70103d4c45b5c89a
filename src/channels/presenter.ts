import {
  type Activity,
  ActivityTypes,
  CardFactory,
  type Entity,
  type ResourceResponse,
  type TurnContext,
} from "botbuilder";
import { fallbackText, outcomeMetadata, renderAdaptive, renderBlockKit } from "../../cards/index.js";
import type { OutcomeView, View } from "../../cards/views.js";
import type { Presenter } from "../../dialogs/presenter.js";
import { errorFields, type Logger } from "../logging.js";
import { stampActivity } from "./stamp-buttons.js";

// Renders views for the channel the message came from: Block Kit for Slack (which cannot show
// Adaptive Cards), Adaptive Cards for Teams and every other Bot Framework channel.

/** Returned by `send` when the channel delivered the message but gave no id for it. */
export const UNKNOWN_MESSAGE_ID = "unknown-message-id";

export class ChannelPresenter implements Presenter {
  /**
   * Rendered messages by channel and unstamped view. Rendering is a pure function of the view, and
   * adaptivecards-templating re-parses every template expression on each render (most of a
   * turn's CPU in profiles), while the same question at the same step recurs across triages.
   * The stamp differs every triage, so it is added to a copy after the cache.
   */
  private readonly rendered = new Map<string, Partial<Activity>>();

  constructor(
    private readonly log: Logger,
    private readonly cacheSize = 2000,
  ) {}

  async send(context: TurnContext, view: View): Promise<string | undefined> {
    let sent: ResourceResponse | undefined;
    try {
      sent = await context.sendActivity(this.toActivity(context, view));
    } catch (err) {
      // The channel refused the message (Slack invalid_blocks or msg_too_long, Teams 400 or 413).
      // Failing the turn would wipe the triage and lose an outcome's route, so the plain text goes
      // instead: it carries the action and the safety netting, and an outcome keeps its entity or
      // metadata. Only if that is refused too does the turn fail.
      this.log.error("send_failed", {
        view: view.kind,
        channel: context.activity.channelId,
        ...sendErrorFields(err),
      });
      sent = await context.sendActivity(plainActivity(view, isSlack(context)));
    }
    if (sent?.id) return sent.id;
    // Delivered with no id: Teams always gives one, but the Agents Playground stores text and card as
    // two messages and answers without an id. A marker keeps the card replaceable through the
    // submit's replyToId; expectReplies turns have nothing to replace.
    return context.activity.deliveryMode === "expectReplies" ? undefined : UNKNOWN_MESSAGE_ID;
  }

  async replace(context: TurnContext, activityId: string, view: View): Promise<boolean> {
    // With expectReplies there is no posted message to update: replies travel in the HTTP response.
    if (context.activity.deliveryMode === "expectReplies") return false;
    try {
      const id = clickedCardId(context) ?? (activityId === UNKNOWN_MESSAGE_ID ? undefined : activityId);
      if (!id) return false;
      await context.updateActivity({ ...cardOnly(this.toActivity(context, view)), id });
      return true;
    } catch (err) {
      // An answered card that keeps its buttons is harmless: stale clicks are turned away.
      this.log.warn("update_failed", { channel: context.activity.channelId, ...errorFields(err) });
      return false;
    }
  }

  toActivity(context: TurnContext, view: View): Partial<Activity> {
    const slack = isSlack(context);
    let activity: Partial<Activity>;
    try {
      activity = this.render(slack, withoutStamp(view));
    } catch (err) {
      // A card that cannot be rendered is replaced by its plain text, which keeps the safety content.
      this.log.error("render_failed", { view: view.kind, ...errorFields(err) });
      return plainActivity(view, slack);
    }
    const stamp =
      view.kind === "question" || view.kind === "screen" || view.kind === "outcome" ? view.stamp : undefined;
    // A shallow copy otherwise: the adapter stamps ids and addresses onto the top level of what it
    // sends; the card inside is never changed (cached activities are frozen to make sure of it).
    return stamp ? stampActivity(activity, stamp) : { ...activity };
  }

  /** The unstamped render, cached where the same message recurs across triages. */
  private render(slack: boolean, view: View): Partial<Activity> {
    if (!cacheable(view)) return slack ? slackActivity(view) : adaptiveActivity(view);
    const key = `${slack ? "slack" : "adaptive"}|${JSON.stringify(view)}`;
    const hit = this.rendered.get(key);
    if (hit) return hit;
    const activity = slack ? slackActivity(view) : adaptiveActivity(view);
    if (this.rendered.size >= this.cacheSize) {
      const oldest = this.rendered.keys().next().value;
      if (oldest !== undefined) this.rendered.delete(oldest);
    }
    this.rendered.set(key, deepFreeze(activity));
    return activity;
  }
}

/**
 * Outcomes never repeat (their answers and notes summary are one triage's own), and a prefilled
 * question holds the clinician's own words, which are not kept beyond the turn that shows them.
 */
function cacheable(view: View): boolean {
  if (view.kind === "outcome") return false;
  if (view.kind === "question" && view.prefill) return false;
  return true;
}

function withoutStamp(view: View): View {
  if ((view.kind !== "question" && view.kind !== "screen" && view.kind !== "outcome") || !view.stamp)
    return view;
  const { stamp: _stamp, ...rest } = view;
  return rest as View;
}

function isSlack(context: TurnContext): boolean {
  return context.activity.channelId === "slack";
}

/**
 * The plain-text form of a view, for a card that could not be rendered or was refused. An outcome
 * keeps its machine-readable decision: the `mskTriageOutcome` entity, or Slack message metadata.
 */
export function plainActivity(view: View, slack: boolean): Partial<Activity> {
  const activity: Partial<Activity> = { type: ActivityTypes.Message, text: fallbackText(view) };
  if (view.kind === "outcome") {
    if (slack) activity.channelData = { metadata: outcomeMetadata(view.outcome, view.review?.by) };
    else activity.entities = [outcomeEntity(view)];
  }
  return activity;
}

/**
 * What a refused send is logged with: the error's name, the channel's error code and the HTTP
 * status. Never its message, which may quote the refused message back.
 */
function sendErrorFields(err: unknown): Record<string, string | number> {
  const e = (typeof err === "object" && err !== null ? err : {}) as {
    name?: unknown;
    code?: unknown;
    statusCode?: unknown;
    data?: { error?: unknown };
  };
  const fields: Record<string, string | number> = { error: typeof e.name === "string" ? e.name : "Error" };
  const code = typeof e.data?.error === "string" ? e.data.error : e.code;
  if (typeof code === "string" || typeof code === "number") fields.code = code;
  if (typeof e.statusCode === "number") fields.status = e.statusCode;
  return fields;
}

/**
 * An update carries the card alone: Teams refuses to update a message with text and a card together
 * ("Activity resulted into multiple skype activities", which the Agents Playground reproduces).
 * A card-less activity (Slack, or the plain-text fallback) keeps its text.
 */
function cardOnly(activity: Partial<Activity>): Partial<Activity> {
  if (!activity.attachments?.length) return activity;
  const { text: _text, ...card } = activity;
  return card;
}

/**
 * The message whose card button was pressed: Teams sends a card submit with `replyToId` set to it.
 * Preferred over the id returned when the question was sent: a client may store a message with text
 * and a card as two messages and return no id or the text's id (the Agents Playground does), and
 * then the update would miss the card. Typed answers carry no `value` and use the stored id.
 */
function clickedCardId(context: TurnContext): string | undefined {
  const { value, replyToId } = context.activity;
  return value && typeof value === "object" && "questionId" in value && replyToId ? replyToId : undefined;
}

export function adaptiveActivity(view: View): Partial<Activity> {
  const { card, text } = renderAdaptive(view);
  // The fallback is the notification preview and the card's own fallbackText, never `text`: Teams
  // shows a message's text and its card as two bubbles, saying everything twice.
  const activity: Partial<Activity> = {
    type: ActivityTypes.Message,
    summary: text,
    attachments: [CardFactory.adaptiveCard(card)],
  };
  if (view.kind === "outcome") activity.entities = [outcomeEntity(view)];
  return activity;
}

/** The decision for integrations (docs/interfaces.md §2), so none has to parse the card. */
export function outcomeEntity(view: OutcomeView): Entity {
  const o = view.outcome;
  return {
    type: "mskTriageOutcome",
    route: o.route,
    urgency: o.urgency,
    rules: o.rules.map((r) => ({ id: r.id, source: r.source })),
    additional: o.additional.map((a) => ({ route: a.route, urgency: a.urgency, rule: a.rule })),
    rulesVersion: o.rulesVersion,
    ...(view.review ? { reviewedBy: view.review.by } : {}),
  };
}

export function slackActivity(view: View): Partial<Activity> {
  const { blocks, text } = renderBlockKit(view);
  const channelData: Record<string, unknown> = { blocks };
  if (view.kind === "outcome") channelData.metadata = outcomeMetadata(view.outcome, view.review?.by);
  return { type: ActivityTypes.Message, text, channelData };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
