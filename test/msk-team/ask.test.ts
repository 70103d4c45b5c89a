// The clinician's side of a query, at its edges: no queue, a question too long, identifiers in the
// question, a command instead of a question, and queue commands typed where they do not belong.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageText, triageInPersonalChat } from "./teams-triage.js";
import { PERSONAL, TEAM_CHANNEL, TeamsWorld } from "./teams-world.js";

const world = new TeamsWorld();
beforeAll(() => world.start());
afterAll(() => world.stop());

const said = (from: number) =>
  world.connector
    .postedTo(PERSONAL, from)
    .map((c) => messageText(c.body))
    .join("\n");

async function askFromNewOutcome(): Promise<void> {
  const triage = await triageInPersonalChat(world, "triage");
  const ask = triage.actions.find((a) => a.data?.action === "askMskTeam");
  if (!ask?.data) throw new Error("no Ask the MSK team on the outcome");
  await world.personal({ value: ask.data });
}

describe("asking the MSK team", () => {
  it("without a queue the outcome has no button, and an old button sends nothing", async () => {
    const triage = await triageInPersonalChat(world, "triage");
    expect(triage.actions.map((a) => a.data?.action)).not.toContain("askMskTeam");
    const mark = world.connector.calls.length;
    await world.personal({ value: { action: "askMskTeam" } });
    expect(said(mark)).toMatch(/no MSK team query queue/);
    expect(world.connector.of("create", mark)).toHaveLength(0);
  });

  it("'queue here' in a personal chat points to the team's channel", async () => {
    const mark = world.connector.calls.length;
    await world.personal({ text: "queue here" });
    expect(said(mark)).toMatch(/lives in the team's channel or group chat/);
    await world.inChannel("queue here");
  });

  it("a question over 500 characters is asked again; identifiers are removed and the clinician told", async () => {
    await askFromNewOutcome();
    let mark = world.connector.calls.length;
    await world.personal({ text: "Could this wait? ".repeat(40) });
    expect(said(mark)).toMatch(/That is \d+ characters; the MSK team's limit is 500/);
    expect(world.connector.of("create", mark)).toHaveLength(0);

    mark = world.connector.calls.length;
    await world.personal({ text: "Mr Patel (DOB 01/02/1960) asks if this can wait" });
    expect(said(mark)).toMatch(/removed patient identifiers/);
    const posted = JSON.stringify(world.connector.of("create", mark).map((c) => c.body));
    expect(posted).toContain("asks if this can wait");
    expect(posted).not.toContain("Patel");
    expect(posted).not.toContain("01/02/1960");
  });

  it("the same outcome is not sent twice", async () => {
    const mark = world.connector.calls.length;
    // The outcome just asked about: its button again.
    await world.personal({ value: { action: "askMskTeam" } });
    expect(said(mark)).toMatch(/already sent to the MSK team as query \d+/);
  });

  it("a command instead of a question sends nothing and still works", async () => {
    await askFromNewOutcome();
    const mark = world.connector.calls.length;
    await world.personal({ text: "help" });
    expect(said(mark)).toMatch(/Nothing was sent to the MSK team/);
    expect(world.connector.of("create", mark)).toHaveLength(0);
    const help = world.connector
      .postedTo(PERSONAL, mark)
      .some((c) => JSON.stringify(c.body).includes("How to use"));
    expect(help).toBe(true);
  });

  it("another button while the question is awaited: nothing is sent, and later typing is not taken as the question", async () => {
    await askFromNewOutcome();
    let mark = world.connector.calls.length;
    await world.personal({ value: { command: "triage" } });
    expect(said(mark)).toMatch(/Nothing was sent to the MSK team/);
    mark = world.connector.calls.length;
    await world.personal({ text: "no" });
    expect(world.connector.of("create", mark)).toHaveLength(0);
    expect(said(mark)).not.toMatch(/Sent to the MSK team/);
  });

  it("'queue off' outside the queue's channel is turned away", async () => {
    const mark = world.connector.calls.length;
    await world.post({
      from: { id: "29:x", name: "X" },
      conversation: { id: "19:group@thread.v2", conversationType: "groupChat", isGroup: true, name: "" },
      text: "<at>MSK Triage</at> queue off",
      entities: [
        {
          type: "mention",
          mentioned: { id: "28:msk-triage-bot", name: "MSK Triage" },
          text: "<at>MSK Triage</at>",
        },
      ],
    });
    expect(JSON.stringify(world.connector.postedTo("19:group@thread.v2", mark))).toMatch(
      /not the MSK query queue/,
    );
    expect(world.connector.postedTo(`${TEAM_CHANNEL};messageid=1700000000001`, mark)).toHaveLength(0);
  });
});
