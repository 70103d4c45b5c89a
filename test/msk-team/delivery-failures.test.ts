// When the connector refuses: a query that cannot be posted is kept and posted by the next
// reminder round; a reply that cannot be delivered is kept, the team is told, and the clinician's
// own conversation is left alone (no "triage reset" notice, no lost state).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageText, triageInPersonalChat } from "./teams-triage.js";
import { PERSONAL, TeamsWorld } from "./teams-world.js";

let now = new Date("2026-12-03T09:00:00Z");
const world = new TeamsWorld({ clock: () => now });
beforeAll(async () => {
  await world.start();
  await world.inChannel("queue here");
});
afterAll(() => world.stop());

const said = (from: number) =>
  world.connector
    .postedTo(PERSONAL, from)
    .map((c) => messageText(c.body))
    .join("\n");

async function askAndSkip(): Promise<number> {
  const triage = await triageInPersonalChat(world, "triage");
  const ask = triage.actions.find((a) => a.data?.action === "askMskTeam")?.data;
  if (!ask) throw new Error("no Ask the MSK team");
  await world.personal({ value: ask });
  const mark = world.connector.calls.length;
  await world.personal({ text: "skip" });
  return mark;
}

describe("MSK team queries when the connector refuses", () => {
  it("a query that cannot be posted is kept, the clinician is told, and the next round posts it", async () => {
    world.connector.refuse = (method, path) => method === "POST" && path === "/v3/conversations";
    const mark = await askAndSkip();
    world.connector.refuse = undefined;
    expect(said(mark)).toMatch(/saved but could not be posted/);
    expect(world.connector.of("create", mark)).toHaveLength(0);

    now = new Date(now.getTime() + 2 * 60_000);
    expect(await world.app?.mskTeam.remind()).toBe(1);
    const posted = world.connector.of("create", mark);
    expect(posted).toHaveLength(1);
    // Its first post is the query itself, not a reminder.
    expect(JSON.stringify(posted[0]?.body.activity)).not.toContain("Reminder");
  });

  it("a reply that cannot be delivered: the team is told, the clinician's chat is not reset", async () => {
    let mark = await askAndSkip();
    const created = world.connector.of("create", mark)[0];
    if (!created) throw new Error("no query posted");
    const agree = (
      created.body.activity as {
        attachments: Array<{ content: { actions: Array<{ data: Record<string, unknown> }> } }>;
      }
    ).attachments[0]?.content.actions[0]?.data as Record<string, unknown>;

    // The clinician is half-way through a new triage when the reply comes.
    await world.personal({ text: "triage" });
    world.connector.refuse = (method, path) => method === "POST" && path.includes(PERSONAL);
    mark = world.connector.calls.length;
    await world.clickInChannel(created.conversationId, created.id, agree);
    world.connector.refuse = undefined;
    expect(JSON.stringify(world.connector.postedTo(created.conversationId, mark))).toMatch(
      /could not be delivered to the clinician/,
    );
    expect(world.connector.of("update", mark)).toHaveLength(1);
    // Nothing reached the clinician's chat, not even a "something went wrong" notice.
    expect(world.connector.postedTo(PERSONAL, mark)).toHaveLength(0);
    // Their triage is still running: an answer gets the next question, not "no triage running".
    mark = world.connector.calls.length;
    await world.personal({ text: "no" });
    expect(said(mark)).not.toMatch(/There is no triage running|something went wrong/);
  });
});
