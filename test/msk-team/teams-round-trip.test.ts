// The MSK team round trip on Teams, over HTTP: the queue set in the team's channel, a triage in a
// clinician's personal chat, "Ask the MSK team", the query posted to the channel through the
// (fake) Bot Framework connector, Agree and Change route pressed in the channel, and the replies
// arriving proactively in the clinician's chat.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConnectorCall } from "../teams/fake-connector.js";
import { messageText, textOf, triageInPersonalChat } from "./teams-triage.js";
import { CLINICIAN, MEMBER, OUTSIDER, PERSONAL, TEAM_CHANNEL, TeamsWorld } from "./teams-world.js";

const world = new TeamsWorld({ env: { MSK_TEAM_MEMBERS: `${MEMBER.aadObjectId}, aad-member-2` } });
beforeAll(() => world.start());
afterAll(() => world.stop());

const NHS = "943 476 5919";
const FIRST =
  "is this urgent APP? Mr John Smith, NHS 943 476 5919, 58 year old man with low back pain and new saddle numbness";
const QUESTION = "Mr John Smith (NHS 943 476 5919) is anxious: is ED right, or could an urgent scan do?";

function cardOf(call: ConnectorCall | undefined): Record<string, unknown> {
  const activity = (call?.body.activity ?? call?.body) as {
    attachments?: Array<{ content: Record<string, unknown> }>;
  };
  const card = activity?.attachments?.[0]?.content;
  if (!card) throw new Error(`no card in ${JSON.stringify(call).slice(0, 300)}`);
  return card;
}

function texts(calls: ConnectorCall[]): string[] {
  return calls.map((c) => messageText(c.body));
}

async function askTeam(question: string): Promise<ConnectorCall> {
  const triage = await triageInPersonalChat(world, FIRST);
  // The outcome entity keeps its fields through the connector client's serialiser.
  const entity = (triage.outcome.entities as Array<Record<string, unknown>>).find(
    (e) => e.type === "mskTriageOutcome",
  );
  expect(entity?.route).toEqual(expect.any(String));
  expect(entity?.rulesVersion).toEqual(expect.any(String));
  const ask = triage.actions.find((a) => a.data?.action === "askMskTeam");
  expect(ask?.title).toBe("Ask the MSK team");
  let mark = world.connector.calls.length;
  await world.personal({ value: ask?.data as Record<string, unknown> });
  expect(texts(world.connector.postedTo(PERSONAL, mark)).join("\n")).toMatch(
    /Type your question for the MSK team/,
  );
  mark = world.connector.calls.length;
  await world.personal({ text: question });
  const created = world.connector.of("create", mark);
  expect(created).toHaveLength(1);
  expect(texts(world.connector.postedTo(PERSONAL, mark)).join("\n")).toMatch(
    /Sent to the MSK team as query \d+/,
  );
  return created[0] as ConnectorCall;
}

