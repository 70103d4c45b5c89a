// An MSK team query from end to end into governance: a triage in a clinician's Teams chat over
// the (fake) Bot Framework connector, "Ask the MSK team", a member's Agree in the team's channel,
// with the audit in Azurite's table service; then `npm run report` must count the query, its
// reply and its response time, and nothing typed (the question, the NHS number) may reach the store.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageText, triageInPersonalChat } from "../msk-team/teams-triage.js";
import { MEMBER, PERSONAL, TEAM_CHANNEL, TeamsWorld } from "../msk-team/teams-world.js";
import { type AzuriteService, connectionString, startService } from "./azurite-services.js";

const TABLE = "auditMskQueryTest";
const NHS = "943 476 5919";
const QUESTION = `Patient NHS ${NHS} asks whether the scan could be sooner`;

let table: AzuriteService;
let world: TeamsWorld;
let env: Record<string, string>;

beforeAll(async () => {
  table = await startService("table");
  env = {
    AUDIT: "table",
    AUDIT_TABLE: TABLE,
    AUDIT_CONNECTION_STRING: connectionString(undefined, table.port),
  };
  world = new TeamsWorld({ env: { ...env, MSK_TEAM_MEMBERS: MEMBER.aadObjectId } });
  await world.start();
}, 60_000);

afterAll(async () => {
  await world?.stop();
  await table?.stop("SIGKILL");
});

function report(): {
  msk: {
    queries: number;
    replied: number;
    byReply: Record<string, number>;
    responseMinutes: { median?: number; buckets: Array<{ count: number }> };
  };
} {
  const today = new Date().toISOString().slice(0, 10);
  const r = spawnSync("npm", ["run", "--silent", "report", "--", "--json", "--from", today, "--to", today], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`report exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe("an MSK team query in the governance report", () => {
  it("is counted with its reply and response time, and its typed text never reaches the store", async () => {
    await world.inChannel("queue here");
    const triage = await triageInPersonalChat(
      world,
      "is this urgent APP? low back pain with new saddle numbness",
    );
    const ask = triage.actions.find((a) => a.data?.action === "askMskTeam");
    expect(ask).toBeDefined();
    await world.personal({ value: ask?.data as Record<string, unknown> });
    let mark = world.connector.calls.length;
    await world.personal({ text: QUESTION });
    const [created] = world.connector.of("create", mark);
    if (!created) throw new Error("the query was not posted to the team's channel");
    expect((created.body.channelData as { channel: { id: string } }).channel.id).toBe(TEAM_CHANNEL);
    const card = (created.body.activity ?? created.body) as {
      attachments: Array<{ content: { actions: Array<{ data: Record<string, unknown> }> } }>;
    };
    const agree = card.attachments[0]?.content.actions.find((a) => a.data.reply === "agree")?.data;
    mark = world.connector.calls.length;
    await world.clickInChannel(created.conversationId, created.id, { ...agree, route: "", note: "" });
    expect(
      world.connector
        .postedTo(PERSONAL, mark)
        .map((c) => messageText(c.body))
        .join(),
    ).toMatch(/agrees with the route/);
    await world.app?.audit.flush();

    const figures = report();
    expect(figures.msk.queries).toBe(1);
    expect(figures.msk.replied).toBe(1);
    expect(figures.msk.byReply).toEqual({ agree: 1 });
    const spread = figures.msk.responseMinutes;
    expect(spread.median).toEqual(expect.any(Number));
    expect(spread.buckets.reduce((n, b) => n + b.count, 0)).toBe(1);

    // SIGINT: Azurite saves its database on the way out, so its files hold everything stored.
    await table.stop("SIGINT");
    const stored = filesUnder(table.location)
      .map((file) => readFileSync(file).toString("utf8"))
      .join("\n");
    // Control: the query's audit fields are in these files, so the search below can find text.
    expect(stored).toContain('"mskReply":"agree"');
    for (const typed of [NHS, NHS.replaceAll(" ", ""), "scan could be sooner"])
      expect(stored).not.toContain(typed);
  }, 120_000);
});
