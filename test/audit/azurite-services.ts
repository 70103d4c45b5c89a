import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

// Azurite's blob and table services from node_modules, each its own process on loopback, with a
// folder the test chooses: a test can stop one service (the audit store going down), start it
// again on the same port and folder, and read every file the emulator wrote.

const DEV_ACCOUNT = "devstoreaccount1";
/** Azurite's published development key (the same on every machine; not a secret). */
const DEV_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

export type Service = "blob" | "table";

export interface AzuriteService {
  service: Service;
  port: number;
  location: string;
  connectionString: string;
  /** Everything the emulator printed (its own log). */
  output(): string;
  /** SIGINT lets Azurite save its database files; SIGKILL is the store vanishing. */
  stop(signal?: "SIGINT" | "SIGKILL"): Promise<void>;
}

export function tempLocation(prefix = "azurite-audit-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function connectionString(blobPort?: number, tablePort?: number): string {
  const parts = [`DefaultEndpointsProtocol=http`, `AccountName=${DEV_ACCOUNT}`, `AccountKey=${DEV_KEY}`];
  if (blobPort) parts.push(`BlobEndpoint=http://127.0.0.1:${blobPort}/${DEV_ACCOUNT}`);
  if (tablePort) parts.push(`TableEndpoint=http://127.0.0.1:${tablePort}/${DEV_ACCOUNT}`);
  return `${parts.join(";")};`;
}

function bin(service: Service): string {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve("azurite/package.json");
  const pkg = JSON.parse(readFileSync(pkgPath, "utf8")) as { bin: Record<string, string> };
  const rel = pkg.bin[`azurite-${service}`];
  if (!rel) throw new Error(`azurite has no azurite-${service} binary`);
  return join(dirname(pkgPath), rel);
}

export async function startService(
  service: Service,
  { location = tempLocation(), port }: { location?: string; port?: number } = {},
): Promise<AzuriteService> {
  // Azurite's table service prints port 0 rather than the port it got, so a free one is chosen first.
  const chosen = port ?? (await freePort());
  const child = spawn(
    process.execPath,
    [
      bin(service),
      `--${service}Host`,
      "127.0.0.1",
      `--${service}Port`,
      String(chosen),
      "--location",
      location,
      "--disableTelemetry",
      "--skipApiVersionCheck",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  let out = "";
  const collect = (chunk: Buffer) => {
    out += chunk.toString();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const stop = async (signal: "SIGINT" | "SIGKILL" = "SIGINT") => {
    process.off("exit", killOnExit);
    await stopChild(child, signal);
  };
  try {
    const actual = await listening(child, () => out);
    return {
      service,
      port: actual,
      location,
      connectionString:
        service === "blob" ? connectionString(actual, undefined) : connectionString(undefined, actual),
      output: () => out,
      stop,
    };
  } catch (err) {
    await stop("SIGKILL");
    throw err;
  }
}

function listening(child: ChildProcess, out: () => string): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Azurite did not start within 20 s:\n${out()}`)), 20_000);
    const check = () => {
      const m = /successfully (?:listens|started) on (?:http:\/\/)?127\.0\.0\.1:(\d+)/.exec(out());
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout?.on("data", check);
    child.stderr?.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited (${code}) before listening:\n${out()}`));
    });
  });
}

function stopChild(child: ChildProcess, signal: "SIGINT" | "SIGKILL"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill(signal);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
