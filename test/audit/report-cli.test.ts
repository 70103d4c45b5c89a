import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

// `npm run report` refuses bad arguments clearly (exit 2, nothing on stdout) and says when the audit
// store cannot be reached (exit 1), rather than writing a report of zeros.

function report(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ["--import", "tsx", "src/report/cli.ts", ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("npm run report arguments", () => {
  it.each([
    [["--from", "2026-13-01"], /--from: expected a date as YYYY-MM-DD/],
    [["--from", "2026-12-03", "--to", "2026-12-01"], /--from \(2026-12-03\) is after --to/],
    [["--bogus"], /Unknown option '--bogus'/],
  ])("%j: exit 2 with the reason", (args, reason) => {
    const r = report(args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(reason);
  });

  it("exit 1 when the store does not answer", () => {
    const r = report(["--json"], {
      AUDIT_CONNECTION_STRING:
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;",
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/Could not read the audit/);
  });
});
