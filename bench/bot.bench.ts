import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Activity } from "botbuilder";
import { loadPack } from "../rules/packs/index.js";
import { answerFrom, play } from "../test/dialogs/clinician.js";
import { botClient } from "../test/http/bot-client.js";
import { freePort } from "../test/storage/bots.js";
import { readVignettes } from "../test/vignettes/vignette-file.js";

// `npm run bench:bot`: N concurrent full triage conversations over HTTP (expectReplies) against
// the real bot server, then the same number of turns against a minimal echo bot on the same
// botbuilder + restify stack. Each server is its own process on loopback. Prints turns/s, p50/p99
// latency and server memory for both, and the ratios. Nothing asserts: the figures are printed for comparison.
//
//   BENCH_CONVERSATIONS (50)  concurrent conversations
//   BENCH_ROUNDS (3)          phases of N x 20 turns, alternating between the triage and echo bots
//   BENCH_CPU_PROF=<dir>      write a --cpu-prof profile of the bot server there

const N = Number(process.env.BENCH_CONVERSATIONS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PHASE_TURNS = N * 20;
const TIME_CAP_MS = 180_000;
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const pack = loadPack("NEL");
const cases = readVignettes().filter((v) => v.region === "NEL");

interface Run {
  turns: number;
  errors: number;
  seconds: number;
  latencies: number[];
  /** CPU seconds used by the server process and by this load-generating process during the phase. */
  serverCpu?: number;
  clientCpu?: number;
}

/** CPU seconds (user + system) a process has used so far, from /proc. */
function cpuSeconds(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Runs a phase and records how much CPU the server and this client used for it. */
async function measured(pid: number | undefined, phase: () => Promise<Run>): Promise<Run> {
  const s0 = cpuSeconds(pid);
  const c0 = process.cpuUsage();
  const run = await phase();
  const c = process.cpuUsage(c0);
  return { ...run, serverCpu: cpuSeconds(pid) - s0, clientCpu: (c.user + c.system) / 1e6 };
}

async function startServer(
  script: string,
  extraArgs: string[] = [],
): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--no-deprecation", ...extraArgs, "--import", "tsx", script], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "error",
      TRIAGE_REGION: "NEL",
      STORAGE: "memory",
      // Anonymous local mode whatever a .env file says (dotenv never overrides a set variable).
      MicrosoftAppId: "",
      MicrosoftAppPassword: "",
      SLACK_BOT_TOKEN: "",
      SLACK_SIGNING_SECRET: "",
      // Every bench conversation is one clinician: the per-user limit would otherwise be the bench.
      RATE_LIMIT_USER_PER_MINUTE: "100000",
      RATE_LIMIT_TENANT_PER_MINUTE: "1000000",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { child, base };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`${script} did not become healthy`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
}

function memory(pid: number | undefined): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}

function timed(
  say: (a: Partial<Activity>) => Promise<Array<Partial<Activity>>>,
  latencies: number[],
  counter: { turns: number },
) {
  return async (a: Partial<Activity>) => {
    const t0 = performance.now();
    const replies = await say(a);
    latencies.push(performance.now() - t0);
    counter.turns += 1;
    return replies;
  };
}

class BudgetReached extends Error {}

/**
 * N slots, each playing whole triages back to back (each in a new conversation) until the phase's
 * turn budget is spent, so all N conversations stay active for the whole phase, as in echoLoad.
 * (Running one triage per slot would leave the short triages idle while the longest one finishes.)
 */
async function triageLoad(base: string, budget: number, tag: string, offset = 0): Promise<Run> {
  const latencies: number[] = [];
  const counter = { turns: 0 };
  let errors = 0;
  const stopAt = Date.now() + TIME_CAP_MS;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: N }, async (_, slot) => {
      for (let r = 0; counter.turns < budget && Date.now() < stopAt; r++) {
        const v = cases[(slot * 7 + r + offset) % cases.length];
        if (!v) continue;
        const client = botClient(base, `${tag}-${slot}-${r}`);
        const say = timed(client.say, latencies, counter);
        try {
          const played = await play(
            async (a) => {
              if (counter.turns >= budget) throw new BudgetReached();
              return say(a);
            },
            pack,
            answerFrom(pack, v.findings, v.borough),
            { mode: "mixed" },
          );
          if (!played.outcome) errors += 1;
        } catch (err) {
          if (err instanceof BudgetReached) return;
          errors += 1;
        }
      }
    }),
  );
  return { turns: counter.turns, errors, seconds: (performance.now() - t0) / 1000, latencies };
}

