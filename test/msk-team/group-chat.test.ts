// A Teams group chat that is both the MSK team's queue and where a clinician runs a triage: the
// query, the answer and the reply all happen in one conversation, through the turn in progress
// (a proactive turn there would wait for it and never run).
import type { Activity } from "botbuilder";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Chat, triageInPersonalChat } from "./teams-triage.js";
import { BOT, MEMBER, TENANT, TeamsWorld } from "./teams-world.js";

const GROUP = "19:msk-group-chat@thread.v2";
const world = new TeamsWorld();
beforeAll(() => world.start());
afterAll(() => world.stop());

function groupChat(): Chat {
  return {
    id: GROUP,
    send: (m) =>
      world.post({
        from: MEMBER,
        conversation: { id: GROUP, conversationType: "groupChat", isGroup: true, tenantId: TENANT, name: "" },
        channelData: { tenant: { id: TENANT } },
        ...(m.text
          ? {
              text: `<at>${BOT.name}</at> ${m.text}`,
              entities: [{ type: "mention", mentioned: BOT, text: `<at>${BOT.name}</at>` }],
            }
          : { text: "" }),
        ...(m.value ? { value: m.value } : {}),
      } as Partial<Activity>),
  };
}

describe("a group chat that is the queue and where the question is asked", () => {
  it("posts the query there and brings the answer back there", { timeout: 30_000 }, async () => {
    const chat = groupChat();
    await chat.send({ text: "queue here" });
    const triage = await triageInPersonalChat(world, "triage", {}, chat);
    const ask = triage.actions.find((a) => a.data?.action === "askMskTeam")?.data;
    expect(ask).toBeDefined();
    await chat.send({ value: ask as Record<string, unknown> });
    let mark = world.connector.calls.length;
    await chat.send({ text: "skip" });
    const query = world.connector
      .postedTo(GROUP, mark)
      .find((c) => JSON.stringify(c.body).includes('"action":"mskReply"'));
    expect(query).toBeDefined();
    const card = (
      (query?.body.attachments ?? []) as Array<{
        content: { actions: Array<{ data: Record<string, unknown> }> };
      }>
    )[0];
    const agree = card?.content.actions[0]?.data as Record<string, unknown>;

    mark = world.connector.calls.length;
    await chat.send({ value: agree });
    expect(world.connector.of("update", mark).map((u) => u.activityId)).toEqual([query?.id]);
    expect(JSON.stringify(world.connector.postedTo(GROUP, mark))).toMatch(/agrees with the route/);
  });
});
