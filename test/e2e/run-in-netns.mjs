#!/usr/bin/env node
// `npm run test:e2e`: browser tests against the bot in the Microsoft 365 Agents Playground.
// Everything (bot, Playground, Chromium) runs inside a fresh network namespace that has only a
// loopback interface: the Playground probes a cloud metadata address and telemetry hosts at start-up
// and listens on all interfaces, and no test may send traffic beyond loopback.
//
// Suites (E2E_SUITES, comma-separated, default "fixture,bot"):
//   fixture  the throwaway echo-card bot (test/e2e/fixtures) with test/e2e/fixture-suite/*.e2e.ts
//   bot      the real bot (BOT_COMMAND, default "npm run serve") with test/e2e/bot-suite/*.e2e.ts;
//            skipped, with a notice, until src/index.ts and at least one scenario exist.
// E2E_FILES=a.e2e.ts,b.e2e.ts runs only those scenario files. Extra arguments are passed to vitest. Screenshots and logs go to test-results/e2e/.
import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { networkInterfaces } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  botSettings,
  playgroundSettings,
  repoRoot,
  startBot,
  startPlayground,
  startProcess,
  stopProcess,
  waitForHttp,
} from "../../scripts/start-local.mjs";

const self = fileURLToPath(import.meta.url);
const resultsDir = path.join(repoRoot, "test-results", "e2e");

if (process.env.E2E_IN_NETNS !== "1") {
  process.exit(reexecInNamespace());
}

function reexecInNamespace() {
  const unshareArgs = ["--net"];
  // Root can create a network namespace directly; others need a user namespace to own it.
  if (process.getuid?.() !== 0) unshareArgs.push("--map-root-user");
  const script = 'ip link set lo up && exec "$0" "$@"';
  const result = spawnSync(
    "unshare",
    [...unshareArgs, "--", "/bin/sh", "-c", script, process.execPath, self, ...process.argv.slice(2)],
    { stdio: "inherit", env: { ...process.env, E2E_IN_NETNS: "1" } },
  );
  if (result.error) {
    console.error(`e2e: cannot run unshare (${result.error.message}); install util-linux and iproute2.`);
    return 1;
  }
  return result.status ?? 1;
}

/**
 * Refuses to start anything unless the only network interface is an up loopback. Reads /proc/net/dev,
 * which follows the network namespace (/sys/class/net follows the mount namespace and still shows the
 * host's interfaces), and os.networkInterfaces(), which lists only interfaces that are up.
 */
function assertLoopbackOnly() {
  const interfaces = readFileSync("/proc/net/dev", "utf8")
    .split("\n")
    .slice(2)
    .map((line) => line.split(":")[0]?.trim())
    .filter(Boolean);
  if (interfaces.length !== 1 || interfaces[0] !== "lo") {
    throw new Error(`not in a loopback-only namespace: interfaces ${interfaces.join(", ")}`);
  }
  if (!networkInterfaces().lo) throw new Error("loopback is down (is iproute2's `ip` installed?)");
}

function suites() {
  const fixtureCommand = "node --import tsx test/e2e/fixtures/echo-card-bot.ts";
  const all = {
    fixture: { dir: "test/e2e/fixture-suite", command: fixtureCommand, ready: () => true },
    bot: {
      dir: "test/e2e/bot-suite",
      command: botSettings().command,
      ready: () => existsSync(path.join(repoRoot, "src/index.ts")),
    },
  };
  const wanted = (process.env.E2E_SUITES ?? "fixture,bot").split(",").map((name) => name.trim());
  return wanted.map((name) => {
    const suite = all[name];
    if (!suite) throw new Error(`unknown e2e suite "${name}" (known: ${Object.keys(all).join(", ")})`);
    return { name, ...suite };
  });
}

