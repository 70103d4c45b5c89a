// Teams behaviours at transcript level: Teams-shaped activities (channelId "msteams", channel /
// groupChat / personal conversations, <at> mentions) through the real TriageBot, presenter and
// dialogs, on botbuilder's TestAdapter. The browser tests in test/e2e/bot-suite show the same things
// rendered; these cover what the Playground cannot show (unmentioned messages, failing updates).
import {
  type Activity,
  ActivityTypes,
  type ConversationAccount,
  ConversationState,
  MemoryStorage,
  type ResourceResponse,
  TestAdapter,
  type TurnContext,
} from "botbuilder";
import { describe, expect, it } from "vitest";
import { LABELS } from "../../cards/labels.js";
import { TriageConversation } from "../../dialogs/conversation.js";
import { loadPack } from "../../rules/packs/index.js";
import { TriageBot } from "../../src/bot.js";
import { ChannelPresenter } from "../../src/channels/presenter.js";
import { createLogger } from "../../src/logging.js";

const BOT = { id: "28:msk-triage-bot", name: "MSK Triage" };
const CLINICIAN = {
  id: "29:clinician",
  name: "A Clinician",
  aadObjectId: "00000000-0000-0000-0000-000000000001",
};
const COLLEAGUE = { id: "29:colleague", name: "A Colleague" };
const AT_BOT = `<at>${BOT.name}</at>`;
const TENANT = { id: "00000000-0000-0000-0000-0000000000aa" };

type Scope = "channel" | "groupChat" | "personal";

/** Teams gives each channel thread its own conversation id: the channel's id plus ";messageid=<root post>". */
const CONVERSATIONS: Record<Scope, ConversationAccount> = {
  channel: {
    id: "19:msk-team-general@thread.tacv2;messageid=1700000000001",
    conversationType: "channel",
    isGroup: true,
    tenantId: TENANT.id,
    name: "",
  },
  groupChat: {
    id: "19:group-chat-1@thread.v2",
    conversationType: "groupChat",
    isGroup: true,
    tenantId: TENANT.id,
    name: "",
  },
  personal: {
    id: "a:1personal-chat",
    conversationType: "personal",
    isGroup: false,
    tenantId: TENANT.id,
    name: "",
  },
};

const CHANNEL_DATA: Record<Scope, Record<string, unknown>> = {
  channel: {
    tenant: TENANT,
    team: { id: "19:msk-team-general@thread.tacv2" },
    channel: { id: "19:msk-team-general@thread.tacv2" },
  },
  groupChat: { tenant: TENANT },
  personal: { tenant: TENANT },
};

/** TestAdapter that keeps every sent and updated activity, and can make updateActivity fail as Teams sometimes does. */
class TeamsTestAdapter extends TestAdapter {
  readonly sent: Partial<Activity>[] = [];
  readonly updates: Partial<Activity>[] = [];
  failUpdates = false;
  /** Answer sends without message ids, as the Agents Playground does for a message with text and a card. */
  withholdIds = false;

  override async sendActivities(
    context: TurnContext,
    activities: Partial<Activity>[],
  ): Promise<ResourceResponse[]> {
    const responses = await super.sendActivities(context, activities);
    this.sent.push(...activities);
    return this.withholdIds ? responses.map(() => ({ id: "" })) : responses;
  }

  override async updateActivity(
    context: TurnContext,
    activity: Partial<Activity>,
  ): Promise<ResourceResponse> {
    if (this.failUpdates) throw new Error("Forbidden: the message can no longer be edited");
    this.updates.push(activity);
    await super.updateActivity(context, activity);
    return { id: activity.id ?? "" };
  }
}