describe("the MSK team's queue in a Teams channel", () => {
  it("is set with 'queue here' by a member, and refused politely to anyone else", async () => {
    let mark = world.connector.calls.length;
    await world.inChannel("queue here", OUTSIDER, "1700000000002");
    expect(texts(world.connector.postedTo(`${TEAM_CHANNEL};messageid=1700000000002`, mark)).join()).toMatch(
      /only members of the MSK team/,
    );
    mark = world.connector.calls.length;
    await world.inChannel("queue here");
    const confirm = texts(world.connector.postedTo(`${TEAM_CHANNEL};messageid=1700000000001`, mark)).join();
    expect(confirm).toMatch(/now the North East London MSK query queue|now the .* MSK query queue/);
  });

  it("a query goes to the channel as a new post, anonymised, and an Agree comes back to the clinician's chat", async () => {
    const created = await askTeam(QUESTION);
    // A new post in the team's channel, through the connector at the queue's serviceUrl.
    expect((created.body.channelData as { channel: { id: string } }).channel.id).toBe(TEAM_CHANNEL);
    const card = cardOf(created);
    const cardText = JSON.stringify(card);
    expect(cardText).toMatch(/MSK query \d+/);
    expect(cardText).toContain("Saddle");
    expect(cardText).toContain("is anxious: is ED right, or could an urgent scan do?");
    const replies = (card.actions as Array<{ data: Record<string, unknown> }>).map((a) => a.data);
    const queryId = replies[0]?.queryId as string;
    expect(replies).toEqual([
      { action: "mskReply", queryId, reply: "agree" },
      { action: "mskReply", queryId, reply: "change" },
      { action: "mskReply", queryId, reply: "call" },
    ]);

    // A reply made up outside the team's channel is turned away.
    let mark = world.connector.calls.length;
    const memberChat = "a:1personal-chat-of-the-physio-lead";
    await world.post({
      from: MEMBER,
      conversation: { id: memberChat, conversationType: "personal", isGroup: false, name: "" },
      value: replies[0],
    } as Parameters<TeamsWorld["post"]>[0]);
    expect(texts(world.connector.postedTo(memberChat, mark)).join()).toMatch(/answered on the query itself/);
    expect(world.connector.of("update", mark)).toHaveLength(0);

    // An outsider cannot answer; the query stays open.
    mark = world.connector.calls.length;
    await world.clickInChannel(
      created.conversationId,
      created.id,
      replies[0] as Record<string, unknown>,
      OUTSIDER,
    );
    expect(texts(world.connector.postedTo(created.conversationId, mark)).join()).toMatch(/only members/);
    expect(world.connector.postedTo(PERSONAL, mark)).toHaveLength(0);

    mark = world.connector.calls.length;
    await world.clickInChannel(created.conversationId, created.id, {
      ...(replies[0] as Record<string, unknown>),
      route: "",
      note: "",
    });
    // Updated in place: who answered and when, no buttons left.
    const updates = world.connector.of("update", mark);
    expect(updates.map((u) => u.activityId)).toEqual([created.id]);
    const answered = cardOf(updates[0]);
    expect(JSON.stringify(answered)).toMatch(/Agreed by Alex Physio, \d+ \w+ \d{4}, \d\d:\d\d UTC/);
    expect(answered.actions).toEqual([]);
    // The clinician's chat gets the reply, proactively.
    const back = texts(world.connector.postedTo(PERSONAL, mark)).join("\n");
    expect(back).toMatch(/The MSK team answered query \d+ .*Alex Physio agrees with the route/);

    // The audit hears of the query when asked and again when answered, with no text or people.
    const events = world.queryEvents.filter((e) => e.queryId === queryId);
    expect(events).toEqual([
      { triageId: expect.any(String), queryId, askedAt: expect.any(Date) },
      {
        triageId: events[0]?.triageId,
        queryId,
        askedAt: events[0]?.askedAt,
        repliedAt: expect.any(Date),
        reply: "agree",
      },
    ]);

    // A second press (another member, or a double click) changes nothing.
    mark = world.connector.calls.length;
    await world.clickInChannel(created.conversationId, created.id, replies[2] as Record<string, unknown>);
    expect(texts(world.connector.postedTo(created.conversationId, mark)).join()).toMatch(/already answered/);
    expect(world.connector.postedTo(PERSONAL, mark)).toHaveLength(0);
  });

  it("Change route sends the clinician a new outcome marked as reviewed by the MSK team", async () => {
    const created = await askTeam("skip");
    expect(JSON.stringify(cardOf(created))).toContain("No question");
    const card = cardOf(created);
    const choices = JSON.stringify(card.body);
    expect(choices).toContain('"id":"route"');
    expect(choices).toContain('"id":"note"');
    const change = (card.actions as Array<{ data: Record<string, unknown> }>)[1]?.data as Record<
      string,
      unknown
    >;

    let mark = world.connector.calls.length;
    await world.clickInChannel(created.conversationId, created.id, { ...change, route: "", note: "x" });
    expect(texts(world.connector.postedTo(created.conversationId, mark)).join()).toMatch(
      /choose the new route/,
    );

    mark = world.connector.calls.length;
    await world.clickInChannel(created.conversationId, created.id, {
      ...change,
      route: "URGENT_APP",
      note: "Seen similar: urgent APP today, ED if any bladder change.",
    });
    const back = world.connector.postedTo(PERSONAL, mark);
    expect(texts(back).join("\n")).toMatch(/changed the route to Urgent Advanced Practice Physiotherapy/);
    const outcome = back.find((c) =>
      (c.body.entities as Array<{ type: string }> | undefined)?.some((e) => e.type === "mskTriageOutcome"),
    );
    const entity = ((outcome?.body.entities ?? []) as Array<Record<string, unknown>>).find(
      (e) => e.type === "mskTriageOutcome",
    );
    expect(entity).toMatchObject({ type: "mskTriageOutcome", route: "URGENT_APP", reviewedBy: "msk_team" });
    expect(JSON.stringify(outcome?.body)).toContain("Changed on review by the MSK team");
    const updated = cardOf(world.connector.of("update", mark)[0]);
    expect(JSON.stringify(updated)).toMatch(
      /Route changed to Urgent Advanced Practice Physiotherapy \(tier 2\) by Alex Physio/,
    );
  });

  it("nothing the clinician typed but the redacted question reaches the queue", () => {
    const toQueue = world.connector.calls.filter((c) => c.conversationId.startsWith(TEAM_CHANNEL));
    expect(toQueue.length).toBeGreaterThan(3);
    const all = textOf(toQueue);
    for (const leaked of ["Smith", "John", NHS, NHS.replaceAll(" ", ""), CLINICIAN.name, "58 year old"])
      expect(all).not.toContain(leaked);
  });

  it("'queue' lists open queries and 'queue off' removes the button from new outcomes", async () => {
    let mark = world.connector.calls.length;
    await world.inChannel("queue", MEMBER, "1700000000003");
    expect(texts(world.connector.postedTo(`${TEAM_CHANNEL};messageid=1700000000003`, mark)).join()).toMatch(
      /No open queries/,
    );
    mark = world.connector.calls.length;
    await world.inChannel("queue off", MEMBER, "1700000000003");
    expect(texts(world.connector.postedTo(`${TEAM_CHANNEL};messageid=1700000000003`, mark)).join()).toMatch(
      /queue is off/,
    );
    const triage = await triageInPersonalChat(world, "triage");
    expect(triage.actions.map((a) => a.data?.action)).not.toContain("askMskTeam");
  });
});
