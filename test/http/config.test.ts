import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "../../src/config.js";

describe("configuration", () => {
  it("empty variables (as in .env.example) take their defaults", () => {
    const c = readConfig({ PORT: "", LOG_LEVEL: " ", TRIAGE_REGION: "", MicrosoftAppId: "" });
    expect(c).toMatchObject({ PORT: 3978, LOG_LEVEL: "info", TRIAGE_REGION: "NEL", anonymous: true });
  });

  it("anonymous mode listens on loopback by default; a registered bot on all interfaces", () => {
    expect(readConfig({}).host).toBe("127.0.0.1");
    expect(readConfig({ MicrosoftAppId: "id", MicrosoftAppPassword: "pw" }).host).toBe("0.0.0.0");
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

  it("allows a loopback http Slack API for tests", () => {
    expect(readConfig({ SLACK_API_URL: "http://127.0.0.1:4000/api/" }).SLACK_API_URL).toBe(
      "http://127.0.0.1:4000/api/",
    );
  });
});