function teamsBot() {
  const pack = loadPack("NEL");
  const state = new ConversationState(new MemoryStorage());
  const presenter = new ChannelPresenter(createLogger("silent"));
  const bot = new TriageBot(state, new TriageConversation(state, pack, presenter), presenter, pack);
  const adapter = new TeamsTestAdapter((context) => bot.run(context));
  let nextId = 1;

  /** Sends one activity as Teams would and returns what the bot sent in that turn. */
  async function turn(scope: Scope, activity: Partial<Activity>): Promise<Partial<Activity>[]> {
    const before = adapter.sent.length;
    await adapter.processActivity({
      type: ActivityTypes.Message,
      id: `teams-${nextId++}`,
      channelId: "msteams",
      serviceUrl: "https://smba.trafficmanager.net/uk/",
      from: CLINICIAN,
      recipient: BOT,
      conversation: CONVERSATIONS[scope],
      channelData: CHANNEL_DATA[scope],
      ...activity,
    } as Activity);
    return adapter.sent.slice(before);
  }

  return {
    adapter,
    turn,
    /** A typed message; in channels and group chats it @mentions the bot unless `mention` is false. */
    say(scope: Scope, text: string, mention = scope !== "personal") {
      return turn(scope, {
        text: mention ? `${AT_BOT} ${text}` : text,
        entities: mention ? [mentionOf(BOT)] : [],
      });
    },
    /**
     * A card button press: Teams sends the button's data as `value`, with no text and no mention, and
     * `replyToId` naming the message that holds the card (left out here unless given).
     */
    click(scope: Scope, value: Record<string, unknown>, replyToId?: string) {
      return turn(scope, { value, ...(replyToId ? { replyToId } : {}) });
    },
  };
}

function mentionOf(who: { id: string; name: string }) {
  return { type: "mention", mentioned: who, text: `<at>${who.name}</at>` };
}

function card(activity: Partial<Activity> | undefined): Record<string, unknown> | undefined {
  return activity?.attachments?.[0]?.content as Record<string, unknown> | undefined;
}

/** Everything a reader could see in a message: its text and its card. */
function visible(activity: Partial<Activity>): string {
  return `${activity.text ?? activity.summary ?? ""}\n${JSON.stringify(card(activity) ?? {})}`;
}

/** The question id a question card's buttons submit, or undefined when the message is no question. */
function questionIdOf(activity: Partial<Activity> | undefined): string | undefined {
  return /"questionId":"([^"]+)"/.exec(JSON.stringify(card(activity) ?? {}))?.[1];
}

function actionsOf(activity: Partial<Activity> | undefined): unknown[] {
  return JSON.stringify(card(activity) ?? {}).match(/"type":"Action\.[A-Za-z]+"/g) ?? [];
}

const CES_ANSWERS: Record<string, unknown> = {
  body_area: "lumbar",
  age: 45,
  "screen:ces": {
    answer: "these",
    items: "saddle_anaesthesia,bladder_bowel_dysfunction,bilateral_leg_symptoms",
  },
  ces_symptom_weeks: 0,
  cancer_history: "no",
};

/** Answers every question by card click from `answers` (default "no", or the first choice) until an outcome. */
async function clickThrough(
  bot: ReturnType<typeof teamsBot>,
  scope: Scope,
  first: Partial<Activity>[],
  answers: Record<string, unknown> = {},
): Promise<Partial<Activity>[]> {
  const pack = loadPack("NEL");
  const all = [...first];
  let replies = first;
  for (let i = 0; i < 60; i++) {
    const qid = questionIdOf(replies.at(-1));
    if (!qid) return all;
    const q = pack.questionById.get(qid as never)?.public;
    // A screen: "None of these" unless the plan ticks some of its items.
    const fallback = qid.startsWith("screen:")
      ? "none"
      : q?.type === "choice"
        ? q.choices?.[0]?.value
        : q?.type === "number"
          ? 40
          : "no";
    const planned = answers[qid];
    const value =
      typeof planned === "object" && planned !== null
        ? { questionId: qid, ...(planned as Record<string, unknown>) }
        : { questionId: qid, answer: planned ?? fallback };
    const before = bot.adapter.updates.length;
    replies = await bot.click(scope, value);
    all.push(...replies);
    // The final outcome may replace an emergency card shown early.
    const replaced = bot.adapter.updates.slice(before).filter((u) => u.entities?.length);
    if (replaced.length > 0 && !questionIdOf(replies.at(-1))) return [...all, ...replaced];
  }
  throw new Error("no outcome after 60 answers");
}

