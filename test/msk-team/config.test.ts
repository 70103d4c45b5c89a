import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "../../src/config.js";

describe("MSK team settings", () => {
  it("MSK_TEAM_MEMBERS is a comma-separated list; MSK_REMINDER_MINUTES defaults to 30", () => {
    const c = readConfig({ MSK_TEAM_MEMBERS: " aad-1, U0TEAM ,," });
    expect(c.MSK_TEAM_MEMBERS).toEqual(["aad-1", "U0TEAM"]);
    expect(c.MSK_REMINDER_MINUTES).toBe(30);
    expect(readConfig({}).MSK_TEAM_MEMBERS).toBeUndefined();
  });

  it("a reminder interval that is not a whole number of minutes from 1 to a week is refused by name", () => {
    for (const bad of ["0", "-5", "2.5", "soon", "20000"])
      expect(() => readConfig({ MSK_REMINDER_MINUTES: bad })).toThrow(/MSK_REMINDER_MINUTES/);
    expect(() => readConfig({ MSK_REMINDER_MINUTES: "0" })).toThrow(ConfigError);
    expect(readConfig({ MSK_REMINDER_MINUTES: "5" }).MSK_REMINDER_MINUTES).toBe(5);
  });
});
