// The Slack transport's guarantees, over HTTP against the real server: signatures and clock window,
// replays and retries, stale clicks, acknowledgements, and what happens when Slack refuses a post.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ERROR_NOTICE } from "../../src/app.js";
import { NOT_IN_CHANNEL_NOTICE } from "../../src/channels/slack/notices.js";
import { BOT_USER, TEAM } from "./fake-slack.js";
import { questionIdOf } from "./play.js";
import { formRequest, jsonRequest, post, type Signed, sign } from "./signed.js";
import { CHANNEL, CLINICIAN, DM, Workspace } from "./workspace.js";

const ws = new Workspace();
beforeAll(() => ws.start());
afterAll(() => ws.stop());

let mark = 0;
beforeEach(() => {
  mark = ws.fake.calls.length;
});
const callsSince = () => ws.fake.calls.slice(mark);
const url = () => (ws as unknown as { baseUrl: string }).baseUrl;

const dmEvent = (text: string) => ({
  type: "message",
  channel: DM,
  channel_type: "im",
  user: CLINICIAN,
  text,
  ts: ws.nextTs(),
});
const now = () => Math.floor(Date.now() / 1000);

describe("request signatures", () => {
  const bodies: Array<[string, (o?: Parameters<typeof jsonRequest>[1]) => Signed]> = [
    ["/api/slack/events", (o) => ws.event(dmEvent("triage"), o)],
    [
      "/api/slack/commands",
      (o) =>
        formRequest(
          {
            command: "/triage",
            text: "",
            team_id: TEAM,
            channel_id: DM,
            user_id: CLINICIAN,
            trigger_id: "t.sig",
          },
          o,
        ),
    ],
    [
      "/api/slack/interactions",
      (o) =>
        formRequest(
          {
            payload: JSON.stringify({
              type: "block_actions",
              user: { id: CLINICIAN },
              team: { id: TEAM },
              channel: { id: DM },
              container: { message_ts: "1.1", channel_id: DM },
              actions: [{ action_id: "command_triage", value: '{"command":"triage"}', action_ts: "2.2" }],
            }),
          },
          o,
        ),
    ],
  ];
  const bad: Array<[string, Parameters<typeof jsonRequest>[1], string]> = [
    ["missing signature", { signature: null }, "missing_headers"],
    ["wrong signature", { secret: "someone-else's-secret" }, "bad_signature"],
    ["malformed signature", { signature: "v1=abc" }, "bad_signature"],
    ["timestamp over 5 minutes old", { timestamp: now() - 6 * 60 }, "stale_timestamp"],
    ["timestamp over 5 minutes ahead", { timestamp: now() + 6 * 60 }, "future_timestamp"],
  ];

  for (const [path, body] of bodies) {
    it.each(bad)(`${path}: %s gets 401, a log line and no Slack call`, async (_, options, reason) => {
      const logs = ws.logs.length;
      const res = await ws.send(path, body(options));
      expect(res.status).toBe(401);
      expect(callsSince()).toEqual([]);
      expect(ws.logs.slice(logs)).toContainEqual(
        expect.objectContaining({ event: "slack_request_rejected", path, reason }),
      );
    });
  }

  it("a body changed after signing is rejected", async () => {
    const req = ws.event(dmEvent("triage"));
    const res = await ws.send("/api/slack/events", { ...req, body: req.body.replace("triage", "restart") });
    expect(res.status).toBe(401);
    expect(callsSince()).toEqual([]);
  });

  it("a missing timestamp header is rejected", async () => {
    const req = ws.event(dmEvent("triage"));
    const { "x-slack-request-timestamp": _, ...headers } = req.headers;
    const res = await ws.send("/api/slack/events", { ...req, headers });
    expect(res.status).toBe(401);
    expect(callsSince()).toEqual([]);
  });

  it("answers the URL verification challenge only when signed", async () => {
    const challenge = { token: "unused", challenge: "c-123", type: "url_verification" };
    const ok = await ws.send("/api/slack/events", jsonRequest(challenge));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ challenge: "c-123" });
    const unsigned = await ws.send("/api/slack/events", jsonRequest(challenge, { signature: null }));
    expect(unsigned.status).toBe(401);
  });
});

describe("replays and retries", () => {
  it("the same signed event sent twice is acted on once", async () => {
    const req = ws.event(dmEvent("triage"));
    expect((await ws.send("/api/slack/events", req)).status).toBe(200);
    const once = ws.fake.of("chat.postMessage", mark).length;
    expect(once).toBeGreaterThan(0);
    expect((await ws.send("/api/slack/events", req)).status).toBe(200);
    expect(ws.fake.of("chat.postMessage", mark)).toHaveLength(once);
    expect(ws.logs).toContainEqual(expect.objectContaining({ event: "slack_replay_ignored" }));
  });

  it("Slack's retry of an event (same event id, new signature, X-Slack-Retry-Num) is not acted on twice", async () => {
    const event = dmEvent("triage");
    await ws.send("/api/slack/events", ws.event(event, undefined, "EvRetry1"));
    const once = ws.fake.of("chat.postMessage", mark).length;
    const retry = ws.event(
      event,
      { headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } },
      "EvRetry1",
    );
    expect((await ws.send("/api/slack/events", retry)).status).toBe(200);
    expect(ws.fake.of("chat.postMessage", mark)).toHaveLength(once);
  });

  it("a replayed click does not answer twice", async () => {
    await ws.dm("triage");
    const question = ws.fake.of("chat.postMessage", mark).at(-1);
    if (!question) throw new Error("no question");
    const click = ws.clickRequest(question, "answer_unsure");
    await ws.send("/api/slack/interactions", click);
    const after = ws.fake.calls.length;
    await ws.send("/api/slack/interactions", click);
    expect(ws.fake.calls.slice(after)).toEqual([]);
    expect(ws.fake.of("chat.update", mark)).toHaveLength(1);
  });

  it("a replayed slash command does not start a second triage", async () => {
    const req = formRequest({
      command: "/triage",
      text: "",
      team_id: TEAM,
      channel_id: CHANNEL,
      user_id: CLINICIAN,
      trigger_id: "t.replay",
    });
    await ws.send("/api/slack/commands", req);
    const once = ws.fake.calls.length - mark;
    await ws.send("/api/slack/commands", req);
    expect(ws.fake.calls.length - mark).toBe(once);
  });
});