const outcomeOf = (activities: Partial<Activity>[]) =>
  activities.filter((a) => a.entities?.some((e) => e.type === "mskTriageOutcome")).at(-1);

describe("mentions in channels and group chats", () => {
  it.each(["channel", "groupChat"] as const)(
    "in a %s, a message that does not @mention the bot gets no reply",
    async (scope) => {
      const bot = teamsBot();
      expect(await bot.say(scope, "is this urgent APP?", false)).toEqual([]);
      // Mentioning a colleague is not mentioning the bot.
      const toColleague = await bot.turn(scope, {
        text: `<at>${COLLEAGUE.name}</at> is this urgent APP?`,
        entities: [mentionOf(COLLEAGUE)],
      });
      expect(toColleague).toEqual([]);
    },
  );

  it.each(["channel", "groupChat"] as const)("in a %s, an @mention starts the triage", async (scope) => {
    const bot = teamsBot();
    const replies = await bot.say(scope, "is this urgent APP?");
    expect(questionIdOf(replies.at(-1))).toBe("body_area");
  });

  it("strips the mention before reading the message, so a mentioned command is recognised", async () => {
    const bot = teamsBot();
    await bot.say("channel", "is this urgent APP?");
    // "<at>MSK Triage</at> cancel" is only the cancel command once the mention is gone.
    const replies = await bot.say("channel", "cancel");
    expect(replies.map((r) => r.text ?? r.summary)).toEqual([
      "Triage cancelled. Type 'triage' to start again.",
    ]);
  });

  it("reads a typed answer that @mentions the bot in the thread", async () => {
    const bot = teamsBot();
    await bot.say("channel", "is this urgent APP?");
    await bot.click("channel", { questionId: "body_area", answer: "lumbar" });
    const replies = await bot.say("channel", "52");
    expect(questionIdOf(replies.at(-1))).toBe("screen:ces");
    expect(replies.map((r) => r.text ?? r.summary).join("\n")).not.toContain("could not read");
  });

  it("handles card submits in a channel though they carry no mention", async () => {
    const bot = teamsBot();
    await bot.say("channel", "is this urgent APP?");
    const replies = await bot.click("channel", { questionId: "body_area", answer: "limb" });
    expect(questionIdOf(replies.at(-1))).toBe("age");
  });

  it("answers in the thread it was asked in: same conversation id (with ;messageid=) and a reply to the post", async () => {
    const bot = teamsBot();
    const replies = await bot.say("channel", "is this urgent APP?");
    expect(replies.length).toBeGreaterThan(0);
    for (const reply of replies) {
      expect(reply.conversation?.id).toBe(CONVERSATIONS.channel.id);
      expect(reply.conversation?.id).toContain(";messageid=1700000000001");
      expect(reply.replyToId).toBeDefined();
    }
    const all = await clickThrough(bot, "channel", replies, CES_ANSWERS);
    expect(new Set(all.map((a) => a.conversation?.id))).toEqual(new Set([CONVERSATIONS.channel.id]));
  });

  it("keeps two threads of one channel apart: each runs its own triage", async () => {
    const bot = teamsBot();
    const threadB = {
      ...CONVERSATIONS.channel,
      id: "19:msk-team-general@thread.tacv2;messageid=1700000000999",
    };
    await bot.say("channel", "is this urgent APP?");
    await bot.click("channel", { questionId: "body_area", answer: "lumbar" });
    const inB = await bot.turn("channel", {
      conversation: threadB,
      text: `${AT_BOT} is this urgent APP?`,
      entities: [mentionOf(BOT)],
    });
    expect(questionIdOf(inB.at(-1))).toBe("body_area");
    expect(inB.every((a) => a.conversation?.id === threadB.id)).toBe(true);
    // Thread A still waits for its second question.
    const inA = await bot.click("channel", { questionId: "age", answer: 50 });
    expect(questionIdOf(inA.at(-1))).toBe("screen:ces");
  });
});

