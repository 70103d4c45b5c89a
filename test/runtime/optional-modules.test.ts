import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { startChildBot } from "../storage/bots.js";

// The Slack SDK and the Azure Blob and Table clients are imported only when config asks for them:
// a server without them must never load them (they cost RSS and start-up time), and a server
// configured for them must load them and still serve. botbuilder-dialogs is loaded class by class
// (dialogs/sdk.ts), never through its index, which would bring in every built-in prompt and the text
// recognizers. Checked on the compiled server (as `npm run serve` runs it), with a preload that lists
// every module the process resolved.

const HOOK = fileURLToPath(new URL("./record-loaded-modules.mjs", import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), "loaded-modules-"));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OPTIONAL = ["@slack/", "@azure/storage-blob", "@azure/data-tables"];
/** Modules the server never needs, whatever its config: the dialogs index, its prompts and the recognizers they use. */
const NEVER = [
  "/node_modules/botbuilder-dialogs/lib/index.js",
  "/node_modules/botbuilder-dialogs/lib/prompts/",
  "/node_modules/@microsoft/recognizers-text-suite/",
];

/** Fails the test if a module of NEVER was resolved, or if the recorder saw nothing at all. */
function expectNothingNeverNeeded(urls: string[]): void {
  expect(urls.length).toBeGreaterThan(100);
  expect(urls.filter((url) => NEVER.some((part) => url.includes(part)))).toEqual([]);
}

/** The optional packages among the resolved modules. */
function optionalIn(urls: string[]): string[] {
  return OPTIONAL.filter((pkg) => urls.some((url) => url.includes(`/node_modules/${pkg}`)));
}

/** Starts dist/server.js with `env`, stops it once it listens, and returns every module URL it resolved. */
async function modulesLoaded(name: string, env: Record<string, string>): Promise<string[]> {
  const file = path.join(dir, `${name}.txt`);
  const bot = await startChildBot({ MicrosoftAppId: "", ...env, LOADED_MODULES_FILE: file }, [
    "--import",
    HOOK,
  ]);
  // A graceful stop: the recorder writes its list when the process exits.
  const exited = once(bot.process, "exit");
  bot.process.kill("SIGTERM");
  await exited;
  return readFileSync(file, "utf8").split("\n");
}

describe("optional parts of the compiled server", () => {
  it("a server with memory storage, no audit and no Slack loads none of their SDKs, nor the dialogs index", async () => {
    const loaded = await modulesLoaded("unconfigured", {
      STORAGE: "memory",
      AUDIT: "off",
      SLACK_BOT_TOKEN: "",
      SLACK_SIGNING_SECRET: "",
    });
    expectNothingNeverNeeded(loaded);
    expect(optionalIn(loaded)).toEqual([]);
  });

  it("a server configured for Slack and the Table audit loads their SDKs and serves", async () => {
    const loaded = await modulesLoaded("configured", {
      STORAGE: "memory",
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: "test-signing-secret",
      SLACK_API_URL: "http://127.0.0.1:9/api/",
      MSCC_CONTACT_PHONE: "020 7946 0000",
      AUDIT: "table",
      // Azurite's published development account; nothing is written before the first outcome.
      AUDIT_CONNECTION_STRING:
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;",
    });
    expectNothingNeverNeeded(loaded);
    expect(optionalIn(loaded)).toEqual(["@slack/", "@azure/data-tables"]);
  });
});
