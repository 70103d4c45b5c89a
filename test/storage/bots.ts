import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import type { Storage, StoreItems } from "botbuilder";
import { createApp } from "../../src/app.js";
import { readConfig } from "../../src/config.js";
import { createLogger } from "../../src/logging.js";
import { NO_RATE_LIMIT } from "../http/no-rate-limit.js";
import { answerFor, outcomeOf, pendingQuestion, type Reply, type TriageClient } from "./triage-client.js";

// Bot processes for the scale-out tests: in-process apps (createApp) and real `src/index.ts`
// child processes, all on loopback.

export interface RunningBot {
  url: string;
  close(): Promise<void>;
}

export function blobEnv(connectionString: string, container: string): Record<string, string> {
  return {
    STORAGE: "blob",
    BLOB_CONNECTION_STRING: connectionString,
    BLOB_CONTAINER: container,
    LOG_LEVEL: "silent",
  };
}

export async function startApp(env: Record<string, string>, storage?: Storage): Promise<RunningBot> {
  const app = await createApp(
    readConfig({ ...NO_RATE_LIMIT, ...env }),
    createLogger("silent"),
    storage ? { storage } : {},
  );
  await app.ready;
  await new Promise<void>((resolve) => app.server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = app.server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => app.server.close(() => resolve())),
  };
}

export interface ChildBot extends RunningBot {
  process: ChildProcess;
}

/**
 * The compiled server (`npm run serve`'s dist/server.js) as its own OS process: one pid, so SIGKILL
 * hits the server itself. `nodeArgs` go before the script (a preload, for instance).
 */
export async function startChildBot(env: Record<string, string>, nodeArgs: string[] = []): Promise<ChildBot> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, "dist/server.js"], {
    env: {
      PATH: process.env.PATH ?? "",
      ...NO_RATE_LIMIT,
      ...env,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bot did not start within 20 s:\n${log}`)), 20_000);
    child.stderr?.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('"event":"listening"')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`bot exited (${code}) before listening:\n${log}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    process: child,
    close: () => kill(child),
  };
}

export function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

/** A free TCP port on loopback (bound then released), for servers a test or bench starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * Answers questions until an outcome (or `maxTurns`), choosing the bot for each turn with `pick`.
 * Returns the outcome and the number of turns taken.
 */
export async function runTriage(
  client: TriageClient,
  pick: (turn: number) => string,
  script: Record<string, string>,
  opts: { start?: Reply[]; fromTurn?: number; maxTurns?: number } = {},
): Promise<{ outcome: ReturnType<typeof outcomeOf>; turns: number; last: Reply[] }> {
  let turn = opts.fromTurn ?? 0;
  let replies = opts.start ?? (await client.send(pick(turn++), { text: "triage" }));
  const max = opts.maxTurns ?? 60;
  while (turn < max) {
    const outcome = outcomeOf(replies);
    const q = pendingQuestion(replies);
    if (outcome && !q) return { outcome, turns: turn, last: replies };
    if (!q) throw new Error(`no question and no outcome after turn ${turn}: ${JSON.stringify(replies)}`);
    replies = await client.send(pick(turn++), { value: answerFor(q, script) });
  }
  return { outcome: outcomeOf(replies), turns: turn, last: replies };
}

/**
 * Holds every write until `reads` reads have happened, so two turns in two bot instances are
 * certain to read the same version before either saves (a real race, made repeatable).
 */
export class ReadBarrier {
  private count = 0;
  private wanted = Number.POSITIVE_INFINITY;
  private release!: () => void;
  private gate: Promise<void> = Promise.resolve();

  arm(reads: number): void {
    this.count = 0;
    this.wanted = reads;
    this.gate = new Promise((r) => {
      this.release = r;
    });
  }

  wrap(inner: Storage): Storage {
    return {
      read: async (keys: string[]) => {
        const items = await inner.read(keys);
        if (++this.count >= this.wanted) this.release();
        return items;
      },
      write: async (changes: StoreItems) => {
        await this.gate;
        return inner.write(changes);
      },
      delete: (keys: string[]) => inner.delete(keys),
    };
  }
}
