import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// A loopback stand-in for the Bot Framework connector service (the `serviceUrl` Teams gives the
// bot). It records every call the bot makes under /v3/conversations and answers as the connector
// does, so tests see exactly what the bot posted, replied, updated and started, with no Teams.

export interface ConnectorCall {
  /** "send" (a message to a conversation), "reply", "update" or "create" (a new conversation). */
  kind: "send" | "reply" | "update" | "create";
  conversationId: string;
  /** The updated or replied-to activity id. */
  activityId?: string;
  body: Record<string, unknown>;
  /** The id the fake gave what was posted (a created conversation: its first activity's). */
  id: string;
}

export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  /** Answer the next n calls with HTTP 503 (a connector outage). */
  failNext = 0;
  /** Answers calls it matches with HTTP 503 (an outage of one conversation), recording nothing. */
  refuse: ((method: string, path: string) => boolean) | undefined;
  private server: Server | undefined;
  private seq = 0;

  get url(): string {
    const a = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${a.port}/`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void readJson(req).then((body) => {
        res.setHeader("content-type", "application/json");
        const refused = this.refuse?.(req.method ?? "", decodeURIComponent(req.url ?? "")) ?? false;
        if (this.failNext > 0 || refused) {
          if (!refused) this.failNext -= 1;
          res.statusCode = 503;
          res.end(JSON.stringify({ error: { code: "ServiceUnavailable", message: "fake outage" } }));
          return;
        }
        const answer = this.answer(req.method ?? "", req.url ?? "", body);
        if (!answer) {
          res.statusCode = 404;
          res.end(JSON.stringify({ error: { code: "NotFound", message: req.url } }));
          return;
        }
        res.end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Messages sent or replied into one conversation (in order), optionally after index `from`. */
  postedTo(conversationId: string, from = 0): ConnectorCall[] {
    return this.calls
      .slice(from)
      .filter((c) => (c.kind === "send" || c.kind === "reply") && c.conversationId === conversationId);
  }

  of(kind: ConnectorCall["kind"], from = 0): ConnectorCall[] {
    return this.calls.slice(from).filter((c) => c.kind === kind);
  }

  private answer(
    method: string,
    url: string,
    body: Record<string, unknown>,
  ): Record<string, unknown> | undefined {
    const path = url.split("?")[0] ?? "";
    const id = `fake-${++this.seq}`;
    if (method === "POST" && path === "/v3/conversations") {
      // Teams names a channel post's thread after its first message: <channel>;messageid=<id>.
      const channel = (body.channelData as { channel?: { id?: string } } | undefined)?.channel?.id ?? "conv";
      const conversationId = `${channel};messageid=${id}`;
      this.calls.push({ kind: "create", conversationId, body, id });
      return { id: conversationId, activityId: id, serviceUrl: this.url };
    }
    const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
    if (!m) return undefined;
    const conversationId = decodeURIComponent(m[1] ?? "");
    const activityId = m[2] ? decodeURIComponent(m[2]) : undefined;
    if (method === "POST" && !activityId) this.calls.push({ kind: "send", conversationId, body, id });
    else if (method === "POST") this.calls.push({ kind: "reply", conversationId, activityId, body, id });
    else if (method === "PUT")
      this.calls.push({ kind: "update", conversationId, activityId, body, id: activityId ?? id });
    else return undefined;
    return { id: activityId && method === "PUT" ? activityId : id };
  }
}

function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      try {
        resolve(raw ? (JSON.parse(raw) as Record<string, unknown>) : {});
      } catch {
        resolve({});
      }
    });
  });
}
