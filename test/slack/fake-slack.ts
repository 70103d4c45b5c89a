import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// A loopback stand-in for Slack's Web API (the methods the bot calls) and for response_url hooks.
// It records each call with its decoded arguments and answers as Slack does, so tests can assert
// what the bot posted without a workspace.

export const BOT_USER = "UBOTMSK";
export const TEAM = "T0TEAM";

export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  token: string | undefined;
  /** What the fake answered (its `ts` is the posted message's id). */
  response: Record<string, unknown>;
}

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responses: Array<{ path: string; body: Record<string, unknown> }> = [];
  /** method -> Slack error code to return once (e.g. "not_in_channel"). */
  readonly failures = new Map<string, string>();
  /** method -> how many calls in a row get its failure (once when not set). */
  readonly failureCount = new Map<string, number>();
  private server: Server | undefined;
  private seq = 0;

  get url(): string {
    const a = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${a.port}`;
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  responseUrl(name: string): string {
    return `${this.url}/response/${name}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void readBody(req).then((raw) => {
        const path = req.url ?? "";
        const body = decode(req.headers["content-type"], raw);
        res.setHeader("content-type", "application/json");
        if (path.startsWith("/response/")) {
          this.responses.push({ path, body });
          res.end("ok");
          return;
        }
        const method = path.replace(/^\/api\//, "").split("?")[0] ?? "";
        const auth = req.headers.authorization;
        const response = this.answer(method, body);
        this.calls.push({ method, args: body, token: auth?.replace(/^Bearer /, ""), response });
        res.end(JSON.stringify(response));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Calls of one method, optionally only those after index `from` of `calls`. */
  of(method: string, from = 0): ApiCall[] {
    return this.calls.slice(from).filter((c) => c.method === method);
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const failure = this.failures.get(method);
    if (failure) {
      const left = (this.failureCount.get(method) ?? 1) - 1;
      if (left > 0) this.failureCount.set(method, left);
      else {
        this.failures.delete(method);
        this.failureCount.delete(method);
      }
      return { ok: false, error: failure };
    }
    switch (method) {
      case "auth.test":
        return { ok: true, user_id: BOT_USER, bot_id: "BBOTMSK", team_id: TEAM, user: "msk-triage" };
      case "chat.postMessage": {
        this.seq += 1;
        const ts = `1760000${String(this.seq).padStart(3, "0")}.000100`;
        return { ok: true, channel: args.channel, ts, message: { ts, text: args.text } };
      }
      case "chat.update":
        return { ok: true, channel: args.channel, ts: args.ts };
      case "chat.delete":
        return { ok: true, channel: args.channel, ts: args.ts };
      default:
        return { ok: false, error: "unknown_method" };
    }
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}

const JSON_ARGS = new Set(["blocks", "metadata", "attachments"]);

/** The Web API client form-encodes arguments, with objects (blocks, metadata) as JSON strings. */
function decode(contentType: string | undefined, raw: string): Record<string, unknown> {
  if (contentType?.includes("application/json"))
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = JSON_ARGS.has(k) ? JSON.parse(v) : v;
  }
  return out;
}
