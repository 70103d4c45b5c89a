// The queue and its queries live in the shared store: with blob storage (Azurite) a query asked on
// one bot instance is answered on another, an instance started later still knows the queue, and
// a reminder is posted once however many instances run the reminder round.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Azurite, startAzurite } from "../storage/azurite.js";
import { blobEnv } from "../storage/bots.js";
import type { ConnectorCall } from "../teams/fake-connector.js";
import { messageText, triageInPersonalChat } from "./teams-triage.js";
import { PERSONAL, TEAM_CHANNEL, TeamsWorld } from "./teams-world.js";

let azurite: Azurite;
let now = new Date("2026-12-03T09:00:00Z");
const clock = () => now;
const worlds: TeamsWorld[] = [];

async function instance(first?: TeamsWorld): Promise<TeamsWorld> {
  const w = new TeamsWorld({
    env: { ...blobEnv(azurite.connectionString, "msk-team-instances"), MSK_REMINDER_MINUTES: "30" },
    clock,
    ...(first ? { connector: first.connector } : {}),
  });
  await w.start();
  worlds.push(w);
  return w;
}

beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  for (const w of worlds.reverse()) await w.stop().catch(() => undefined);
  await azurite?.stop();
});

function replyData(created: ConnectorCall, reply: "agree" | "change" | "call"): Record<string, unknown> {
  const card = (
    created.body.activity as {
      attachments: Array<{ content: { actions: Array<{ data: Record<string, unknown> }> } }>;
    }
  ).attachments[0]?.content;
  const data = card?.actions.find((a) => a.data.reply === reply)?.data;
  if (!data) throw new Error("no reply button");
  return data;
}

async function ask(w: TeamsWorld): Promise<ConnectorCall> {
  const triage = await triageInPersonalChat(
    w,
    "is this urgent APP? 61, thoracic back pain, known prostate cancer",
  );
  const askData = triage.actions.find((a) => a.data?.action === "askMskTeam")?.data;
  expect(askData).toBeDefined();
  await w.personal({ value: askData as Record<string, unknown> });
  const mark = w.connector.calls.length;
  await w.personal({ text: "skip" });
  const created = w.connector.of("create", mark);
  expect(created).toHaveLength(1);
  return created[0] as ConnectorCall;
}

describe("MSK team queries across bot instances (blob storage)", () => {
  it("a query asked on one instance is answered on another, and one started later knows the queue", async () => {
    const a = await instance();
    const b = await instance(a);
    await a.inChannel("queue here");
    const created = await ask(b);

    // A third instance, started after the queue was set and the query asked, takes the reply.
    const c = await instance(a);
    const mark = a.connector.calls.length;
    await c.clickInChannel(created.conversationId, created.id, replyData(created, "agree"));
    expect(a.connector.of("update", mark).map((u) => u.activityId)).toEqual([created.id]);
    const back = a.connector.postedTo(PERSONAL, mark).map((x) => messageText(x.body));
    expect(back.join()).toMatch(/agrees with the route/);
  });

  it("an unanswered query is posted again once after MSK_REMINDER_MINUTES, and the answer updates every post", async () => {
    const [a, b] = worlds as [TeamsWorld, TeamsWorld];
    const created = await ask(a);
    let mark = a.connector.calls.length;
    now = new Date(now.getTime() + 29 * 60_000);
    expect(await b.app?.mskTeam.remind()).toBe(0);

    now = new Date(now.getTime() + 2 * 60_000);
    const rounds = await Promise.all(worlds.map((w) => w.app?.mskTeam.remind()));
    expect(rounds.reduce((n: number, r) => n + (r ?? 0), 0)).toBe(1);
    const reminders = a.connector.of("create", mark);
    expect(reminders).toHaveLength(1);
    const reminder = reminders[0] as ConnectorCall;
    expect((reminder.body.channelData as { channel: { id: string } }).channel.id).toBe(TEAM_CHANNEL);
    expect(JSON.stringify(reminder.body.activity)).toMatch(/Reminder: MSK query \d+ is still open/);

    // Not again until another interval has passed.
    expect(await a.app?.mskTeam.remind()).toBe(0);

    mark = a.connector.calls.length;
    await b.clickInChannel(reminder.conversationId, reminder.id, replyData(reminder, "call"));
    const updated = a.connector
      .of("update", mark)
      .map((u) => u.activityId)
      .sort();
    expect(updated).toEqual([created.id, reminder.id].sort());
    expect(
      a.connector
        .postedTo(PERSONAL, mark)
        .map((x) => messageText(x.body))
        .join(),
    ).toMatch(/would like to discuss it\. Please call them/);
    now = new Date(now.getTime() + 60 * 60_000);
    expect(await a.app?.mskTeam.remind()).toBe(0);
  });
});
