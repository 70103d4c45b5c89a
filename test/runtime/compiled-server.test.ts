import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../storage/bots.js";

// `npm run serve` runs dist/server.js (compiled by the global setup) with plain node: it must start
// on this Node with no deprecation or other process warning (traced, so any would name its
// source), answer /healthz and take a turn. Start-up time is a bench:bot figure, not asserted here.

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
let server: ChildProcess | undefined;

afterAll(() => {
  server?.kill("SIGKILL");
});

async function startCompiled(port: number): Promise<{ stderr: () => string }> {
  let stderr = "";
  server = spawn(process.execPath, ["--trace-deprecation", "--trace-warnings", "dist/server.js"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      STORAGE: "memory",
      MicrosoftAppId: "",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  server.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<never>((_, reject) =>
    server?.once("exit", (code) => reject(new Error(`server exited (${code}):\n${stderr}`))),
  );
  const healthy = (async () => {
    for (;;) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  await Promise.race([healthy, exited]);
  return { stderr: () => stderr };
}

describe("the compiled server (npm run serve)", () => {
  it("starts with no process warning, answers /healthz and takes a turn", async () => {
    const port = await freePort();
    const { stderr } = await startCompiled(port);
    const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        type: "message",
        id: "m1",
        channelId: "msteams",
        serviceUrl: "http://127.0.0.1:9/",
        conversation: { id: "compiled-1", conversationType: "personal" },
        from: { id: "clinician-1" },
        recipient: { id: "bot" },
        text: "triage",
        deliveryMode: "expectReplies",
      }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { activities?: unknown[] };
    expect(body.activities?.length).toBeGreaterThan(0);
    expect(stderr()).not.toMatch(/\(node:\d+\)|DeprecationWarning|ExperimentalWarning/);
  });
});
