// Slack payloads to Bot Framework activities: the transport facts that decide who is answered where.
import { describe, expect, it } from "vitest";
import {
  decodeSlackText,
  fromAppMention,
  fromBlockAction,
  fromDirectMessage,
  slashCommandText,
  stripBotMention,
} from "../../src/channels/slack/to-activity.js";
import { verifyRequest } from "../../src/channels/slack/verify.js";
import { jsonRequest, SIGNING_SECRET } from "./signed.js";

const BOT = "UBOT1";
const action = (value: string) => ({
  type: "block_actions" as const,
  user: { id: "U1" },
  team: { id: "T1" },
  channel: { id: "C1" },
  container: { message_ts: "10.1", channel_id: "C1", thread_ts: "9.1" },
  actions: [{ action_id: "answer_yes", value, action_ts: "11.1" }],
});

describe("message text", () => {
  it("removes only the bot's own mention, in either form", () => {
    expect(stripBotMention(`<@${BOT}> is this urgent? ask <@U2>`, BOT)).toBe("is this urgent? ask <@U2>");
    expect(stripBotMention(`<@${BOT}|msk triage>   3 weeks`, BOT)).toBe("3 weeks");
  });
  it("undoes Slack's escaping so '<2 weeks' reads as typed", () => {
    expect(decodeSlackText("&lt;2 weeks &amp; worse &gt;")).toBe("<2 weeks & worse >");
  });
  it("/triage text with findings is the quick check; anything else starts a blank triage", () => {
    expect(slashCommandText("")).toBe("triage");
    expect(slashCommandText("hello")).toBe("triage");
    expect(slashCommandText("58, new saddle numbness")).toBe("triage 58, new saddle numbness");
  });
});

describe("who is answered", () => {
  const dm = {
    type: "message" as const,
    channel: "D1",
    channel_type: "im",
    user: "U1",
    text: "yes",
    ts: "1.1",
  };
  it("a DM from a person becomes a personal message in the DM conversation", () => {
    const a = fromDirectMessage("T1", dm, BOT);
    expect(a).toMatchObject({
      channelId: "slack",
      text: "yes",
      conversation: { id: "T1:D1:", conversationType: "personal" },
    });
  });
  it("the bot's own posts, edits and bot messages are not answered", () => {
    expect(fromDirectMessage("T1", { ...dm, user: BOT }, BOT)).toBeUndefined();
    expect(fromDirectMessage("T1", { ...dm, bot_id: "B1" }, BOT)).toBeUndefined();
    expect(fromDirectMessage("T1", { ...dm, subtype: "message_changed" }, BOT)).toBeUndefined();
    expect(fromDirectMessage("T1", { ...dm, channel_type: "channel" }, BOT)).toBeUndefined();
  });
  it("a channel mention answers in its thread and carries a mention of the bot", () => {
    const a = fromAppMention(
      "T1",
      { type: "app_mention", channel: "C1", user: "U1", text: `<@${BOT}> triage`, ts: "5.5" },
      BOT,
    );
    expect(a?.conversation).toMatchObject({ id: "T1:C1:5.5", conversationType: "channel" });
    expect(a?.text).toBe("triage");
    expect(a?.entities?.[0]).toMatchObject({ type: "mention", mentioned: { id: BOT } });
  });
  it("a mention inside a DM is left to message.im (no double answer)", () => {
    expect(
      fromAppMention("T1", { type: "app_mention", channel: "D1", user: "U1", text: "x", ts: "5.5" }, BOT),
    ).toBeUndefined();
  });
  it("a click carries the button's JSON as value, in the message's thread", () => {
    const r = fromBlockAction(action('{"questionId":"night_pain","answer":"yes"}'), BOT);
    if (!r.ok) throw new Error(r.reason);
    expect(r.activity.value).toEqual({ questionId: "night_pain", answer: "yes" });
    expect(r.activity.conversation?.id).toBe("T1:C1:9.1");
    expect(r.activity.replyToId).toBe("10.1");
  });
  it("a click whose value is not the contract's JSON is refused", () => {
    expect(fromBlockAction(action("yes"), BOT)).toEqual({ ok: false, reason: "bad_value" });
    expect(fromBlockAction(action('{"questionId":""}'), BOT)).toEqual({ ok: false, reason: "bad_value" });
  });
});

describe("verifyRequest", () => {
  it("accepts Slack's signature and refuses it under another secret", () => {
    const req = jsonRequest({ type: "url_verification", challenge: "x" });
    expect(verifyRequest(SIGNING_SECRET, req.headers, req.body).ok).toBe(true);
    expect(verifyRequest("other", req.headers, req.body)).toEqual({ ok: false, reason: "bad_signature" });
  });
  it("uses the clock it is given: a signature is good for 5 minutes either side", () => {
    const ts = 1_800_000_000;
    const req = jsonRequest({ a: 1 }, { timestamp: ts });
    expect(verifyRequest(SIGNING_SECRET, req.headers, req.body, (ts + 299) * 1000).ok).toBe(true);
    expect(verifyRequest(SIGNING_SECRET, req.headers, req.body, (ts + 301) * 1000)).toEqual({
      ok: false,
      reason: "stale_timestamp",
    });
    expect(verifyRequest(SIGNING_SECRET, req.headers, req.body, (ts - 301) * 1000)).toEqual({
      ok: false,
      reason: "future_timestamp",
    });
  });
});
