import { createApp } from "../../src/app.js";
import type { AuditLog } from "../../src/audit/index.js";
import { readConfig } from "../../src/config.js";
import { createLogger } from "../../src/logging.js";
import {
  answerFor,
  outcomeOf,
  pendingQuestion,
  type Reply,
  type TriageClient,
} from "../storage/triage-client.js";

// The real app (createApp) on a loopback port with the audit on, its log lines captured, and a
// triage driver over the Bot Framework protocol (deliveryMode expectReplies).

export interface AuditedBot {
  url: string;
  audit: AuditLog;
  /** Every log line the app wrote. */
  logs: string[];
  close(): Promise<void>;
}

export async function startAuditedBot(env: Record<string, string>): Promise<AuditedBot> {
  const logs: string[] = [];
  const app = await createApp(
    readConfig({ LOG_LEVEL: "debug", ...env }),
    createLogger("debug", (line) => logs.push(line)),
  );
  await app.ready;
  await new Promise<void>((resolve) => app.server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = app.server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    audit: app.audit,
    logs,
    close: async () => {
      await app.audit.close();
      await new Promise<void>((resolve) => app.server.close(() => resolve()));
    },
  };
}

export interface Finished {
  route: string;
  urgency: string;
  /** The last replies: the outcome card and its buttons. */
  replies: Reply[];
}

/** Runs one triage to its outcome: `opening` first, then scripted answers (else "no", first choice, 40). */
export async function triage(
  url: string,
  client: TriageClient,
  script: Record<string, string>,
  opening = "triage",
): Promise<Finished> {
  let replies = await client.send(url, { text: opening });
  for (let turn = 0; turn < 60; turn++) {
    const q = pendingQuestion(replies);
    const outcome = outcomeOf(replies);
    if (outcome && !q) return { ...outcome, replies };
    if (!q) throw new Error(`neither a question nor an outcome: ${JSON.stringify(replies).slice(0, 500)}`);
    // The body area and borough are one-tap choices: "lumbar" and "newham" unless the script says otherwise.
    replies = await client.send(url, {
      value: answerFor(q, { body_area: "lumbar", borough: "newham", ...script }),
    });
  }
  throw new Error("no outcome after 60 answers");
}

/** The submit data of the outcome card's "Report a concern" button (stamped with its triage). */
export function concernButton(replies: Reply[]): Record<string, unknown> {
  for (const r of replies) {
    if (!r.entities?.some((e) => e.type === "mskTriageOutcome")) continue;
    for (const a of r.attachments ?? []) {
      const data = a.content.actions?.find((x) => x.data?.action === "reportConcern")?.data;
      if (data) return data;
    }
  }
  throw new Error("no Report a concern button on the outcome");
}

/** The concern prompt card's button for one kind, with the note typed in the card's input merged in (as Teams does). */
export function concernKindSubmit(replies: Reply[], kind: string, note?: string): Record<string, unknown> {
  for (const r of replies) {
    for (const a of r.attachments ?? []) {
      const data = a.content.actions?.find(
        (x) => x.data?.action === "reportConcern" && x.data?.kind === kind,
      )?.data;
      if (data) return { ...data, ...(note === undefined ? {} : { note }) };
    }
  }
  throw new Error(`no concern button for ${kind}: ${JSON.stringify(replies).slice(0, 400)}`);
}