describe("patient details in shared conversations", () => {
  const message =
    "is this urgent APP? Mrs Jane Doe, NHS 943 476 5919, DOB 01/02/1961, 07700 900123, lives with her daughter Sarah in Leyton, no saddle numbness since her fall at Tesco";

  it.each(["channel", "groupChat"] as const)(
    "in a %s, nothing the bot posts repeats the message, its identifiers or its non-clinical details",
    async (scope) => {
      const bot = teamsBot();
      const all = await clickThrough(bot, scope, await bot.say(scope, message), CES_ANSWERS);
      expect(outcomeOf(all)).toBeDefined();
      const posted = [...all, ...bot.adapter.updates].map(visible).join("\n");
      expect(posted).not.toContain(message);
      for (const leak of [
        /\bJane\b/,
        /\bDoe\b/,
        /943 ?476 ?5919/,
        /01\/02\/1961/,
        /07700/,
        /daughter/i,
        /Sarah/,
        /Leyton/,
        /Tesco/,
      ]) {
        expect(posted).not.toMatch(leak);
      }
      // The bot says why it ignored the identifiers, and keeps the finding it needs.
      expect(posted).toContain("I don't need patient identifiers");
      // A finding that could lower urgency is quoted back for confirmation: only the finding's words.
      expect(posted).toContain('You mentioned \\"no saddle numbness\\"');
    },
  );

  it("the welcome in a channel or group chat says not to post patient details; the 1:1 welcome does not need to", async () => {
    for (const scope of ["channel", "groupChat"] as const) {
      const bot = teamsBot();
      const replies = await bot.turn(scope, {
        type: ActivityTypes.ConversationUpdate,
        membersAdded: [BOT],
      });
      expect(replies).toHaveLength(1);
      expect(visible(replies[0] ?? {})).toContain(LABELS.noPatientDetails);
    }
    const bot = teamsBot();
    const [personal] = await bot.turn("personal", { type: ActivityTypes.InstallationUpdate, action: "add" });
    expect(visible(personal ?? {})).toContain(LABELS.notForEmergencies);
    expect(visible(personal ?? {})).not.toContain(LABELS.noPatientDetails);
  });
});

describe("welcome on install", () => {
  it.each(["personal", "channel", "groupChat"] as const)(
    "in %s scope, repeated install events give one welcome card",
    async (scope) => {
      const bot = teamsBot();
      const events: Partial<Activity>[] = [
        { type: ActivityTypes.InstallationUpdate, action: "add" },
        { type: ActivityTypes.ConversationUpdate, membersAdded: [BOT, CLINICIAN] },
        { type: ActivityTypes.InstallationUpdate, action: "add" },
        { type: ActivityTypes.ConversationUpdate, membersAdded: [BOT] },
      ];
      const replies: Partial<Activity>[] = [];
      for (const event of events) replies.push(...(await bot.turn(scope, event)));
      expect(replies).toHaveLength(1);
      expect(JSON.stringify(card(replies[0]))).toContain(LABELS.welcomeTitle);
      expect(replies[0]?.summary).toContain(LABELS.notForEmergencies);
    },
  );

  it("a colleague joining a group chat is not welcomed again", async () => {
    const bot = teamsBot();
    await bot.turn("groupChat", { type: ActivityTypes.ConversationUpdate, membersAdded: [BOT] });
    const later = await bot.turn("groupChat", {
      type: ActivityTypes.ConversationUpdate,
      membersAdded: [COLLEAGUE],
    });
    expect(later).toEqual([]);
  });
});

