import type { Storage } from "botbuilder";
import { type App, createApp } from "../../src/app.js";
import { readConfig } from "../../src/config.js";
import { createLogger } from "../../src/logging.js";
import { NO_RATE_LIMIT } from "../http/no-rate-limit.js";
import { type ApiCall, BOT_USER, FakeSlack, TEAM } from "./fake-slack.js";
import { BOT_TOKEN, formRequest, jsonRequest, post, type SendOptions, SIGNING_SECRET } from "./signed.js";

// The real server (createApp, port 0, Slack on) wired to the fake Web API, plus a clinician's side
// of Slack: direct messages, mentions, clicks and /triage, each sent as a signed request.

export const CLINICIAN = "U0CLINICIAN";
export const DM = "D0DMCHANNEL";
export const CHANNEL = "C0MSKTEAM";

export class Workspace {
  readonly fake = new FakeSlack();
  readonly logs: Array<Record<string, unknown>> = [];
  private app: App | undefined;
  baseUrl = "";
  private seq = 0;

  private env: Record<string, string> = {};
  private storage: Storage | undefined;

  /** `baseEnv`: further settings for every start (e.g. MSK_TEAM_MEMBERS). */
  constructor(private readonly baseEnv: Record<string, string> = {}) {}

  /** `env` adds settings (e.g. blob storage) to the Slack ones; `storage` replaces the configured store. */
  async start(env: Record<string, string> = {}, storage?: Storage): Promise<void> {
    this.env = { ...this.baseEnv, ...env };
    this.storage = storage;
    await this.fake.start();
    await this.startApp();
  }

  /** The bot process restarts (same settings and store, fresh memory); Slack stays up. */
  async restart(): Promise<void> {
    await this.idle();
    await new Promise<void>((resolve) => this.app?.server.close(() => resolve()));
    await this.startApp();
  }

  private async startApp(): Promise<void> {
    const config = readConfig({
      ...NO_RATE_LIMIT,
      ...this.env,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: this.fake.apiUrl,
      MSCC_CONTACT_PHONE: "020 7946 0000",
      LOG_LEVEL: "debug",
    });
    const log = createLogger("debug", (line) => this.logs.push(JSON.parse(line) as Record<string, unknown>));
    this.app = await createApp(config, log, this.storage ? { storage: this.storage } : {});
    await this.app.ready;
    const server = this.app.server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    const addr = server.address() as { port: number };
    this.baseUrl = `http://127.0.0.1:${addr.port}`;
  }

  async stop(): Promise<void> {
    await this.idle();
    await new Promise<void>((resolve) => this.app?.server.close(() => resolve()));
    await this.fake.stop();
  }

  /** Waits until every acknowledged request has finished its work (posts included). */
  async idle(): Promise<void> {
    await this.app?.slack?.idle();
  }

  get logText(): string {
    return this.logs.map((l) => JSON.stringify(l)).join("\n");
  }

  nextTs(): string {
    this.seq += 1;
    return `1750000${String(this.seq).padStart(3, "0")}.000200`;
  }

  /** Sends a signed request and waits for its work; returns the HTTP response. */
  async send(path: string, req: ReturnType<typeof jsonRequest>): Promise<Response> {
    const res = await post(this.baseUrl, path, req);
    await this.idle();
    return res;
  }

  event(event: Record<string, unknown>, o?: SendOptions, eventId?: string) {
    this.seq += 1;
    return jsonRequest(
      {
        token: "unused",
        team_id: TEAM,
        api_app_id: "A0APP",
        type: "event_callback",
        event_id: eventId ?? `Ev${this.seq}`,
        event_time: Math.floor(Date.now() / 1000),
        event,
        authorizations: [{ enterprise_id: null, team_id: TEAM, user_id: BOT_USER, is_bot: true }],
      },
      o,
    );
  }

  dm(text: string, o?: SendOptions) {
    return this.send(
      "/api/slack/events",
      this.event(
        { type: "message", channel: DM, channel_type: "im", user: CLINICIAN, text, ts: this.nextTs() },
        o,
      ),
    );
  }

  mention(text: string, threadTs?: string, o?: SendOptions) {
    const ts = this.nextTs();
    const event = {
      type: "app_mention",
      channel: CHANNEL,
      user: CLINICIAN,
      text: `<@${BOT_USER}> ${text}`,
      ts,
      ...(threadTs ? { thread_ts: threadTs } : {}),
    };
    return { ts, res: this.send("/api/slack/events", this.event(event, o)) };
  }

  command(text: string, channel = CHANNEL, o?: SendOptions) {
    return this.send("/api/slack/commands", this.commandRequest(text, channel, o));
  }

