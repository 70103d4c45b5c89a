// Turn latency with memory vs blob (Azurite) storage, measured over HTTP with expectReplies.
// Not a test (no timing assertions in tests): `npx tsx test/storage/measure-latency.ts`.
import { performance } from "node:perf_hooks";
import { startAzurite } from "./azurite.js";
import { blobEnv, startApp } from "./bots.js";
import { answerFor, pendingQuestion, TriageClient } from "./triage-client.js";

const TURNS = 20;
const CONVERSATIONS = 5;

async function measure(env: Record<string, string>): Promise<number[]> {
  const bot = await startApp(env);
  const times: number[] = [];
  try {
    for (let c = 0; c < CONVERSATIONS; c++) {
      const client = new TriageClient(`latency-${c}-${Date.now()}`);
      let t = performance.now();
      let replies = await client.send(bot.url, { text: "triage" });
      times.push(performance.now() - t);
      for (let i = 1; i < TURNS; i++) {
        const q = pendingQuestion(replies);
        if (!q) break;
        t = performance.now();
        replies = await client.send(bot.url, { value: answerFor(q, { body_area: "lumbar" }) });
        times.push(performance.now() - t);
      }
    }
  } finally {
    await bot.close();
  }
  return times;
}

function summary(times: number[]): string {
  const s = [...times].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]?.toFixed(1);
  const mean = (s.reduce((a, b) => a + b, 0) / s.length).toFixed(1);
  return `n=${s.length} mean=${mean} ms p50=${at(0.5)} ms p95=${at(0.95)} ms max=${at(1)} ms`;
}

const azurite = await startAzurite();
try {
  await measure({ LOG_LEVEL: "silent" }); // warm-up (module load, JIT)
  console.log(`memory: ${summary(await measure({ LOG_LEVEL: "silent" }))}`);
  console.log(`blob:   ${summary(await measure(blobEnv(azurite.connectionString, "latency")))}`);
} finally {
  await azurite.stop();
}
