import { readdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { type Activity, MemoryStorage, TestAdapter, TurnContext } from "botbuilder";
import type restify from "restify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../src/app.js";
import { ConfigError, readConfig } from "../../src/config.js";
import { authFailureStatus } from "../../src/http/messages-route.js";
import { createLogger } from "../../src/logging.js";
import { ConditionalConversationState } from "../../src/storage/conditional-state.js";
import { TransportTag } from "../../src/transport.js";
import { questionIdOf } from "../slack/play.js";
import { BOT_TOKEN, SIGNING_SECRET } from "../slack/signed.js";
import { DM, Workspace } from "../slack/workspace.js";

// What a hostile or broken client can do to the server: name another transport's conversation,
// send bodies of the wrong kind or shape, hold connections open, forge tokens. Each gets a bare
// 4xx (or 503), nothing is written to disk, and the server keeps serving.

const SECURITY_HEADERS = [
  "x-content-type-options",
  "x-frame-options",
  "content-security-policy",
  "cache-control",
];

async function listen(server: restify.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
const close = (server: restify.Server) => new Promise<void>((resolve) => server.close(() => resolve()));

function activity(over: Record<string, unknown> = {}) {
  return {
    type: "message",
    id: "m1",
    channelId: "msteams",
    serviceUrl: "http://127.0.0.1:9/",
    conversation: { id: "conv-1" },
    from: { id: "u1" },
    recipient: { id: "bot" },
    text: "triage",
    deliveryMode: "expectReplies",
    ...over,
  };
}

const uploads = () => readdirSync(tmpdir()).filter((f) => f.startsWith("upload_")).length;

describe("no one answers someone else's triage", () => {
  const ws = new Workspace();
  beforeAll(() => ws.start());
  afterAll(() => ws.stop());

  it("an anonymous POST naming the Slack channel and conversation is refused and reads nothing", async () => {
    await ws.dm("triage");
    const slackConversation = `T0TEAM:${DM}:`;
    const posts = ws.fake.calls.length;
    for (const channelId of ["slack", "Slack"]) {
      const res = await fetch(`${ws.baseUrl}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(activity({ channelId, conversation: { id: slackConversation }, text: "no" })),
      });
      expect(res.status).toBe(400);
    }
    expect(ws.fake.calls.length).toBe(posts);
  });

  it("state keys carry the transport, so the same channel and conversation id are two conversations", () => {
    const state = new ConditionalConversationState(new MemoryStorage());
    const keyFor = (transport?: "slack" | "botframework") => {
      const a = activity({
        channelId: "slack",
        conversation: { id: "T:D:" },
      }) as unknown as Partial<Activity>;
      const ctx = new TurnContext(new TestAdapter(), a);
      if (transport) void new TransportTag(transport).onTurn(ctx, async () => {});
      return state.getStorageKey(ctx);
    };
    expect(keyFor("slack")).toBe("slack/slack/conversations/T:D:/");
    expect(keyFor("botframework")).toBe("botframework/slack/conversations/T:D:/");
    expect(keyFor()).toBe(keyFor("botframework"));
  });

  it("a Slack-only deployment has no /api/messages", async () => {
    const app = await createApp(
      readConfig({
        BOT_FRAMEWORK_ENDPOINT: "off",
        MSCC_CONTACT_PHONE: "020 7946 0000",
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        LOG_LEVEL: "silent",
      }),
      createLogger("silent"),
    );
    const url = await listen(app.server);
    try {
      const res = await fetch(`${url}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(activity()),
      });
      expect(res.status).toBe(404);
    } finally {
      await close(app.server);
    }
  });

  it("anonymous mode refuses a non-loopback HOST unless allowed by name", () => {
    expect(() => readConfig({ HOST: "0.0.0.0" })).toThrow(ConfigError);
    expect(() => readConfig({ HOST: "10.1.2.3" })).toThrow(/ANONYMOUS_ALLOW_REMOTE/);
    expect(readConfig({ HOST: "0.0.0.0", ANONYMOUS_ALLOW_REMOTE: "true" }).host).toBe("0.0.0.0");
    expect(readConfig({ HOST: "127.0.0.1" }).host).toBe("127.0.0.1");
    expect(() => readConfig({ BOT_FRAMEWORK_ENDPOINT: "off" })).toThrow(ConfigError);
  });
});

describe("bodies, connections and errors", () => {
  let app: App;
  let base: string;
  const lines: string[] = [];
  beforeAll(async () => {
    app = await createApp(
      readConfig({ LOG_LEVEL: "warn", HTTP_REQUEST_TIMEOUT_MS: "1500", HTTP_HEADERS_TIMEOUT_MS: "1000" }),
      createLogger("warn", (l) => lines.push(l)),
    );
    base = await listen(app.server);
  });
  afterAll(() => close(app.server));

  const post = (body: string, headers: Record<string, string> = { "content-type": "application/json" }) =>
    fetch(`${base}/api/messages`, { method: "POST", headers, body });

  it("anonymous mode replies only to loopback service URLs", async () => {
    const res = await post(
      JSON.stringify(activity({ serviceUrl: "https://attacker.example/", deliveryMode: undefined })),
    );
    expect(res.status).toBe(400);
    expect((await post(JSON.stringify(activity()))).status).toBe(200);
  });

  it("multipart is refused before its body is read: 415, and no upload file is written", async () => {
    const before = uploads();
    const form = new FormData();
    form.append("file", new Blob(["x".repeat(100_000)]), "a.bin");
    for (const headers of [{}, { authorization: "Bearer abc" }] as Array<Record<string, string>>) {
      const res = await fetch(`${base}/api/messages`, { method: "POST", body: form, headers });
      expect(res.status).toBe(415);
      expect(await res.json()).toEqual({ error: "unsupported content type" });
    }
    expect(uploads()).toBe(before);
  });

  it("5,000-deep JSON, a non-string serviceUrl and a 200 KB id are 400, not 500", async () => {
    const deep = `${"[".repeat(5_000)}${"]".repeat(5_000)}`;
    expect((await post(deep)).status).toBe(400);
    const deepInside = JSON.stringify(
      activity({ channelData: JSON.parse(`${"[".repeat(100)}${"]".repeat(100)}`) }),
    );
    expect((await post(deepInside)).status).toBe(400);
    expect((await post(JSON.stringify(activity({ serviceUrl: { href: "x" } })))).status).toBe(400);
    expect((await post(JSON.stringify(activity({ id: "i".repeat(200_000) })))).status).toBe(400);
    expect((await post(JSON.stringify(activity({ conversation: { id: "c".repeat(2_000) } })))).status).toBe(
      400,
    );
  });

  it("every response carries the security headers, errors included", async () => {
    const responses = [
      await fetch(`${base}/healthz`),
      await post("{not json"),
      await fetch(`${base}/nowhere`),
      await post("x", { "content-type": "text/plain" }),
    ];
    for (const res of responses) {
      for (const h of SECURITY_HEADERS) expect(res.headers.get(h), `${res.status} ${h}`).toBeTruthy();
      const body = await res.text();
      expect(body).not.toMatch(/nowhere|Unexpected token|at .*\.(js|ts):\d+/);
    }
  });

  it("a client that never finishes its headers is disconnected", async () => {
    const { port } = app.server.address() as AddressInfo;
    const t0 = Date.now();
    const closedAfter = await new Promise<number>((resolve) => {
      const socket = connect(port, "127.0.0.1", () =>
        socket.write("POST /api/messages HTTP/1.1\r\nHost: x\r\n"),
      );
      socket.on("error", () => undefined);
      socket.on("close", () => resolve(Date.now() - t0));
      setTimeout(() => {
        socket.destroy();
        resolve(Number.POSITIVE_INFINITY);
      }, 8_000);
    });
    expect(closedAfter).toBeLessThan(5_000);
  }, 10_000);
});

describe("tokens that cannot be trusted", () => {
  let app: App;
  let base: string;
  const lines: string[] = [];
  beforeAll(async () => {
    app = await createApp(
      readConfig({
        MicrosoftAppId: "00000000-0000-0000-0000-000000000001",
        MicrosoftAppPassword: "not-a-real-secret",
        MSCC_CONTACT_PHONE: "020 7946 0000",
        LOG_LEVEL: "warn",
      }),
      createLogger("warn", (l) => lines.push(l)),
    );
    base = await listen(app.server);
  });
  afterAll(() => close(app.server));

  it("a forged token gets 401 with no detail", async () => {
    for (const token of ["abc", "a.b.c", "eyJhbGciOiJub25lIn0.eyJmb28iOjF9."]) {
      const res = await fetch(`${base}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify(activity()),
      });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: "unauthorized" });
    }
    expect(lines.join("\n")).not.toMatch(/\n\s+at /);
  });

  it("a well-formed token whose keys cannot be fetched gets 503 (401 where the key endpoint answers)", async () => {
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const now = Math.floor(Date.now() / 1000);
    const jwt = [
      b64({ alg: "RS256", kid: "unknown-key", typ: "JWT" }),
      b64({
        iss: "https://api.botframework.com",
        aud: "00000000-0000-0000-0000-000000000001",
        exp: now + 600,
      }),
      Buffer.from("forged").toString("base64url"),
    ].join(".");
    const res = await fetch(`${base}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${jwt}` },
      body: JSON.stringify(activity()),
    });
    expect([401, 503]).toContain(res.status);
    expect(await res.json()).toEqual({
      error: res.status === 401 ? "unauthorized" : "authentication unavailable",
    });
  });

  it("the key endpoint failing is 503; a refused token is 401", () => {
    expect(authFailureStatus(Object.assign(new Error("Failed to load Keys: 500"), { statusCode: 500 }))).toBe(
      503,
    );
    expect(
      authFailureStatus(
        Object.assign(new Error("getaddrinfo ENOTFOUND login.botframework.com"), { name: "FetchError" }),
      ),
    ).toBe(503);
    expect(authFailureStatus(Object.assign(new Error("Unauthorized"), { statusCode: 401 }))).toBe(401);
    expect(authFailureStatus(new Error("jwt malformed"))).toBe(401);
  });
});

describe("a Slack-only workspace still runs its triage", () => {
  const ws = new Workspace();
  beforeAll(() => ws.start({ BOT_FRAMEWORK_ENDPOINT: "off" }));
  afterAll(() => ws.stop());

  it("asks its first question", async () => {
    const from = ws.fake.calls.length;
    await ws.dm("triage");
    expect(ws.fake.of("chat.postMessage", from).map(questionIdOf).filter(Boolean)).toEqual(["body_area"]);
  });
});
