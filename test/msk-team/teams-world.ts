import type { Activity, Storage } from "botbuilder";
import { type App, createApp } from "../../src/app.js";
import { readConfig } from "../../src/config.js";
import { createLogger } from "../../src/logging.js";
import type { MskQueryEvent } from "../../src/msk-team/index.js";
import { FakeConnector } from "../teams/fake-connector.js";

// Teams for the MSK team tests: the real server (createApp on a loopback port) and a loopback fake
// Bot Framework connector as every conversation's serviceUrl, so the bot's replies, proactive
// posts and in-place updates all arrive there as HTTP calls the tests can read.

export const BOT = { id: "28:msk-triage-bot", name: "MSK Triage" };
export const TENANT = "00000000-0000-0000-0000-0000000000aa";
export const TEAM_CHANNEL = "19:msk-team@thread.tacv2";
export const MEMBER = { id: "29:physio-lead", name: "Alex Physio", aadObjectId: "aad-member-1" };
export const OUTSIDER = { id: "29:someone", name: "Sam Else", aadObjectId: "aad-outsider" };
export const CLINICIAN = { id: "29:gp", name: "Dr Gee Pee", aadObjectId: "aad-gp" };
export const PERSONAL = "a:1personal-chat-of-the-gp";

type Who = { id: string; name: string; aadObjectId: string };

export interface TeamsWorldOptions {
  env?: Record<string, string>;
  storage?: Storage;
  clock?: () => Date;
  /** Share another world's fake connector (a second bot instance behind the same Teams). */
  connector?: FakeConnector;
}

export class TeamsWorld {
  readonly connector: FakeConnector;
  /** What the bot told the audit hook about MSK team queries. */
  readonly queryEvents: MskQueryEvent[] = [];
  app: App | undefined;
  private baseUrl = "";
  private seq = 0;
  private readonly ownsConnector: boolean;

  constructor(private readonly o: TeamsWorldOptions = {}) {
    this.connector = o.connector ?? new FakeConnector();
    this.ownsConnector = !o.connector;
  }

  async start(): Promise<void> {
    if (this.ownsConnector) await this.connector.start();
    const config = readConfig({ LOG_LEVEL: "silent", ...this.o.env });
    this.app = await createApp(config, createLogger("silent"), {
      ...(this.o.storage ? { storage: this.o.storage } : {}),
      ...(this.o.clock ? { clock: this.o.clock } : {}),
      onMskQuery: (event) => this.queryEvents.push(event),
    });
    await this.app.ready;
    const server = this.app.server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    this.baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.app?.server.close(() => resolve()));
    if (this.ownsConnector) await this.connector.stop();
  }

  /** Posts one Teams activity to the bot (normal delivery: its replies go to the fake connector). */
  async post(activity: Partial<Activity>): Promise<void> {
    this.seq += 1;
    const body = {
      type: "message",
      id: `teams-${Date.now()}-${this.seq}`,
      channelId: "msteams",
      serviceUrl: this.connector.url,
      recipient: BOT,
      timestamp: new Date().toISOString(),
      ...activity,
    };
    const res = await fetch(`${this.baseUrl}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`bot answered HTTP ${res.status}: ${await res.text()}`);
  }

  /** A message in a thread of the team's channel, mentioning the bot. */
  inChannel(text: string, from: Who = MEMBER, thread = "1700000000001") {
    return this.post({
      from,
      conversation: channelConversation(thread),
      channelData: { tenant: { id: TENANT }, team: { id: TEAM_CHANNEL }, channel: { id: TEAM_CHANNEL } },
      text: `<at>${BOT.name}</at> ${text}`,
      entities: [{ type: "mention", mentioned: BOT, text: `<at>${BOT.name}</at>` }],
    });
  }

  /** A card button pressed in the channel: Teams sends its data (with the card's inputs) as `value`. */
  clickInChannel(
    conversationId: string,
    replyToId: string,
    value: Record<string, unknown>,
    from: Who = MEMBER,
  ) {
    return this.post({
      from,
      conversation: {
        id: conversationId,
        conversationType: "channel",
        isGroup: true,
        tenantId: TENANT,
        name: "",
      },
      channelData: { tenant: { id: TENANT }, team: { id: TEAM_CHANNEL }, channel: { id: TEAM_CHANNEL } },
      replyToId,
      value,
    } as Partial<Activity>);
  }

  /** A message or card submit in the clinician's personal chat with the bot. */
  personal(message: { text?: string; value?: Record<string, unknown>; replyToId?: string }) {
    return this.post({
      from: CLINICIAN,
      conversation: {
        id: PERSONAL,
        conversationType: "personal",
        tenantId: TENANT,
        isGroup: false,
        name: "",
      },
      channelData: { tenant: { id: TENANT } },
      text: message.text ?? "",
      ...(message.value ? { value: message.value } : {}),
      ...(message.replyToId ? { replyToId: message.replyToId } : {}),
    } as Partial<Activity>);
  }
}

export function channelConversation(thread: string) {
  return {
    id: `${TEAM_CHANNEL};messageid=${thread}`,
    conversationType: "channel",
    isGroup: true,
    tenantId: TENANT,
    name: "",
  } as Activity["conversation"];
}