/** The same number of turns against the echo bot, spread over N concurrent conversations. */
async function echoLoad(base: string, turns: number, tag: string): Promise<Run> {
  const latencies: number[] = [];
  const counter = { turns: 0 };
  let errors = 0;
  const perSlot = Math.ceil(turns / N);
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: N }, async (_, slot) => {
      const client = botClient(base, `${tag}-${slot}`);
      const say = timed(client.say, latencies, counter);
      for (let i = 0; i < perSlot; i++) {
        try {
          const replies = await say({ text: `message ${i}` });
          if (replies.length !== 1) errors += 1;
        } catch {
          errors += 1;
        }
      }
    }),
  );
  return { turns: counter.turns, errors, seconds: (performance.now() - t0) / 1000, latencies };
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
}

function report(label: string, run: Run, mem: { rss: number; peak: number }) {
  const rate = run.turns / run.seconds;
  console.log(
    `${label.padEnd(10)} ${String(run.turns).padStart(6)} turns in ${run.seconds.toFixed(2).padStart(6)} s  ` +
      `${rate.toFixed(0).padStart(6)} turns/s  p50 ${percentile(run.latencies, 50).toFixed(1).padStart(6)} ms  ` +
      `p99 ${percentile(run.latencies, 99).toFixed(1).padStart(6)} ms  errors ${run.errors}  ` +
      `RSS ${mem.rss.toFixed(0)} MB (peak ${mem.peak.toFixed(0)} MB)`,
  );
  const perTurn = (cpu = 0) => ((cpu * 1000) / run.turns).toFixed(2);
  console.log(
    `${"".padEnd(10)} CPU per turn: server ${perTurn(run.serverCpu)} ms, load generator ${perTurn(run.clientCpu)} ms ` +
      `(server busy ${((100 * (run.serverCpu ?? 0)) / run.seconds).toFixed(0)}% of one core)`,
  );
  return { rate, p99: percentile(run.latencies, 99) };
}

const prof = process.env.BENCH_CPU_PROF;
const bot = await startServer("src/index.ts", prof ? ["--cpu-prof", `--cpu-prof-dir=${prof}`] : []);
const echo = await startServer("bench/echo-bot.ts");
try {
  console.log(
    `node ${process.version}, ${N} concurrent conversations, ${ROUNDS} phases of ${PHASE_TURNS} turns per bot, loopback HTTP`,
  );
  // Warm-up: JIT, pack caches, sockets.
  await triageLoad(bot.base, N * 10, "warm");
  await echoLoad(echo.base, N * 20, "warm");

  // Alternate short phases (a turn budget for the triage bot, then as many echo turns) so both
  // bots meet the same background load on a shared machine, then pool the figures.
  const botRun: Run = { turns: 0, errors: 0, seconds: 0, latencies: [] };
  const echoRun: Run = { turns: 0, errors: 0, seconds: 0, latencies: [] };
  for (let r = 0; r < ROUNDS; r++) {
    const b = await measured(bot.child.pid, () => triageLoad(bot.base, PHASE_TURNS, `bench-${r}`, r * N));
    const e = await measured(echo.child.pid, () => echoLoad(echo.base, b.turns, `bench-${r}`));
    for (const [into, from] of [
      [botRun, b],
      [echoRun, e],
    ] as const) {
      into.turns += from.turns;
      into.errors += from.errors;
      into.seconds += from.seconds;
      into.latencies.push(...from.latencies);
      into.serverCpu = (into.serverCpu ?? 0) + (from.serverCpu ?? 0);
      into.clientCpu = (into.clientCpu ?? 0) + (from.clientCpu ?? 0);
    }
  }
  const botMem = memory(bot.child.pid);
  const echoMem = memory(echo.child.pid);

  const b = report("triage bot", botRun, botMem);
  const e = report("echo bot", echoRun, echoMem);
  const throughput = b.rate / e.rate;
  const p99 = b.p99 / e.p99;
  console.log(
    `ratio      throughput ${throughput.toFixed(2)}x echo (target >= 0.8), p99 ${p99.toFixed(2)}x echo (target <= 1.5), ` +
      `errors ${botRun.errors + echoRun.errors} (target 0)`,
  );
  console.log(
    throughput >= 0.8 && p99 <= 1.5 && botRun.errors + echoRun.errors === 0
      ? "targets met"
      : "targets NOT met",
  );
} finally {
  await stop(bot.child);
  await stop(echo.child);
}
