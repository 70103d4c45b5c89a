import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TriageClient } from "../storage/triage-client.js";
import { type AzuriteService, connectionString, startService } from "./azurite-services.js";
import {
  type AuditedBot,
  concernButton,
  concernKindSubmit,
  startAuditedBot,
  triage,
} from "./bot-under-audit.js";

// A clinician pastes a patient's identifiers into the first message of a triage and into a concern
// note. None of them may reach any file Azurite writes (conversation state, the audit table) or
// any log line. A control word that is meant to be kept is looked for too, so the scan is known to
// see what was stored.

const IDENTIFIERS = {
  nhsNumber: ["943 476 5919", "9434765919"],
  dateOfBirth: ["14/03/1961", "14.03.1961"],
  name: ["Quennell", "Oliver"],
  phone: ["07700 900123", "07700900123"],
  postcode: ["SW1A 1AA", "SW1A1AA"],
};
const OPENING =
  "is this urgent? Mr Oliver Quennell, NHS 943 476 5919, DOB 14/03/1961, tel 07700 900123, SW1A 1AA. 58, low back pain with saddle numbness";
const NOTE =
  "Mr Oliver Quennell 943 476 5919 born 14/03/1961 call 07700 900123 at SW1A 1AA: zebracontrol thought this was too slow";

let blob: AzuriteService;
let table: AzuriteService;
let bot: AuditedBot;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

beforeAll(async () => {
  [blob, table] = await Promise.all([startService("blob"), startService("table")]);
  bot = await startAuditedBot({
    STORAGE: "blob",
    BLOB_CONNECTION_STRING: connectionString(blob.port, table.port),
    AUDIT: "table",
    AUDIT_TABLE: "identifierTest",
  });
  const client = new TriageClient("audit-identifiers");
  const done = await triage(bot.url, client, { saddle_anaesthesia: "yes", ces_symptom_weeks: "1" }, OPENING);
  const prompt = await client.send(bot.url, { value: concernButton(done.replies) });
  await client.send(bot.url, { value: concernKindSubmit(prompt, "too_low", NOTE) });
  await bot.audit.flush();
  expect(bot.audit.stats()).toMatchObject({ lost: 0 });
  await bot.close();
  // SIGINT: Azurite saves its databases on the way out, so the files hold everything stored.
  await Promise.all([blob.stop("SIGINT"), table.stop("SIGINT")]);
}, 180_000);

afterAll(async () => {
  await Promise.all([blob?.stop("SIGKILL"), table?.stop("SIGKILL")]);
  for (const s of [blob, table]) if (s) rmSync(s.location, { recursive: true, force: true });
});

describe("identifiers typed into a triage and a concern note", () => {
  it("are in no file Azurite wrote, while the redacted note and the audit record are", () => {
    const files = [...filesUnder(blob.location), ...filesUnder(table.location)];
    const contents = files.map((f) => readFileSync(f).toString("utf8")).join("\n");
    // Controls: the audit record and the note's other words were stored and are visible here.
    const tableFiles = filesUnder(table.location)
      .map((f) => readFileSync(f).toString("utf8"))
      .join("\n");
    expect(tableFiles).toContain('"findingsYes":"saddle_anaesthesia');
    expect(tableFiles).toContain("zebracontrol thought this was too slow");
    for (const [kind, forms] of Object.entries(IDENTIFIERS)) {
      for (const form of forms)
        expect(contents.includes(form), `${kind} "${form}" in Azurite files`).toBe(false);
    }
  });

  it("are in no log line of the bot or of Azurite", () => {
    const logs = [...bot.logs, blob.output(), table.output()].join("\n");
    expect(bot.logs.some((l) => l.includes('"concern_reported"'))).toBe(true);
    for (const [kind, forms] of Object.entries(IDENTIFIERS)) {
      for (const form of forms) expect(logs.includes(form), `${kind} "${form}" in logs`).toBe(false);
    }
  });
});