describe("answered question cards", () => {
  it("are replaced in place with the answer and no buttons", async () => {
    const bot = teamsBot();
    const [question] = await bot.say("personal", "is this urgent APP?");
    expect(actionsOf(question).length).toBeGreaterThan(0);
    await bot.click("personal", { questionId: "body_area", answer: "lumbar" });

    expect(bot.adapter.updates).toHaveLength(1);
    const update = bot.adapter.updates[0];
    expect(update?.id).toBe(question?.id);
    expect(actionsOf(update)).toEqual([]);
    expect(JSON.stringify(card(update))).toContain("Where is the main problem?");
    expect(JSON.stringify(card(update))).toContain("Answer: Lower back");
    // Teams rejects an update that carries text beside the card ("multiple skype activities").
    expect(update?.text).toBeUndefined();
  });

  it("the card named by the submit's replyToId is the one replaced", async () => {
    // The Agents Playground stores text and card as two messages and returns the text's id on send:
    // the submit's replyToId is what points at the card.
    const bot = teamsBot();
    const [question] = await bot.say("personal", "is this urgent APP?");
    await bot.click("personal", { questionId: "body_area", answer: "limb" }, "client-card-message-7");
    expect(bot.adapter.updates.map((u) => u.id)).toEqual(["client-card-message-7"]);
    expect(question?.id).not.toBe("client-card-message-7");
  });

  it("when the client gave no id on send, a clicked card is still replaced and a typed answer skips the update", async () => {
    const bot = teamsBot();
    bot.adapter.withholdIds = true;
    await bot.say("personal", "is this urgent APP?");
    const [age] = await bot.click("personal", { questionId: "body_area", answer: "limb" }, "card-1");
    expect(bot.adapter.updates.map((u) => u.id)).toEqual(["card-1"]);
    expect(questionIdOf(age)).toBe("age");
    const next = await bot.say("personal", "52");
    expect(bot.adapter.updates).toHaveLength(1);
    expect(questionIdOf(next.at(-1))).toBe("cancer_history");
  });

  it("a typed answer replaces the question card by the id it was sent with", async () => {
    const bot = teamsBot();
    await bot.say("personal", "is this urgent APP?");
    const [age] = await bot.click("personal", { questionId: "body_area", answer: "limb" });
    expect(questionIdOf(age)).toBe("age");
    await bot.say("personal", "52");
    expect(bot.adapter.updates).toHaveLength(2);
    expect(bot.adapter.updates[1]?.id).toBe(age?.id);
  });

  it("a click on the old card after the update changes nothing", async () => {
    const bot = teamsBot();
    await bot.say("personal", "is this urgent APP?");
    await bot.click("personal", { questionId: "body_area", answer: "lumbar" });
    const stale = await bot.click("personal", { questionId: "body_area", answer: "limb" });
    expect(stale.map((a) => a.text ?? a.summary)).toEqual([
      "That question has already been answered, so nothing was changed. Please answer the latest question.",
    ]);
  });

  it("when updateActivity fails, the triage still runs to its outcome", async () => {
    const bot = teamsBot();
    bot.adapter.failUpdates = true;
    const all = await clickThrough(
      bot,
      "personal",
      await bot.say("personal", "is this urgent APP?"),
      CES_ANSWERS,
    );
    expect(bot.adapter.updates).toEqual([]);
    const outcome = outcomeOf(all);
    expect(outcome?.entities?.find((e) => e.type === "mskTriageOutcome")).toMatchObject({
      route: "ED_NOW",
      urgency: "emergency",
    });
    expect(all.some((a) => /something went wrong/i.test(a.text ?? a.summary ?? ""))).toBe(false);
  });
});

describe("an outcome forwarded as text", () => {
  it.each([
    ["CES emergency", CES_ANSWERS, ["Emergency department", "Emergency", /cauda equina/i]],
    ["routine", { body_area: "limb" }, ["Routine physiotherapy", "Routine"]],
  ] as const)(
    "the %s outcome's plain text carries route, urgency, what to do and the safety net",
    async (_, answers, expected) => {
      const bot = teamsBot();
      const all = await clickThrough(
        bot,
        "personal",
        await bot.say("personal", "is this urgent APP?"),
        answers,
      );
      const text = outcomeOf(all)?.summary ?? "";
      for (const part of expected) expect(text).toMatch(part);
      expect(text).toMatch(new RegExp(`^${LABELS.whatToDoNow}: \\S`, "m"));
      expect(text).toMatch(new RegExp(`^${LABELS.safetyNet}: \\S`, "m"));
      // Plain text: no card markup or template leftovers.
      expect(text).not.toMatch(/\$\{|<at>|\*\*|"type"/);
    },
  );
});
