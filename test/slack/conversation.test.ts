// Full triages over Slack with no real Slack: signed Events / interactivity / slash command requests
// to the real server (createApp, Slack on), Web API calls recorded by a loopback fake.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decide } from "../../rules/engine/decide.js";
import { loadPack } from "../../rules/packs/index.js";
import { blockKitBreaches } from "./block-kit-limits.js";
import { BOT_USER } from "./fake-slack.js";
import { answerFrom, isOutcome, type Played, playTriage, postsIn, questionIdOf } from "./play.js";
import { CHANNEL, DM, Workspace } from "./workspace.js";

const pack = loadPack("NEL");
const ws = new Workspace();
beforeAll(() => ws.start());
afterAll(() => ws.stop());

/** The outcome message's metadata must say what the rules core decides for the same findings. */
function expectOutcomeMatchesDecide(played: Played) {
  const final = played.outcomes.at(-1);
  if (!final) throw new Error("no outcome message");
  const payload = (final.args.metadata as { event_payload: Record<string, unknown> }).event_payload;
  const decided = decide(pack, played.findings);
  expect(payload).toEqual({
    route: decided.route,
    urgency: decided.urgency,
    rules: decided.rules.map((r) => ({ id: r.id, source: r.source })),
    additional: decided.additional.map((a) => ({ route: a.route, urgency: a.urgency, rule: a.rule })),
    rulesVersion: decided.rulesVersion,
  });
  return { decided, final };
}

function expectEveryMessageInsideLimits() {
  for (const c of [...ws.fake.of("chat.postMessage"), ...ws.fake.of("chat.update")])
    expect(blockKitBreaches(c.args), `${c.method}: ${String(c.args.text).slice(0, 60)}`).toEqual([]);
}

describe("a triage in a direct message", () => {
  it("an emergency (cauda equina) ends with a Block Kit outcome matching decide()", async () => {
    const text =
      "is this urgent APP? 58 year old, low back pain, new saddle numbness and new urinary retention";
    const findings = {
      body_area: "lumbar",
      age: 58,
      saddle_anaesthesia: true,
      bladder_bowel_dysfunction: true,
      ces_worsening: true,
      bilateral_leg_symptoms: true,
    } as const;
    const played = await playTriage(
      ws,
      pack,
      { text, send: () => ws.dm(text), where: () => ({ channel: DM }) },
      answerFrom(pack, findings),
    );
    const { decided, final } = expectOutcomeMatchesDecide(played);
    expect(decided.urgency).toBe("emergency");
    expect(decided.route).toBe("ED_NOW");
    // The outcome is Block Kit with the route's action, safety netting and links as mrkdwn.
    const blocks = JSON.stringify(final.args.blocks);
    expect(blocks).toContain(decided.title);
    expect(decided.safetyNet.length).toBeGreaterThan(0);
    expect(String(final.args.text)).not.toBe("");
    expect(decided.pathwayLinks.length).toBeGreaterThan(0);
    for (const link of decided.pathwayLinks) expect(blocks).toContain(`<${link.url}|`);
    // Every post went to the DM, as the bot (token), never in a thread.
    for (const c of ws.fake.of("chat.postMessage")) expect(c.token).toBe("xoxb-test-token");
    expectEveryMessageInsideLimits();
  });

  it("a routine case: one-tap buttons (choices too) and a typed age, ending in a routine route", async () => {
    const text = "is this urgent APP?";
    const findings = { body_area: "lumbar", age: 35, cancer_history: false } as const;
    const played = await playTriage(
      ws,
      pack,
      { text, send: () => ws.dm(text), where: () => ({ channel: DM }) },
      answerFrom(pack, findings),
    );
    const { decided } = expectOutcomeMatchesDecide(played);
    expect(decided.route).toBe("ROUTINE_PHYSIO");
    expect(played.outcomes).toHaveLength(1);
    expect(new Set(played.how)).toEqual(new Set(["button", "typed", "screen"]));
    expectEveryMessageInsideLimits();
  });

  it("each answered question is updated in place (chat.update, same ts, no buttons left)", async () => {
    const mark = ws.fake.calls.length;
    const text = "triage";
    const played = await playTriage(
      ws,
      pack,
      { text, send: () => ws.dm(text), where: () => ({ channel: DM }) },
      answerFrom(pack, { body_area: "limb", age: 27, recent_surgery: true }),
    );
    const updates = ws.fake.of("chat.update", mark);
    expect(updates.map((u) => u.args.ts)).toEqual(played.questions.map((q) => q.response.ts));
    for (const u of updates) {
      expect(u.args.channel).toBe(DM);
      expect(JSON.stringify(u.args.blocks)).not.toContain('"type":"actions"');
      expect(u.args.metadata).toBeUndefined();
    }
  });
});

