// The MSK team round trip on Slack, over HTTP with signed requests and the loopback fake Web API:
// `/triage queue here` in the team's channel, a triage in a clinician's DM, "Ask the MSK team",
// the query posted with chat.postMessage, Agree and Change route pressed in the channel (the new
// route and note read from state.values), the query updated with chat.update, and the replies
// posted to the clinician's DM.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPack } from "../../rules/packs/index.js";
import type { ApiCall } from "../slack/fake-slack.js";
import { answerFrom, isOutcome, playTriage } from "../slack/play.js";
import { formRequest } from "../slack/signed.js";
import { CHANNEL, CLINICIAN, DM, Workspace } from "../slack/workspace.js";

const TEAM_MEMBER = "U0PHYSIOLEAD";
const pack = loadPack("NEL");
const ws = new Workspace({ MSK_TEAM_MEMBERS: `${CLINICIAN},${TEAM_MEMBER}` });
beforeAll(() => ws.start());
afterAll(() => ws.stop());

const FIRST =
  "is this urgent APP? Mrs Jane Doe NHS 943 476 5919, 47, lower back pain, new saddle numbness since yesterday";
const QUESTION = "Mrs Jane Doe, NHS 9434765919: she cannot get to ED until tomorrow, is that acceptable?";
const LEAKS = ["Jane", "Doe", "943 476 5919", "9434765919"];

/** A team member's click on a query message, with the message's inputs in state.values. */
function teamClick(
  message: ApiCall,
  actionId: string,
  inputs: { route?: string; note?: string } = {},
  user = TEAM_MEMBER,
) {
  const req = ws.clickRequest(message, actionId);
  const payload = JSON.parse(new URLSearchParams(req.body).get("payload") ?? "{}") as Record<string, unknown>;
  payload.user = { id: user, username: "alex.physio", name: "alex.physio", team_id: "T0TEAM" };
  payload.state = {
    values: {
      msk_route: {
        route: { type: "static_select", selected_option: inputs.route ? { value: inputs.route } : null },
      },
      msk_note: { note: { type: "plain_text_input", value: inputs.note ?? null } },
    },
  };
  return ws.send("/api/slack/interactions", formRequest({ payload: JSON.stringify(payload) }));
}

/** The action id of the outcome's "Ask the MSK team" button (found by its value, as Slack sends it back). */
function askButtonOf(outcome: ApiCall): string {
  for (const block of (outcome.args.blocks ?? []) as Array<Record<string, unknown>>) {
    for (const e of (block.elements as Array<Record<string, unknown>> | undefined) ?? []) {
      const value = typeof e.value === "string" ? (JSON.parse(e.value) as Record<string, unknown>) : {};
      if (value.action === "askMskTeam") {
        expect((e.text as { text: string }).text).toBe("Ask the MSK team");
        return String(e.action_id);
      }
    }
  }
  throw new Error("the outcome has no Ask the MSK team button");
}

const inDm = (from: number) => ws.fake.of("chat.postMessage", from).filter((c) => c.args.channel === DM);
const inQueue = (from: number) => ws.fake.calls.slice(from).filter((c) => c.args.channel === CHANNEL);

async function triageAndAsk(question: string): Promise<ApiCall> {
  const played = await playTriage(
    ws,
    pack,
    { text: FIRST, send: () => ws.dm(FIRST), where: () => ({ channel: DM }) },
    answerFrom(pack, { body_area: "lumbar", age: 47, saddle_anaesthesia: true }),
  );
  const outcome = played.outcomes.at(-1) as ApiCall;
  let mark = ws.fake.calls.length;
  await ws.click(outcome, askButtonOf(outcome));
  expect(
    inDm(mark)
      .map((c) => String(c.args.text))
      .join(),
  ).toMatch(/Type your question for the MSK team/);
  mark = ws.fake.calls.length;
  await ws.dm(question);
  const posted = ws.fake.of("chat.postMessage", mark).filter((c) => c.args.channel === CHANNEL);
  expect(posted).toHaveLength(1);
  expect(posted[0]?.args.thread_ts).toBeUndefined();
  expect(
    inDm(mark)
      .map((c) => String(c.args.text))
      .join(),
  ).toMatch(/Sent to the MSK team as query \d+/);
  return posted[0] as ApiCall;
}

