import { MemoryStorage } from "botbuilder";
import { triageInPersonalChat } from "../test/msk-team/teams-triage.js";
import { TeamsWorld } from "../test/msk-team/teams-world.js";
import type { ConnectorCall } from "../test/teams/fake-connector.js";

// `npm run bench:msk-team`: how long the MSK team's turns take over HTTP against the loopback fake
// Bot Framework connector (in-memory state): the clinician's question until the query is posted to
// the channel, and a team member's Agree until the query is updated and the reply delivered; then
// one reminder round over many open queries. Prints figures; nothing here asserts.

const QUERIES = Number(process.env.BENCH_QUERIES ?? 20);
const OPEN_FOR_REMINDERS = Number(process.env.BENCH_OPEN ?? 20);

let now = new Date("2026-12-03T09:00:00Z");
const storage = new MemoryStorage();
const world = new TeamsWorld({ storage, clock: () => now });
await world.start();
await world.inChannel("queue here");

const asks: number[] = [];
const replies: number[] = [];
for (let i = 0; i < QUERIES; i++) {
  const triage = await triageInPersonalChat(world, "triage");
  const ask = triage.actions.find((a) => a.data?.action === "askMskTeam")?.data;
  if (!ask) throw new Error("no Ask the MSK team");
  await world.personal({ value: ask });
  const mark = world.connector.calls.length;
  let t0 = performance.now();
  await world.personal({ text: "Could this wait for a routine slot?" });
  asks.push(performance.now() - t0);
  const created = world.connector.of("create", mark)[0] as ConnectorCall;
  const activity = created.body.activity as {
    attachments: Array<{ content: { actions: Array<{ data: Record<string, unknown> }> } }>;
  };
  const agree = activity.attachments[0]?.content.actions[0]?.data as Record<string, unknown>;
  t0 = performance.now();
  await world.clickInChannel(created.conversationId, created.id, agree);
  replies.push(performance.now() - t0);
}

// Open queries for the reminder round: ask without answering, then move the clock on.
for (let i = 0; i < OPEN_FOR_REMINDERS; i++) {
  const triage = await triageInPersonalChat(world, "triage");
  const ask = triage.actions.find((a) => a.data?.action === "askMskTeam")?.data;
  if (ask) await world.personal({ value: ask });
  await world.personal({ text: "skip" });
}
now = new Date(now.getTime() + 31 * 60_000);
const t0 = performance.now();
const reposted = (await world.app?.mskTeam.remind()) ?? 0;
const roundMs = performance.now() - t0;
await world.stop();

const stat = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
  return `median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms (n=${s.length})`;
};
console.log(`question typed -> query posted to the channel   ${stat(asks)}`);
console.log(`Agree pressed -> query updated + reply delivered ${stat(replies)}`);
console.log(`reminder round, ${reposted} queries reposted        ${roundMs.toFixed(1)} ms`);
