import type { AddressInfo } from "node:net";
import { MemoryStorage } from "botbuilder";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../src/app.js";
import { readConfig } from "../../src/config.js";
import { createLogger } from "../../src/logging.js";
import { SLOW_DOWN_NOTICE } from "../../src/rate-limit.js";
import { post } from "../slack/signed.js";
import { CHANNEL, Workspace } from "../slack/workspace.js";
import { botClient } from "./bot-client.js";

// A flood from one clinician or one organisation is cut off with a plain "slow down", not
// accepted and not met with silence; a Slack request replayed after a restart is still refused.

describe("rate limits", () => {
  let app: App;
  let base: string;
  beforeAll(async () => {
    app = await createApp(
      readConfig({
        LOG_LEVEL: "silent",
        RATE_LIMIT_USER_PER_MINUTE: "10",
        RATE_LIMIT_TENANT_PER_MINUTE: "25",
      }),
      createLogger("silent"),
    );
    await new Promise<void>((r) => app.server.listen(0, "127.0.0.1", () => r()));
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => app.server.close(() => r())));

  it("one user over the limit is told to slow down once, and their messages are not used", async () => {
    const client = botClient(base, "flood-user");
    const turns: Array<{ replies: number; slowDown: boolean }> = [];
    for (let i = 0; i < 40; i++) {
      const replies = await client.say({ text: "help", from: { id: "flooder", name: "" } });
      turns.push({ replies: replies.length, slowDown: replies.some((r) => r.text === SLOW_DOWN_NOTICE) });
    }
    expect(turns.filter((t) => t.replies > 0 && !t.slowDown)).toHaveLength(10);
    expect(turns.filter((t) => t.slowDown)).toHaveLength(1);
    expect(turns.slice(11).every((t) => t.replies === 0)).toBe(true);
    // Another clinician is not held up by it.
    const other = await botClient(base, "calm-user").say({ text: "triage", from: { id: "calm", name: "" } });
    expect(JSON.stringify(other)).not.toContain(SLOW_DOWN_NOTICE);
  });

  it("one tenant over its limit is slowed down across its users", async () => {
    const notices: string[] = [];
    for (let i = 0; i < 30; i++) {
      const client = botClient(base, `tenant-conv-${i}`);
      const replies = await client.say({
        text: "help",
        from: { id: `user-${i}`, name: "" },
        conversation: { id: `tenant-conv-${i}`, tenantId: "tenant-A" } as never,
      });
      notices.push(replies.map((r) => r.text ?? "").join("|"));
    }
    expect(notices.filter((t) => t === SLOW_DOWN_NOTICE)).toHaveLength(5);
  });
});

describe("Slack replays across a restart", () => {
  const ws = new Workspace();
  const shared = new MemoryStorage();
  beforeAll(() => ws.start({}, shared));
  afterAll(() => ws.stop());

  it("a byte-identical request replayed after the bot restarts does nothing", async () => {
    // /triage in a channel opens a new thread each time it runs: a replay would start a second triage.
    const request = ws.commandRequest("", CHANNEL);
    await ws.send("/api/slack/commands", request);
    const posted = ws.fake.calls.length;
    expect(posted).toBeGreaterThan(0);
    await ws.restart();
    const res = await post(ws.baseUrl, "/api/slack/commands", request);
    await ws.idle();
    expect(res.status).toBe(200);
    expect(ws.fake.calls.length).toBe(posted);
  });
});