describe("the MSK team's queue in a Slack channel", () => {
  it("`/triage queue here` makes the channel the queue, answered in the channel itself", async () => {
    const mark = ws.fake.calls.length;
    await ws.command("queue here", CHANNEL);
    const confirm = inQueue(mark);
    expect(confirm).toHaveLength(1);
    expect(confirm[0]?.args.thread_ts).toBeUndefined();
    expect(String(confirm[0]?.args.text)).toMatch(/now the .* MSK query queue/);
  });

  it("Agree: the query is updated in place and the clinician's DM gets the reply", async () => {
    const query = await triageAndAsk(QUESTION);
    const blocks = JSON.stringify(query.args.blocks);
    expect(blocks).toMatch(/MSK query \d+/);
    expect(blocks).toContain("she cannot get to ED until tomorrow, is that acceptable?");
    const agree = (query.args.blocks as Array<Record<string, unknown>>)
      .flatMap((b) => (b.elements as Array<Record<string, unknown>> | undefined) ?? [])
      .find((e) => e.action_id === "msk_reply_agree");
    expect(JSON.parse(String(agree?.value))).toEqual({
      action: "mskReply",
      queryId: expect.any(String),
      reply: "agree",
    });

    const mark = ws.fake.calls.length;
    await teamClick(query, "msk_reply_agree");
    const updates = ws.fake.of("chat.update", mark);
    expect(updates).toHaveLength(1);
    expect(updates[0]?.args).toMatchObject({ channel: CHANNEL, ts: query.response.ts });
    const updated = JSON.stringify(updates[0]?.args.blocks);
    expect(updated).toMatch(/Agreed by alex.physio, \d+ \w+ \d{4}, \d\d:\d\d UTC/);
    expect(updated).not.toContain("msk_reply_agree");
    expect(
      inDm(mark)
        .map((c) => String(c.args.text))
        .join(),
    ).toMatch(/alex.physio agrees with the route/);
  });

  it("Change route: a new outcome in the DM whose metadata says reviewed by the MSK team", async () => {
    const query = await triageAndAsk("skip");
    let mark = ws.fake.calls.length;
    await teamClick(query, "msk_reply_change");
    expect(
      inQueue(mark)
        .map((c) => String(c.args.text))
        .join(),
    ).toMatch(/choose the new route/);
    expect(inDm(mark)).toHaveLength(0);

    mark = ws.fake.calls.length;
    await teamClick(query, "msk_reply_change", {
      route: "URGENT_APP",
      note: "Call Mrs Doe's GP surgery if worse",
    });
    const dm = inDm(mark);
    expect(dm.map((c) => String(c.args.text)).join()).toMatch(
      /changed the route to Urgent Advanced Practice/,
    );
    const outcome = dm.find(isOutcome);
    expect(
      (outcome?.args.metadata as { event_payload?: Record<string, unknown> } | undefined)?.event_payload,
    ).toMatchObject({
      route: "URGENT_APP",
      reviewedBy: "msk_team",
    });
    // The team's note is redacted like the clinician's question.
    const note = JSON.stringify(ws.fake.of("chat.update", mark).map((c) => c.args.blocks));
    expect(note).toMatch(/Route changed to Urgent Advanced Practice/);
    expect(note).not.toContain("Doe's");
  });

  it("`queue` lists an open query; someone outside MSK_TEAM_MEMBERS cannot answer it; Call me reaches the DM", async () => {
    const query = await triageAndAsk("skip");
    let mark = ws.fake.calls.length;
    await ws.command("queue", CHANNEL);
    expect(
      inQueue(mark)
        .map((c) => String(c.args.text))
        .join(),
    ).toMatch(/Open queries:\nQuery \d+: /);

    mark = ws.fake.calls.length;
    await teamClick(query, "msk_reply_call", {}, "U0SOMEONEELSE");
    expect(
      inQueue(mark)
        .map((c) => String(c.args.text))
        .join(),
    ).toMatch(/only members of the MSK team/);
    expect(ws.fake.of("chat.update", mark)).toHaveLength(0);
    expect(inDm(mark)).toHaveLength(0);

    mark = ws.fake.calls.length;
    await teamClick(query, "msk_reply_call");
    expect(
      inDm(mark)
        .map((c) => String(c.args.text))
        .join(),
    ).toMatch(/alex.physio would like to discuss it/);
  });

  it("a reply Slack refuses to deliver to the DM: the team is told in the channel", async () => {
    const query = await triageAndAsk("skip");
    const mark = ws.fake.calls.length;
    // Refused twice: the card, then the plain text the presenter falls back to.
    ws.fake.failures.set("chat.postMessage", "channel_not_found");
    ws.fake.failureCount.set("chat.postMessage", 2);
    await teamClick(query, "msk_reply_agree");
    expect(ws.fake.of("chat.update", mark)).toHaveLength(1);
    expect(
      inQueue(mark)
        .map((c) => String(c.args.text))
        .join(),
    ).toMatch(/could not be delivered to the clinician/);
    expect(inDm(mark).filter((c) => c.response.ok)).toHaveLength(0);
  });

  it("asked from a channel thread, the reply comes back to that thread", async () => {
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
    const outcome = played.outcomes.at(-1) as ApiCall;
    await ws.click(outcome, askButtonOf(outcome));
    let mark = ws.fake.calls.length;
    await ws.mention("skip", threadTs).res;
    const query = ws.fake
      .of("chat.postMessage", mark)
      .find((c) => c.args.channel === CHANNEL && !c.args.thread_ts);
    if (!query) throw new Error("no query posted at the top of the channel");
    mark = ws.fake.calls.length;
    await teamClick(query, "msk_reply_agree");
    const back = ws.fake.of("chat.postMessage", mark).filter((c) => c.args.thread_ts === threadTs);
    expect(back.map((c) => String(c.args.text)).join()).toMatch(/agrees with the route/);
  });

  it("nothing the clinician typed but the redacted question reaches the queue", () => {
    // The queue's own messages: top-level posts in its channel, and the updates of those posts.
    const posts = ws.fake
      .of("chat.postMessage")
      .filter((c) => c.args.channel === CHANNEL && !c.args.thread_ts);
    const ids = new Set(posts.map((c) => c.response.ts));
    const updates = ws.fake.of("chat.update").filter((c) => ids.has(c.args.ts));
    const toQueue = JSON.stringify([...posts, ...updates].map((c) => c.args));
    expect(toQueue).toContain("she cannot get to ED until tomorrow");
    for (const leaked of LEAKS) expect(toQueue).not.toMatch(new RegExp(`\\b${leaked}\\b`));
    expect(toQueue).not.toContain("since yesterday");
  });
});
