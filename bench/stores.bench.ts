import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadPack } from "../rules/packs/index.js";
import { answerFrom, play } from "../test/dialogs/clinician.js";
import { botClient } from "../test/http/bot-client.js";
import { startAzurite } from "../test/storage/azurite.js";
import { freePort } from "../test/storage/bots.js";
import { readVignettes } from "../test/vignettes/vignette-file.js";

// `npm run bench:stores`: N concurrent full triage conversations over HTTP (expectReplies) against
// the real bot server (its own process, loopback), once with STORAGE=memory and once with
// STORAGE=blob on Azurite. Prints turns/s, p50 and p99 latency, errors and server RSS for each.
// Nothing asserts.
//
//   BENCH_CONVERSATIONS (50)  concurrent conversations
//   BENCH_TURNS (1000)        turns per store

const N = Number(process.env.BENCH_CONVERSATIONS ?? 50);
const TURNS = Number(process.env.BENCH_TURNS ?? 1_000);
const TIME_CAP_MS = 180_000;
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const pack = loadPack("NEL");
const cases = readVignettes().filter((v) => v.region === "NEL");

async function startBot(env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--no-deprecation", "--import", "tsx", "src/index.ts"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "error",
      TRIAGE_REGION: "NEL",
      RATE_LIMIT_USER_PER_MINUTE: "100000",
      RATE_LIMIT_TENANT_PER_MINUTE: "1000000",
      ...env,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) return { child, base };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error("bot did not become ready");
}

function rssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};

class Budget extends Error {}

async function load(base: string, tag: string) {
  const latencies: number[] = [];
  let turns = 0;
  let errors = 0;
  const stopAt = Date.now() + TIME_CAP_MS;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: N }, async (_, slot) => {
      for (let r = 0; turns < TURNS && Date.now() < stopAt; r++) {
        const v = cases[(slot * 7 + r) % cases.length];
        if (!v) continue;
        const client = botClient(base, `${tag}-${slot}-${r}`);
        try {
          await play(
            async (a) => {
              if (turns >= TURNS) throw new Budget();
              const t = performance.now();
              const replies = await client.say(a);
              latencies.push(performance.now() - t);
              turns += 1;
              return replies;
            },
            pack,
            answerFrom(pack, v.findings, v.borough),
            { mode: "mixed" },
          );
        } catch (err) {
          if (!(err instanceof Budget)) errors += 1;
        }
      }
    }),
  );
  return { turns, errors, seconds: (performance.now() - t0) / 1000, latencies };
}

const azurite = await startAzurite();
try {
  for (const [label, env] of [
    ["memory", { STORAGE: "memory" }],
    [
      "blob",
      { STORAGE: "blob", BLOB_CONNECTION_STRING: azurite.connectionString, BLOB_CONTAINER: "bench-stores" },
    ],
  ] as const) {
    const { child, base } = await startBot(env);
    try {
      await load(base, `warm-${label}`); // warm-up: JIT, caches, container
      const run = await load(base, label);
      console.log(
        `${label.padEnd(7)} ${N} conversations  ${run.turns} turns in ${run.seconds.toFixed(1)} s  ` +
          `${(run.turns / run.seconds).toFixed(0)} turns/s  p50 ${percentile(run.latencies, 50).toFixed(1)} ms  ` +
          `p99 ${percentile(run.latencies, 99).toFixed(1)} ms  errors ${run.errors}  RSS ${rssMb(child.pid).toFixed(0)} MB`,
      );
    } finally {
      child.kill("SIGKILL");
    }
  }
} finally {
  await azurite.stop();
}