describe("a mention in a channel", () => {
  it("answers in the mention's thread and runs the whole triage there", async () => {
    const mark = ws.fake.calls.length;
    let threadTs = "";
    const text = "is this urgent APP? 45 year old, back pain";
    const played = await playTriage(
      ws,
      pack,
      {
        text,
        send: async () => {
          const m = ws.mention(text);
          threadTs = m.ts;
          await m.res;
        },
        where: () => ({ channel: CHANNEL, threadTs }),
      },
      answerFrom(pack, { body_area: "lumbar", age: 45, cancer_history: false }),
    );
    expectOutcomeMatchesDecide(played);
    const posts = ws.fake.of("chat.postMessage", mark);
    expect(posts.length).toBeGreaterThan(1);
    for (const p of posts) {
      expect(p.args.channel).toBe(CHANNEL);
      expect(p.args.thread_ts).toBe(threadTs);
    }
    expectEveryMessageInsideLimits();
  });

  it("a mention that starts a new thread is a new conversation", async () => {
    const first = ws.mention("triage");
    await first.res;
    const mark = ws.fake.calls.length;
    const second = ws.mention("triage");
    await second.res;
    const posts = ws.fake.of("chat.postMessage", mark);
    expect(posts.map((p) => p.args.thread_ts)).toEqual(posts.map(() => second.ts));
    expect(questionIdOf(posts.at(-1) as never)).toBeDefined();
  });
});

describe("the /triage slash command", () => {
  it("in a channel, opens a thread and runs the triage there with the text as the quick check", async () => {
    const mark = ws.fake.calls.length;
    const text = "58 year old, low back pain, new saddle numbness and new urinary retention";
    let root = "";
    const played = await playTriage(
      ws,
      pack,
      {
        text,
        send: async () => {
          const res = await ws.command(text);
          expect(res.status).toBe(200);
          const rootPost = ws.fake.of("chat.postMessage", mark)[0];
          expect(rootPost?.args.thread_ts).toBeUndefined();
          expect(String(rootPost?.args.text)).toContain(`<@U0CLINICIAN>`);
          root = String(rootPost?.response.ts);
        },
        where: () => ({ channel: CHANNEL, threadTs: root }),
      },
      answerFrom(pack, {
        body_area: "lumbar",
        age: 58,
        saddle_anaesthesia: true,
        bladder_bowel_dysfunction: true,
        ces_worsening: true,
      }),
    );
    // The quick check was read: saddle numbness was noted, not asked.
    expect(played.asked).not.toContain("saddle_anaesthesia");
    const { decided } = expectOutcomeMatchesDecide(played);
    expect(decided.urgency).toBe("emergency");
  });

  it("in the app's DM, starts over even while a triage is running", async () => {
    await ws.dm("triage");
    const mark = ws.fake.calls.length;
    await ws.command("", DM);
    const posts = postsIn(ws, { channel: DM }, mark);
    expect(posts.some((p) => questionIdOf(p) !== undefined)).toBe(true);
    expect(posts.every((p) => !isOutcome(p))).toBe(true);
  });

  it("ignores the bot's own messages and message edits in the DM", async () => {
    const mark = ws.fake.calls.length;
    const ts = ws.nextTs();
    await ws.send(
      "/api/slack/events",
      ws.event({
        type: "message",
        channel: DM,
        channel_type: "im",
        user: BOT_USER,
        bot_id: "BBOTMSK",
        text: "x",
        ts,
      }),
    );
    await ws.send(
      "/api/slack/events",
      ws.event({
        type: "message",
        subtype: "message_changed",
        channel: DM,
        channel_type: "im",
        ts: ws.nextTs(),
      }),
    );
    expect(ws.fake.calls.slice(mark)).toEqual([]);
  });
});
