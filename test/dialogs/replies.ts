import type { Activity } from "botbuilder";

// Reads the bot's replies the way a channel or an integration would: the Adaptive Card's submit
// data (the question stamp), the `mskTriageOutcome` entity (docs/interfaces.md §2) and the fallback text.
// Shared by the transcript tests, the HTTP test and the bench.

type Reply = Partial<Activity>;

export interface OutcomeEntity {
  type: "mskTriageOutcome";
  route: string;
  urgency: string;
  rules: Array<{ id: string; source: string }>;
  rulesVersion: string;
  additional?: Array<{ route: string; urgency: string; rule: string }>;
}

interface CardAction {
  type: string;
  data?: Record<string, unknown>;
}

function card(reply: Reply): Record<string, unknown> | undefined {
  const a = reply.attachments?.find((x) => x.contentType === "application/vnd.microsoft.card.adaptive");
  return a?.content as Record<string, unknown> | undefined;
}

/** Every Action.Submit of the card: its actions and those in the body (an emergency card's question). */
function actionsOf(reply: Reply): CardAction[] {
  const out: CardAction[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) for (const n of node) walk(n);
    else if (node && typeof node === "object") {
      const o = node as Record<string, unknown>;
      if (o.type === "Action.Submit") out.push(o as unknown as CardAction);
      for (const [k, v] of Object.entries(o)) if (k !== "data") walk(v);
    }
  };
  walk(card(reply)?.body);
  walk(card(reply)?.actions);
  return out;
}

/** A screen card's items (the finding ids of its multi-select `items`), if the reply is a screen. */
export function screenItemsOf(reply: Reply): string[] | undefined {
  const body = (card(reply)?.body as Array<Record<string, unknown>> | undefined) ?? [];
  const input = body.find((b) => b.id === "items" && b.type === "Input.ChoiceSet");
  return input ? (input.choices as Array<{ value: string }>).map((c) => c.value) : undefined;
}

/** The finding id a question card asks about (its submit data stamp), if the reply is a question. */
export function questionIdOf(reply: Reply): string | undefined {
  const id = actionsOf(reply).find((x) => typeof x.data?.questionId === "string")?.data?.questionId;
  return typeof id === "string" ? id : undefined;
}

/** The answers a question card's buttons submit (yes/no/unsure), empty for input questions. */
export function buttonAnswersOf(reply: Reply): string[] {
  return actionsOf(reply)
    .map((x) => x.data?.answer)
    .filter((x): x is string => typeof x === "string");
}

/** The card's input for number and choice questions (docs/interfaces.md §2: `id: "answer"`). */
export function answerInputOf(reply: Reply): Record<string, unknown> | undefined {
  const find = (items: unknown[]): Record<string, unknown> | undefined => {
    for (const item of items as Array<Record<string, unknown>>) {
      if (item.id === "answer") return item;
      const nested = (item.items ?? item.columns) as unknown[] | undefined;
      const hit = nested && find(nested);
      if (hit) return hit;
    }
    return undefined;
  };
  return find((card(reply)?.body as unknown[] | undefined) ?? []);
}

export function outcomeOf(reply: Reply): OutcomeEntity | undefined {
  return reply.entities?.find((e) => e.type === "mskTriageOutcome") as OutcomeEntity | undefined;
}

/** The last outcome entity among replies (an emergency can show an early outcome, then the final one). */
export function lastOutcome(replies: Reply[]): OutcomeEntity | undefined {
  return replies
    .map(outcomeOf)
    .filter((o) => o !== undefined)
    .pop();
}

/** The last question asked among replies. */
export function lastQuestion(replies: Reply[]): string | undefined {
  return replies
    .map(questionIdOf)
    .filter((q) => q !== undefined)
    .pop();
}

/** The plain text of each reply: its `text`, or for a card its fallback (the activity's `summary`). */
export function textOf(replies: Reply[]): string {
  return replies.map((r) => r.text ?? r.summary ?? "").join("\n");
}

/** Every reply in Adaptive Card form (Teams and other Bot Framework channels). */
export function cardOf(reply: Reply): Record<string, unknown> | undefined {
  return card(reply);
}

/** The card's TextBlock texts, one a line (an updated card may carry no `text`: Teams refuses both). */
export function cardTextOf(reply: Reply): string {
  const out: string[] = [];
  const walk = (items: unknown[]) => {
    for (const item of items as Array<Record<string, unknown>>) {
      if (item.type === "TextBlock" && typeof item.text === "string") out.push(item.text);
      for (const key of ["items", "columns", "body"]) {
        const nested = item[key];
        if (Array.isArray(nested)) walk(nested);
      }
    }
  };
  walk((card(reply)?.body as unknown[] | undefined) ?? []);
  return out.join("\n");
}
