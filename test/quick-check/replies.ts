import type { Activity } from "botbuilder";

// Reads the bot's replies as Teams would show them: the Adaptive Card's submit buttons (question
// stamp, prefill confirm button), the outcome entity and the plain text.

type Reply = Partial<Activity>;
export interface Submit {
  title?: string;
  data: Record<string, unknown>;
}

function submits(node: unknown, out: Submit[] = []): Submit[] {
  if (Array.isArray(node)) {
    for (const n of node) submits(n, out);
  } else if (node && typeof node === "object") {
    const o = node as Record<string, unknown>;
    if (o.type === "Action.Submit" && o.data && typeof o.data === "object")
      out.push({ title: o.title as string | undefined, data: o.data as Record<string, unknown> });
    for (const v of Object.values(o)) submits(v, out);
  }
  return out;
}

const cardOf = (r: Reply) => r.attachments?.find((a) => a.contentType.includes("adaptive"))?.content;

/** The question the reply asks (its submit stamp), if it is a question card. */
export function questionIdOf(r: Reply): string | undefined {
  const id = submits(cardOf(r)).find((s) => typeof s.data.questionId === "string")?.data.questionId;
  return typeof id === "string" ? id : undefined;
}

/** The one-tap button that confirms what the clinician's message said, if the card has one. */
export function confirmButtonOf(r: Reply): Submit | undefined {
  return submits(cardOf(r)).find((s) => s.title?.startsWith("Confirm"));
}

export function lastQuestion(replies: readonly Reply[]): { id: string; reply: Reply } | undefined {
  for (const reply of [...replies].reverse()) {
    const id = questionIdOf(reply);
    if (id) return { id, reply };
  }
  return undefined;
}

export interface OutcomeEntity {
  route: string;
  urgency: string;
  rules: Array<{ id: string }>;
}

export function outcomesOf(replies: readonly Reply[]): OutcomeEntity[] {
  return replies.flatMap(
    (r) => (r.entities ?? []).filter((e) => e.type === "mskTriageOutcome") as unknown as OutcomeEntity[],
  );
}

export const textOf = (replies: readonly Reply[]) => replies.map((r) => r.text ?? r.summary ?? "").join("\n");
