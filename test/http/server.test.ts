import type { AddressInfo } from "node:net";
import type restify from "restify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decide } from "../../rules/engine/decide.js";
import type { Findings } from "../../rules/vocabulary.js";
import { type App, createApp } from "../../src/app.js";
import { readConfig } from "../../src/config.js";
import { createLogger } from "../../src/logging.js";
import { answerFrom, play } from "../dialogs/clinician.js";
import { lastQuestion } from "../dialogs/replies.js";
import { botClient } from "./bot-client.js";
import { NO_RATE_LIMIT } from "./no-rate-limit.js";

// The real server (createApp, restify, CloudAdapter) on a loopback port, driven over HTTP with
// deliveryMode "expectReplies" as docs/interfaces.md §2 promises to integrations and load tools.

const logLines: string[] = [];
const log = createLogger("warn", (l) => logLines.push(l));

async function listen(server: restify.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let app: App;
let base: string;

beforeAll(async () => {
  app = await createApp(readConfig({ LOG_LEVEL: "warn", ...NO_RATE_LIMIT }), log);
  await app.ready;
  base = await listen(app.server);
});
afterAll(() => new Promise<void>((resolve) => app.server.close(() => resolve())));

const post = (body: string, contentType = "application/json") =>
  fetch(`${base}/api/messages`, { method: "POST", headers: { "content-type": contentType }, body });

const CASES: Array<[name: string, findings: Findings, route: string]> = [
  [
    "saddle numbness for 10 days",
    { body_area: "lumbar", age: 45, saddle_anaesthesia: true, ces_symptom_weeks: 1.4, cancer_history: false },
    "ED_NOW",
  ],
  ["mechanical low back pain", { body_area: "lumbar", age: 35, cancer_history: false }, "ROUTINE_PHYSIO"],
  ["plain lump", { body_area: "limb", age: 42, lump: true, lump_concerning: false }, "RADIOLOGY"],
];

describe("POST /api/messages with expectReplies", () => {
  it.each(CASES)(
    "a full triage (%s) ends with the mskTriageOutcome entity",
    async (name, findings, route) => {
      const client = botClient(base, `http-${name}`);
      const played = await play(client.say, app.pack, answerFrom(app.pack, findings, "newham"), {
        mode: "mixed",
      });
      const decided = decide(app.pack, played.answers);
      expect(played.outcome).toMatchObject({
        type: "mskTriageOutcome",
        route,
        urgency: decided.urgency,
        rulesVersion: app.pack.rulesVersion,
      });
      expect(played.outcome?.rules[0]?.id).toBe(decided.rules[0]?.id);
    },
  );

  it("conversations running at once keep their own state", async () => {
    const runs = CASES.map(([name, findings]) =>
      play(botClient(base, `parallel-${name}`).say, app.pack, answerFrom(app.pack, findings, "newham")),
    );
    const routes = (await Promise.all(runs)).map((p) => p.outcome?.route);
    expect(routes).toEqual(CASES.map(([, , route]) => route));
  });

  it("typed words and a stale card click over HTTP", async () => {
    const client = botClient(base, "http-typed");
    expect(lastQuestion(await client.say({ text: "triage" }))).toBe("body_area");
    expect(lastQuestion(await client.say({ text: "lower back" }))).toBe("age");
    const stale = await client.say({ value: { questionId: "body_area", answer: "limb" } });
    expect(stale.map((a) => a.text ?? a.summary).join()).toMatch(/already been answered/);
    expect(lastQuestion(stale)).toBeUndefined();
    expect(lastQuestion(await client.say({ text: "40 years" }))).toBe("screen:ces");
  });
});

describe("the server's edges", () => {
  it("GET /healthz answers 200 and reports storage; GET /readyz answers 200 while storage reads", async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", storage: "ok" });
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  it.each([
    ["malformed JSON", "{not json"],
    ["a JSON array", "[]"],
    ["null", "null"],
    ["an object that is not an activity", '{"hello":"world"}'],
    ["an activity with no conversation", '{"type":"message","channelId":"msteams","text":"hi"}'],
    [
      "text that is not a string",
      '{"type":"message","channelId":"msteams","conversation":{"id":"c"},"from":{"id":"u"},"recipient":{"id":"b"},"text":123}',
    ],
    [
      "an activity with no recipient",
      '{"type":"message","channelId":"msteams","conversation":{"id":"c"},"from":{"id":"u"},"text":"triage"}',
    ],
  ])("%s -> 400 with a JSON error, no turn run", async (_name, body) => {
    const before = logLines.filter((l) => l.includes("turn_failed")).length;
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/json/);
    const text = await res.text();
    expect(text).not.toMatch(/at .*\.(js|ts):\d+/); // no stack trace
    expect(logLines.filter((l) => l.includes("turn_failed")).length).toBe(before);
  });

  it("the log never repeats the body of a bad request", async () => {
    await post("saddle numbness for 10 days, 58");
    expect(logLines.join("\n")).not.toContain("saddle");
  });

  it("survives garbage and keeps serving", async () => {
    const garbage = [
      post("\u0000\u0001\u0002binary", "application/octet-stream"),
      post("x".repeat(300 * 1024)),
      post('{"type":1}'),
      post("text", "text/plain"),
      fetch(`${base}/api/messages`, { method: "GET" }),
      fetch(`${base}/nowhere`),
    ];
    const statuses = (await Promise.all(garbage)).map((r) => r.status);
    for (const s of statuses) expect(s).toBeGreaterThanOrEqual(400);
    for (const s of statuses) expect(s).toBeLessThan(500);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const client = botClient(base, "after-garbage");
    expect(lastQuestion(await client.say({ text: "triage" }))).toBe("body_area");
  });
});

describe("with a MicrosoftAppId configured", () => {
  it("rejects a request without a Bot Framework token (401)", async () => {
    const secured = await createApp(
      readConfig({
        MicrosoftAppId: "00000000-0000-0000-0000-000000000001",
        MicrosoftAppPassword: "not-a-real-secret",
        MSCC_CONTACT_PHONE: "020 7946 0000",
        LOG_LEVEL: "silent",
      }),
      createLogger("silent"),
    );
    const url = await listen(secured.server);
    try {
      const res = await fetch(`${url}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          type: "message",
          channelId: "msteams",
          serviceUrl: "http://127.0.0.1:9/",
          conversation: { id: "no-token" },
          from: { id: "u" },
          recipient: { id: "b" },
          text: "triage",
          deliveryMode: "expectReplies",
        }),
      });
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain("Question 1");
      // Still 401, not 400, when the body is also bad: the token is checked first.
      const bad = await fetch(`${url}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{not json",
      });
      expect(bad.status).toBe(401);
    } finally {
      await new Promise<void>((resolve) => secured.server.close(() => resolve()));
    }
  });
});
