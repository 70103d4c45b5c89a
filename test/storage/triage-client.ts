// Drives a triage over the Bot Framework protocol with deliveryMode "expectReplies" (docs/interfaces.md §2),
// so the replies come back in the HTTP response and no channel service is needed.

export interface Reply {
  type: string;
  text?: string;
  /** A card's plain-text fallback (the notification preview). */
  summary?: string;
  attachments?: Array<{ contentType: string; content: Card }>;
  entities?: Array<Record<string, unknown> & { type: string }>;
}

interface Card {
  body?: CardElement[];
  actions?: Array<{ type: string; data?: Record<string, unknown> }>;
}
interface CardElement {
  type: string;
  id?: string;
  choices?: Array<{ value: string }>;
  items?: CardElement[];
  actions?: Array<{ data?: { questionId?: unknown } }>;
}

export interface PendingQuestion {
  id: string;
  kind: "yesno" | "choice" | "number" | "screen";
  choices: string[];
}

export class TriageClient {
  private seq = 0;

  constructor(
    readonly conversationId: string,
    private readonly channelId = "msteams",
  ) {}

  async send(baseUrl: string, message: { text?: string; value?: Record<string, unknown> }): Promise<Reply[]> {
    const res = await fetch(`${baseUrl}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        type: "message",
        id: `${this.conversationId}-${++this.seq}`,
        channelId: this.channelId,
        serviceUrl: "http://127.0.0.1:9/",
        deliveryMode: "expectReplies",
        conversation: { id: this.conversationId, conversationType: "personal" },
        from: { id: "clinician-1", name: "Clinician" },
        recipient: { id: "bot", name: "Triage bot" },
        text: message.text ?? "",
        ...(message.value ? { value: message.value } : {}),
      }),
    });
    if (res.status !== 200) throw new Error(`bot answered HTTP ${res.status}: ${await res.text()}`);
    const body = (await res.json()) as { activities?: Reply[] };
    return body.activities ?? [];
  }

  /** The storage key ConversationState uses for this conversation. */
  get stateKey(): string {
    return `botframework/${this.channelId}/conversations/${this.conversationId}/`;
  }
}

export function pendingQuestion(replies: Reply[]): PendingQuestion | undefined {
  for (const reply of [...replies].reverse()) {
    for (const a of reply.attachments ?? []) {
      const card = a.content;
      const inputs = flatten(card.body ?? []);
      // Question buttons are the card's actions, or in the body (an emergency card's question).
      const bodyActions = inputs.flatMap((e) => e.actions ?? []);
      const id = [...(card.actions ?? []), ...bodyActions]
        .map((x) => x.data?.questionId)
        .find((q) => typeof q === "string");
      if (typeof id !== "string") continue;
      const screen = inputs.find((e) => e.type === "Input.ChoiceSet" && e.id === "items");
      if (screen) return { id, kind: "screen", choices: (screen.choices ?? []).map((c) => c.value) };
      const choice = inputs.find((e) => e.type === "Input.ChoiceSet" && e.id === "answer");
      if (choice) return { id, kind: "choice", choices: (choice.choices ?? []).map((c) => c.value) };
      if (inputs.some((e) => e.type === "Input.Number" && e.id === "answer"))
        return { id, kind: "number", choices: [] };
      return { id, kind: "yesno", choices: ["yes", "no", "unsure"] };
    }
  }
  return undefined;
}

export function outcomeOf(replies: Reply[]): { route: string; urgency: string } | undefined {
  for (const reply of replies) {
    const e = reply.entities?.find((x) => x.type === "mskTriageOutcome");
    if (e) return { route: String(e.route), urgency: String(e.urgency) };
  }
  return undefined;
}

/** A fixed answering policy: scripted answers by question id, otherwise "no", the first choice, or 40. */
export function answerFor(q: PendingQuestion, script: Record<string, string>): Record<string, unknown> {
  if (q.kind === "screen") {
    // Tick the scripted yes items; none ticked is "None of these".
    const ticked = q.choices.filter((id) => script[id] === "yes");
    return { questionId: q.id, answer: ticked.length ? "these" : "none", items: ticked.join(",") };
  }
  const answer = script[q.id] ?? (q.kind === "yesno" ? "no" : q.kind === "choice" ? q.choices[0] : "40");
  return { questionId: q.id, answer };
}

function flatten(elements: CardElement[]): CardElement[] {
  return elements.flatMap((e) => [e, ...flatten(e.items ?? [])]);
}