function scenarioFiles(dir) {
  const full = path.join(repoRoot, dir);
  if (!existsSync(full)) return [];
  // E2E_FILES (comma-separated file names) runs only those scenarios, e.g. while writing one.
  const only = process.env.E2E_FILES?.split(",").map((name) => name.trim());
  return readdirSync(full).filter((file) => file.endsWith(".e2e.ts") && (!only || only.includes(file)));
}

/**
 * One bot per suite, and a fresh Playground per scenario file: the Playground gives Personal Chat one
 * conversation id for its whole life (page reloads keep it), so a new Playground is what gives each
 * file a clean conversation in the bot's state. Tests inside one file share it.
 */
async function runSuite(suite, extraArgs, children) {
  const files = scenarioFiles(suite.dir);
  if (!suite.ready() || files.length === 0) {
    console.log(`e2e: suite "${suite.name}" skipped (bot entry point or scenarios in ${suite.dir} missing)`);
    return 0;
  }
  const bot = { ...botSettings(), command: suite.command };
  const playground = playgroundSettings();
  const log = createWriteStream(path.join(resultsDir, `${suite.name}-servers.log`));
  const started = Date.now();

  const botChild = startBot(bot, { logStream: log });
  children.push(botChild);
  const botMs = await waitForHttp(bot.healthUrl, { child: botChild, timeoutMs: 120_000 });
  console.log(`e2e: suite "${suite.name}": bot ready in ${botMs} ms`);

  let failures = 0;
  for (const file of files) {
    const pgChild = startPlayground(bot, playground, { logStream: log });
    children.push(pgChild);
    const pgMs = await waitForHttp(playground.url, { child: pgChild });
    console.log(`e2e: ${file}: Playground ready in ${pgMs} ms`);
    const code = await runVitest(path.posix.join(suite.dir, file), playground.url, extraArgs, children);
    if (code !== 0) failures += 1;
    await stopProcess(pgChild);
  }
  await stopProcess(botChild);
  log.end();
  console.log(
    `e2e: suite "${suite.name}" finished in ${Date.now() - started} ms, ${failures} file(s) failed`,
  );
  return failures === 0 ? 0 : 1;
}

async function runVitest(file, url, extraArgs, children) {
  const vitest = startProcess(
    "vitest",
    [
      JSON.stringify(path.join(repoRoot, "node_modules/.bin/vitest")),
      "run",
      "--config",
      "test/e2e/vitest.config.ts",
      // A JSON report per file, so `npm test`'s closing count includes the e2e tests.
      "--reporter=default",
      "--reporter=json",
      JSON.stringify(`--outputFile.json=${path.join(resultsDir, `${path.basename(file, ".ts")}.json`)}`),
      JSON.stringify(file),
      ...extraArgs.map((arg) => JSON.stringify(arg)),
    ].join(" "),
    {
      env: {
        PLAYGROUND_URL: url,
        E2E_RESULTS_DIR: resultsDir,
        // Chromium must not try any proxy a developer's shell exports.
        HTTP_PROXY: "",
        HTTPS_PROXY: "",
        http_proxy: "",
        https_proxy: "",
      },
    },
  );
  children.push(vitest);
  const { code } = await vitest.exited;
  return code ?? 1;
}

async function main() {
  const children = [];
  const stopAll = () => Promise.all(children.map((child) => stopProcess(child)));
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, async () => {
      await stopAll();
      process.exit(130);
    });
  }
  let failed = false;
  try {
    assertLoopbackOnly();
    // Start from an empty folder so an old FAILED-*.png never passes for this run's.
    rmSync(resultsDir, { recursive: true, force: true });
    mkdirSync(resultsDir, { recursive: true });
    for (const suite of suites()) {
      const code = await runSuite(suite, process.argv.slice(2), children);
      if (code !== 0) failed = true;
    }
  } catch (error) {
    console.error(`e2e: ${error.message} (server logs in test-results/e2e/)`);
    failed = true;
  } finally {
    await stopAll();
  }
  process.exit(failed ? 1 : 0);
}

await main();
