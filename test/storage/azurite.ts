import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

// Starts the Azurite blob emulator from node_modules on a free loopback port in a temp folder, so
// blob storage tests run on any machine without an Azure account. Azurite 3.35 needs
// --skipApiVersionCheck for the storage client bundled with botbuilder-azure-blobs.

/** Azurite's published development account (the same key on every machine; not a secret). */
const DEV_ACCOUNT = "devstoreaccount1";
const DEV_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

export interface Azurite {
  connectionString: string;
  port: number;
  stop(): Promise<void>;
  /** SIGSTOP: the port still accepts connections but nothing answers (a hung account). */
  freeze(): void;
  /** SIGCONT after freeze(). */
  thaw(): void;
  /** Stops the process (SIGTERM, so it saves its data) and keeps the data; the port refuses connections. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data folder after kill(). */
  restart(): Promise<void>;
}

export function connectionStringFor(port: number): string {
  return `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};BlobEndpoint=http://127.0.0.1:${port}/${DEV_ACCOUNT};`;
}

function azuriteBlobBin(): string {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve("azurite/package.json");
  const pkg = JSON.parse(readFileSync(pkgPath, "utf8")) as { bin: Record<string, string> };
  const bin = pkg.bin["azurite-blob"];
  if (!bin) throw new Error("azurite package has no azurite-blob binary");
  return join(dirname(pkgPath), bin);
}

function spawnAzurite(dir: string, port: number): ChildProcess {
  return spawn(
    process.execPath,
    [
      azuriteBlobBin(),
      "--blobHost",
      "127.0.0.1",
      "--blobPort",
      String(port),
      "--location",
      dir,
      "--disableTelemetry",
      "--skipApiVersionCheck",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
}

export async function startAzurite(): Promise<Azurite> {
  const dir = mkdtempSync(join(tmpdir(), "azurite-"));
  let child = spawnAzurite(dir, 0);
  // If the test process dies first, do not leave Azurite behind.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);

  const stop = async () => {
    process.off("exit", killOnExit);
    if (child.signalCode === null && child.exitCode === null) child.kill("SIGCONT");
    await killAndWait(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const port = await listeningPort(child);
    return {
      connectionString: connectionStringFor(port),
      port,
      stop,
      freeze: () => child.kill("SIGSTOP"),
      thaw: () => child.kill("SIGCONT"),
      kill: () => terminate(child),
      restart: async () => {
        child = spawnAzurite(dir, port);
        await listeningPort(child);
      },
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`Azurite did not start within 20 s:\n${out}`)), 20_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /successfully listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited (${code}) before listening:\n${out}`));
    });
  });
}

/** SIGTERM (Azurite saves its metadata), SIGKILL if it has not exited within 5 s. */
function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

export function killAndWait(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}
