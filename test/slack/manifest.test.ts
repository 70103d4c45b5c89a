// The Slack app manifest a workspace admin creates the app from: it must ask for what the
// transport uses (and no more), and point at the routes the server mounts.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SLACK_PATHS } from "../../src/channels/slack/index.js";

const manifest = JSON.parse(
  readFileSync(new URL("../../appPackage/slack-manifest.json", import.meta.url), "utf8"),
);
const HOST = "https://YOUR-BOT-HOST";

describe("appPackage/slack-manifest.json", () => {
  it("asks for exactly the bot scopes the transport needs", () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(
      ["app_mentions:read", "chat:write", "commands", "im:history", "im:read"].sort(),
    );
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
  });

  it("subscribes to DMs and mentions, with the events URL the server serves", () => {
    const events = manifest.settings.event_subscriptions;
    expect([...events.bot_events].sort()).toEqual(["app_mention", "message.im"]);
    expect(events.request_url).toBe(`${HOST}${SLACK_PATHS.events}`);
  });

  it("enables interactivity at the interactions route and declares /triage at the commands route", () => {
    expect(manifest.settings.interactivity).toEqual({
      is_enabled: true,
      request_url: `${HOST}${SLACK_PATHS.interactions}`,
    });
    const [command, ...others] = manifest.features.slash_commands;
    expect(others).toEqual([]);
    expect(command).toMatchObject({ command: "/triage", url: `${HOST}${SLACK_PATHS.commands}` });
  });

  it("has a bot user people can message, and display text within Slack's lengths", () => {
    expect(manifest.features.bot_user.display_name.length).toBeLessThanOrEqual(80);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_read_only_enabled).toBe(false);
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
    const long = manifest.display_information.long_description.length;
    expect(long).toBeGreaterThanOrEqual(174);
    expect(long).toBeLessThanOrEqual(4000);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });
});
