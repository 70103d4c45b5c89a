#!/usr/bin/env node
// `npm start`: Azurite (blob + table, from node_modules, data in .azurite/), the bot using it for
// conversation state and the clinical audit, and the Microsoft 365 Agents Playground, so anyone can
// hold a conversation in a browser with no Azure account and the local run has the production shape.
// The e2e runner (test/e2e/run-in-netns.mjs) reuses the exported pieces.
//
// Env: BOT_COMMAND (default "npm run serve"), PORT (bot, default 3978),
//      PLAYGROUND_PORT (default 56150), PLAYGROUND_CHANNEL (default msteams),
//      AZURITE_BLOB_PORT (default 10000), AZURITE_TABLE_PORT (default 10002). STORAGE, AUDIT or a
//      connection string set in the environment are left as they are.
// The Playground listens on ALL interfaces and probes cloud hosts at start-up even with telemetry off:
// on a shared machine run this inside a loopback-only namespace (see docs/local-run.md).
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const playgroundCli = path.join(repoRoot, "node_modules/@microsoft/m365agentsplayground/cli.js");

/**
 * Starts a command in its own process group so that stopping it also stops the grandchildren
 * (`npm run serve` -> sh -> tsx -> node would otherwise survive as orphans).
 */
export function startProcess(name, command, { env = {}, logStream } = {}) {
  const child = spawn(command, {
    cwd: repoRoot,
    shell: true,
    detached: true,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const sink = logStream ?? process.stdout;
  const prefix = `[${name}] `;
  for (const stream of [child.stdout, child.stderr]) {
    let partial = "";
    stream.on("data", (chunk) => {
      const lines = (partial + chunk.toString()).split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) sink.write(`${prefix}${line}\n`);
    });
  }
  child.name = name;
  child.exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  return child;
}

/** Stops a process group: SIGTERM, then SIGKILL if it has not gone within `graceMs`. */
export async function stopProcess(child, graceMs = 3000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const signalGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  // Azurite saves its databases on SIGINT (its table service ignores SIGTERM's chance to do so).
  signalGroup(child.stopSignal ?? "SIGTERM");
  const timer = setTimeout(() => signalGroup("SIGKILL"), graceMs);
  await child.exited;
  clearTimeout(timer);
  // The leader may exit before its group: make sure nothing of it lingers.
  signalGroup("SIGKILL");
}

/** Polls `url` until it answers 2xx; fails early if `child` exits first. */
export async function waitForHttp(url, { timeoutMs = 60_000, child } = {}) {
  const started = Date.now();
  let exited = false;
  child?.exited.then(() => {
    exited = true;
  });
  while (Date.now() - started < timeoutMs) {
    if (exited) throw new Error(`${child.name} exited before ${url} was ready`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms`);
}

export function botSettings(env = process.env) {
  const port = Number(env.PORT ?? 3978);
  return {
    command: env.BOT_COMMAND ?? "npm run serve",
    port,
    healthUrl: `http://127.0.0.1:${port}/healthz`,
    messagesUrl: `http://127.0.0.1:${port}/api/messages`,
  };
}

export function playgroundSettings(env = process.env) {
  const port = Number(env.PLAYGROUND_PORT ?? 56150);
  return {
    port,
    channel: env.PLAYGROUND_CHANNEL ?? "msteams",
    url: `http://127.0.0.1:${port}/`,
    logDir: path.join(repoRoot, "test-results", "playground"),
  };
}

export function startBot(settings, options = {}) {
  return startProcess("bot", settings.command, {
    ...options,
    env: { PORT: String(settings.port), ...options.env },
  });
}

/**
 * The Playground's own port default is a preference: when the port is taken it silently picks a random
 * one, so callers must treat a non-answering url as a failure rather than look elsewhere.
 */
export function startPlayground(bot, playground, options = {}) {
  mkdirSync(playground.logDir, { recursive: true });
  const args = [
    JSON.stringify(process.execPath),
    JSON.stringify(playgroundCli),
    "--app-endpoint",
    bot.messagesUrl,
    "--channel-id",
    playground.channel,
    "--port",
    String(playground.port),
    "--disable-telemetry",
  ];
  return startProcess("playground", args.join(" "), {
    ...options,
    env: {
      // "none" stops it opening a desktop browser; logs go under test-results/, not ./devTools.
      TEAMSAPPTESTER_BROWSER: "none",
      M365_AGENTS_PLAYGROUND_LOGFILE: path.join(playground.logDir, "playground.log"),
      M365_AGENTS_PLAYGROUND_RECORDING_FILE: path.join(playground.logDir, "events.json"),
      ...options.env,
    },
  });
}

/** Azurite's published development account key (the same on every machine; not a secret). */
const AZURITE_DEV_KEY =
  "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

export function azuriteSettings(env = process.env) {
  const blobPort = Number(env.AZURITE_BLOB_PORT ?? 10000);
  const tablePort = Number(env.AZURITE_TABLE_PORT ?? 10002);
  return {
    blobPort,
    tablePort,
    // Ignored by git (.gitignore): conversation state and the audit of local runs stay on this machine.
    location: path.join(repoRoot, ".azurite"),
    connectionString:
      "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
      `AccountKey=${AZURITE_DEV_KEY};` +
      `BlobEndpoint=http://127.0.0.1:${blobPort}/devstoreaccount1;` +
      `TableEndpoint=http://127.0.0.1:${tablePort}/devstoreaccount1;`,
  };
}

/** One Azurite service ("blob" or "table") from the project's own node_modules, on loopback. */
export function startAzurite(service, settings, options = {}) {
  const require = createRequire(path.join(repoRoot, "package.json"));
  const pkgDir = path.dirname(require.resolve("azurite/package.json"));
  const main = path.join(pkgDir, "dist/src", service, "main.js");
  const port = service === "blob" ? settings.blobPort : settings.tablePort;
  mkdirSync(settings.location, { recursive: true });
  const args = [
    JSON.stringify(process.execPath),
    JSON.stringify(main),
    `--${service}Host`,
    "127.0.0.1",
    `--${service}Port`,
    String(port),
    "--location",
    JSON.stringify(settings.location),
    "--disableTelemetry",
    "--skipApiVersionCheck",
  ];
  const child = startProcess(`azurite-${service}`, args.join(" "), options);
  child.port = port;
  child.stopSignal = "SIGINT";
  return child;
}

/** Resolves once something accepts TCP connections on the loopback port. */
export async function waitForPort(port, { timeoutMs = 30_000, child } = {}) {
  const { connect } = await import("node:net");
  const started = Date.now();
  let exited = false;
  child?.exited.then(() => {
    exited = true;
  });
  while (Date.now() - started < timeoutMs) {
    if (exited) throw new Error(`${child.name} exited before port ${port} was ready (is the port taken?)`);
    const ok = await new Promise((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (ok) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`port ${port} not ready after ${timeoutMs} ms`);
}

async function main() {
  const bot = botSettings();
  const azurite = azuriteSettings();
  const playground = playgroundSettings();
  const children = [];
  let stopping = false;
  const stopAll = async (code) => {
    if (stopping) return;
    stopping = true;
    // The bot first, so that audit records it still holds reach Azurite before Azurite stops.
    const stores = children.filter((child) => child.stopSignal === "SIGINT");
    await Promise.all(children.filter((child) => !stores.includes(child)).map((child) => stopProcess(child)));
    await Promise.all(stores.map((child) => stopProcess(child, 10_000)));
    process.exit(code);
  };
  process.on("SIGINT", () => stopAll(0));
  process.on("SIGTERM", () => stopAll(0));

  try {
    console.log(
      `Starting Azurite (blob :${azurite.blobPort}, table :${azurite.tablePort}, data in .azurite/)`,
    );
    for (const service of ["blob", "table"]) {
      const child = startAzurite(service, azurite);
      children.push(child);
      await waitForPort(child.port, { child });
    }
    const storeEnv = {
      STORAGE: process.env.STORAGE ?? "blob",
      BLOB_CONNECTION_STRING: process.env.BLOB_CONNECTION_STRING ?? azurite.connectionString,
      AUDIT: process.env.AUDIT ?? "table",
    };
    console.log(
      `Starting the bot: ${bot.command} (PORT=${bot.port}, STORAGE=${storeEnv.STORAGE}, AUDIT=${storeEnv.AUDIT})`,
    );
    const botChild = startBot(bot, { env: storeEnv });
    children.push(botChild);
    const botMs = await waitForHttp(bot.healthUrl, { child: botChild, timeoutMs: 120_000 });
    console.log(`Bot ready in ${botMs} ms at ${bot.messagesUrl}`);

    const pgChild = startPlayground(bot, playground);
    children.push(pgChild);
    const pgMs = await waitForHttp(playground.url, { child: pgChild });
    console.log(`Playground ready in ${pgMs} ms.`);
    console.log("");
    console.log(`  Open ${playground.url} in a browser (Personal Chat, or a Teams channel with @mention).`);
    console.log("  The Playground listens on all network interfaces: use it on a trusted machine only.");
    console.log(
      "  The governance report of this local run: npm run report (in another terminal, or after stopping).",
    );
    console.log("  Press Ctrl+C to stop everything.");
    console.log("");

    const first = await Promise.race(children.map((child) => child.exited.then((r) => ({ child, ...r }))));
    if (!stopping) {
      console.error(
        `${first.child.name} stopped (code ${first.code}, signal ${first.signal}); stopping the rest.`,
      );
      await stopAll(first.code === 0 ? 0 : 1);
    }
  } catch (error) {
    console.error(`npm start failed: ${error.message}`);
    await stopAll(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