  /** The signed request for `/triage <text>` (without sending it). */
  commandRequest(text: string, channel = CHANNEL, o?: SendOptions) {
    this.seq += 1;
    return formRequest(
      {
        token: "unused",
        team_id: TEAM,
        team_domain: "nhs-msk",
        channel_id: channel,
        channel_name: channel.startsWith("D") ? "directmessage" : "msk-team",
        user_id: CLINICIAN,
        user_name: "clinician",
        command: "/triage",
        text,
        api_app_id: "A0APP",
        response_url: this.fake.responseUrl(`cmd${this.seq}`),
        trigger_id: `trig.${this.seq}`,
      },
      o,
    );
  }

  /** A click on a button (by action id) or a select option (by answer) in a message the bot posted. */
  clickRequest(
    message: ApiCall,
    actionId: string,
    optionAnswer?: unknown,
    o?: SendOptions,
    ticked?: string[],
  ) {
    this.seq += 1;
    const blocks = (message.args.blocks ?? []) as Array<Record<string, unknown>>;
    const found = findAction(blocks, actionId);
    if (!found) throw new Error(`no ${actionId} in message`);
    const { element, blockId } = found;
    const channel = String(message.args.channel);
    const ts = String(message.response?.ts);
    const threadTs = message.args.thread_ts as string | undefined;
    let action: Record<string, unknown>;
    if (element.type === "static_select") {
      const options = element.options as Array<{ text: { text: string }; value: string }>;
      const option = options.find(
        (op) => (JSON.parse(op.value) as { answer: unknown }).answer === optionAnswer,
      );
      if (!option) throw new Error(`no option ${String(optionAnswer)}`);
      action = { type: "static_select", action_id: actionId, block_id: blockId, selected_option: option };
    } else {
      action = {
        type: "button",
        action_id: actionId,
        block_id: blockId,
        value: element.value,
        text: element.text,
      };
    }
    const payload = {
      type: "block_actions",
      user: { id: CLINICIAN, username: "clinician", team_id: TEAM },
      api_app_id: "A0APP",
      token: "unused",
      container: {
        type: "message",
        message_ts: ts,
        channel_id: channel,
        is_ephemeral: false,
        ...(threadTs ? { thread_ts: threadTs } : {}),
      },
      trigger_id: `trig.${this.seq}`,
      team: { id: TEAM, domain: "nhs-msk" },
      channel: { id: channel, name: channel.startsWith("D") ? "directmessage" : "msk-team" },
      message: { type: "message", ts, ...(threadTs ? { thread_ts: threadTs } : {}), blocks },
      response_url: this.fake.responseUrl(`act${this.seq}`),
      actions: [{ ...action, action_ts: `${Math.floor(Date.now() / 1000)}.${this.seq}` }],
      ...(ticked ? { state: { values: checkboxState(blocks, ticked) } } : {}),
    };
    return formRequest({ payload: JSON.stringify(payload) }, o);
  }

  click(message: ApiCall, actionId: string, optionAnswer?: unknown) {
    return this.send("/api/slack/interactions", this.clickRequest(message, actionId, optionAnswer));
  }

  /** A click on a screen's button with these boxes ticked (Slack sends them in state.values). */
  clickScreen(message: ApiCall, actionId: string, ticked: string[]) {
    return this.send(
      "/api/slack/interactions",
      this.clickRequest(message, actionId, undefined, undefined, ticked),
    );
  }
}

/** state.values as Slack sends it: every checkboxes element of the message, with its ticked options. */
function checkboxState(blocks: Array<Record<string, unknown>>, ticked: string[]) {
  const values: Record<string, Record<string, unknown>> = {};
  for (const b of blocks) {
    for (const e of (b.elements as Array<Record<string, unknown>> | undefined) ?? []) {
      if (e.type !== "checkboxes") continue;
      const options = (e.options as Array<{ value: string }>).filter((o) => ticked.includes(o.value));
      values[String(b.block_id)] = {
        [String(e.action_id)]: { type: "checkboxes", selected_options: options },
      };
    }
  }
  return values;
}

export function findAction(
  blocks: Array<Record<string, unknown>>,
  actionId: string,
): { element: Record<string, unknown>; blockId: string } | undefined {
  for (const b of blocks) {
    const elements = [
      ...((b.elements as Array<Record<string, unknown>> | undefined) ?? []),
      ...(b.accessory ? [b.accessory as Record<string, unknown>] : []),
    ];
    const element = elements.find((e) => e.action_id === actionId);
    if (element) return { element, blockId: String(b.block_id ?? "") };
  }
  return undefined;
}