describe("clicks on old messages", () => {
  it("an answered question's button says 'already answered' and changes nothing", async () => {
    // "restart", not "triage": a triage left running by an earlier test would ask to confirm.
    await ws.dm("restart");
    const first = ws.fake.of("chat.postMessage", mark).at(-1);
    if (!first) throw new Error("no question");
    const firstId = questionIdOf(first);
    await ws.click(first, "answer_unsure");
    const second = ws.fake.of("chat.postMessage", mark).at(-1);
    if (!second) throw new Error("no second question");
    const secondId = questionIdOf(second);
    expect(secondId).toBeDefined();
    expect(secondId).not.toBe(firstId);

    const before = ws.fake.calls.length;
    await ws.click(first, "answer_unsure");
    const replies = ws.fake.calls.slice(before);
    expect(replies.map((c) => c.method)).toEqual(["chat.postMessage"]);
    expect(String(replies[0]?.args.text)).toContain("already been answered");

    // The pending question is still the second one: answering it moves on and updates it in place.
    const beforeAnswer = ws.fake.calls.length;
    await ws.click(second, "answer_unsure");
    const updates = ws.fake.of("chat.update", beforeAnswer);
    expect(updates.map((u) => u.args.ts)).toEqual([second.response.ts]);
  });
});

describe("acknowledgement and failures", () => {
  it("acknowledges before the work is done", async () => {
    const req = ws.event(dmEvent("triage"));
    const res = await post(url(), "/api/slack/events", req);
    expect(res.status).toBe(200);
    // The turn may still be running: the answer did not wait for the posts.
    await ws.idle();
    expect(ws.fake.of("chat.postMessage", mark).length).toBeGreaterThan(0);
  });

  it("a slash command in a channel the app is not in gets a private notice through response_url", async () => {
    ws.fake.failures.set("chat.postMessage", "not_in_channel");
    const responses = ws.fake.responses.length;
    const res = await ws.command("58 year old with new saddle numbness", "C0NOTMEMBER");
    expect(res.status).toBe(200);
    const notice = ws.fake.responses.slice(responses);
    expect(notice).toHaveLength(1);
    expect(notice[0]?.body).toMatchObject({ response_type: "ephemeral", text: NOT_IN_CHANNEL_NOTICE });
    expect(ws.logs).toContainEqual(
      expect.objectContaining({ event: "slack_work_failed", kind: "slash_command" }),
    );
  });

  it("a post refused twice (card, then its plain text) resets the triage and tells the clinician", async () => {
    ws.fake.failures.set("chat.postMessage", "rate_limited_forever");
    ws.fake.failureCount.set("chat.postMessage", 2);
    await ws.dm("triage");
    const posts = ws.fake.of("chat.postMessage", mark);
    expect(posts.at(-1)?.args.text).toBe(ERROR_NOTICE.replace(/&/g, "&amp;"));
    expect(posts.at(-1)?.args.blocks).toBeUndefined();
    expect(ws.logs).toContainEqual(expect.objectContaining({ event: "turn_failed", channel: "slack" }));
  });

  it("Teams' /api/messages still works beside the Slack routes", async () => {
    const res = await fetch(`${url()}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        type: "message",
        id: "m1",
        text: "help",
        channelId: "msteams",
        serviceUrl: "http://127.0.0.1:9/",
        deliveryMode: "expectReplies",
        from: { id: "29:someone" },
        recipient: { id: "28:bot" },
        conversation: { id: "a:teams-conv", conversationType: "personal" },
      }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { activities: Array<{ attachments?: unknown[] }> };
    expect(body.activities[0]?.attachments).toBeDefined();
  });

  it("logs never carry what the clinician wrote", () => {
    expect(ws.logText).not.toMatch(/saddle|numbness|urinary/i);
    expect(ws.logText).not.toContain(`<@${BOT_USER}`);
  });
});

describe("requests that are signed but not for the bot", () => {
  it("other interactivity types and unknown events are acknowledged and ignored", async () => {
    const shortcut = formRequest({ payload: JSON.stringify({ type: "shortcut", callback_id: "x" }) });
    expect((await ws.send("/api/slack/interactions", shortcut)).status).toBe(200);
    const reaction = ws.event({ type: "reaction_added", user: CLINICIAN, reaction: "+1" });
    expect((await ws.send("/api/slack/events", reaction)).status).toBe(200);
    // A body type Slack never sends is refused before it is read, signed or not.
    const unsignedLooking = sign("not json", "text/plain");
    expect((await ws.send("/api/slack/events", unsignedLooking)).status).toBe(415);
    expect(callsSince()).toEqual([]);
  });
});
