import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";

// With no audit store configured, `npm run report` reads the audit of the local run (`npm start`
// keeps it under .azurite/): it starts Azurite's table service on that folder for as long as the
// report takes. Azurite is a development dependency, so this is for a developer's checkout only.

export const LOCAL_AZURITE_DIR = ".azurite";
const DEV_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

export interface LocalStore {
  connectionString: string;
  stop(): Promise<void>;
}

export async function openLocalStore(repoRoot: string): Promise<LocalStore | undefined> {
  const location = join(repoRoot, LOCAL_AZURITE_DIR);
  if (!existsSync(location)) return undefined;
  return startTableEmulator(repoRoot, location);
}

/** Azurite's table service from the project's node_modules on a free loopback port, data in `location`. */
export async function startTableEmulator(repoRoot: string, location: string): Promise<LocalStore> {
  const require = createRequire(join(repoRoot, "package.json"));
  const azurite = dirname(require.resolve("azurite/package.json"));
  const child = spawn(
    process.execPath,
    [
      join(azurite, "dist/src/table/main.js"),
      "--tableHost",
      "127.0.0.1",
      "--tablePort",
      String(await freePort()),
      "--location",
      location,
      "--disableTelemetry",
      "--skipApiVersionCheck",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const port = await listening(child);
  return {
    connectionString: `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${DEV_KEY};TableEndpoint=http://127.0.0.1:${port}/devstoreaccount1;`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGINT"); // Azurite saves its database on SIGINT
      }),
  };
}

function listening(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error("the local Azurite did not start within 20 s"));
    }, 20_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /successfully (?:listens|started) on (?:http:\/\/)?127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the local Azurite exited (${code}): is \`npm start\` still running?`));
    });
  });
}

/** Azurite's table service does not report the port it got for port 0, so a free one is chosen first. */
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
