import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "../../src/config.js";

describe("configuration", () => {
  it("empty variables (as in .env.example) take their defaults", () => {
    const c = readConfig({ PORT: "", LOG_LEVEL: " ", TRIAGE_REGION: "", MicrosoftAppId: "" });
    expect(c).toMatchObject({ PORT: 3978, LOG_LEVEL: "info", TRIAGE_REGION: "NEL", anonymous: true });
  });

  it("anonymous mode listens on loopback by default; a registered bot on all interfaces", () => {
    expect(readConfig({}).host).toBe("127.0.0.1");
    const registered = { MicrosoftAppId: "id", MicrosoftAppPassword: "pw", MSCC_CONTACT_PHONE: "0" };
    expect(readConfig(registered).host).toBe("0.0.0.0");
  });

  it("reads the region in any case", () => {
    expect(readConfig({ TRIAGE_REGION: "bnssg" }).TRIAGE_REGION).toBe("BNSSG");
  });

  it.each([
    [{ PORT: "99999" }, /PORT/],
    [{ TRIAGE_REGION: "XYZ" }, /TRIAGE_REGION/],
    [{ STORAGE: "blob" }, /BLOB_CONNECTION_STRING: required/],
    [{ BLOB_CONNECTION_STRING: "not a connection string" }, /BLOB_CONNECTION_STRING: not an Azure/],
    [{ SLACK_BOT_TOKEN: "x" }, /SLACK_SIGNING_SECRET/],
    [{ SLACK_API_URL: "http://slack.example.org/api/" }, /SLACK_API_URL: must be https/],
    [{ MicrosoftAppId: "id" }, /MicrosoftAppPassword/],
  ])("refuses %j, naming the variable", (env, message) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(message);
  });

  it("refuses to start in production without the MSCC co-ordinator contact, and says why", () => {
    for (const env of [
      { MicrosoftAppId: "id", MicrosoftAppPassword: "pw" },
      { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" },
    ]) {
      expect(() => readConfig(env)).toThrow(/MSCC_CONTACT_PHONE: required in production/);
      const c = readConfig({ ...env, MSCC_CONTACT_PHONE: "020 7946 0000" });
      expect(c.msccContact).toEqual({ name: "Acute oncology / MSCC co-ordinator", phone: "020 7946 0000" });
    }
    // A local run starts without it; the card then says it is not configured.
    expect(readConfig({}).msccContact).toBeUndefined();
  });

  it("allows a loopback http Slack API for tests", () => {
    expect(readConfig({ SLACK_API_URL: "http://127.0.0.1:4000/api/" }).SLACK_API_URL).toBe(
      "http://127.0.0.1:4000/api/",
    );
  });
});
