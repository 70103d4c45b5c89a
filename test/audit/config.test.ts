import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "../../src/config.js";

// The audit settings: off unless asked for; a table store that can actually hold tables.

const TABLES =
  "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";
const BLOB_ONLY =
  "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";

describe("audit configuration", () => {
  it("is off by default, with the documented table name and retention", () => {
    expect(readConfig({})).toMatchObject({
      AUDIT: "off",
      AUDIT_TABLE: "mskTriageAudit",
      AUDIT_RETENTION_DAYS: 400,
    });
  });

  it("uses the blob connection string when no audit one is given", () => {
    const both = `${BLOB_ONLY}TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;`;
    expect(readConfig({ AUDIT: "table", BLOB_CONNECTION_STRING: both }).auditConnectionString).toBe(both);
    expect(
      readConfig({ AUDIT: "table", AUDIT_CONNECTION_STRING: TABLES, BLOB_CONNECTION_STRING: both })
        .auditConnectionString,
    ).toBe(TABLES);
    expect(readConfig({ AUDIT: "table", AUDIT_CONNECTION_STRING: "UseDevelopmentStorage=true" }).AUDIT).toBe(
      "table",
    );
  });

  it.each([
    [{ AUDIT: "table" }, /AUDIT_CONNECTION_STRING: required/],
    [
      { AUDIT: "table", AUDIT_CONNECTION_STRING: BLOB_ONLY },
      /AUDIT_CONNECTION_STRING: names no table service/,
    ],
    [{ AUDIT: "yes" }, /AUDIT/],
    [{ AUDIT_TABLE: "audit-table" }, /AUDIT_TABLE/],
    [{ AUDIT_RETENTION_DAYS: "0" }, /AUDIT_RETENTION_DAYS/],
  ])("refuses %o", (env, message) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(message);
  });
});
