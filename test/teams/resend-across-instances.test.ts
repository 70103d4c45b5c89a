import { type Activity, ConversationState, MemoryStorage, TestAdapter } from "botbuilder";
import { describe, expect, it } from "vitest";
import { TriageConversation } from "../../dialogs/conversation.js";
import { loadPack } from "../../rules/packs/index.js";
import { TriageBot } from "../../src/bot.js";
import { ChannelPresenter } from "../../src/channels/presenter.js";
import { createLogger } from "../../src/logging.js";

// Two bot instances behind a load balancer share conversation state but not memory. Teams resends a
// slow message with the same id, possibly to the other instance: it must not be applied twice.

function instance(storage: MemoryStorage) {
  const state = new ConversationState(storage);
  const pack = loadPack("NEL");
  const presenter = new ChannelPresenter(createLogger("silent"));
  const bot = new TriageBot(state, new TriageConversation(state, pack, presenter), presenter, pack);
  const adapter = new TestAdapter(async (context) => bot.run(context));
  return adapter;
}

async function deliver(adapter: TestAdapter, activity: Partial<Activity>): Promise<Array<Partial<Activity>>> {
  const before = adapter.activeQueue.length;
  await adapter.processActivity(activity);
  return adapter.activeQueue.splice(before);
}

const message = (id: string, text: string): Partial<Activity> => ({
  type: "message",
  id,
  text,
  channelId: "msteams",
  conversation: { id: "conv-1", conversationType: "personal" } as Activity["conversation"],
  from: { id: "clinician", name: "GP" },
  recipient: { id: "bot", name: "Bot" },
});

describe("a resent message reaching another instance", () => {
  it("is ignored there, so a typed answer is recorded once", async () => {
    const storage = new MemoryStorage();
    const a = instance(storage);
    const b = instance(storage);

    expect((await deliver(a, message("m1", "triage"))).length).toBeGreaterThan(0);
    const answered = await deliver(a, message("m2", "lower back"));
    expect(JSON.stringify(answered)).toContain("Question 2");

    // Teams resends m2 to instance B: nothing happens, the triage is still at question 2.
    expect(await deliver(b, message("m2", "lower back"))).toEqual([]);
    const next = await deliver(b, message("m3", "45"));
    expect(JSON.stringify(next)).toContain("Question 3");
  });

  it("a new message with a new id is still handled by either instance", async () => {
    const storage = new MemoryStorage();
    const a = instance(storage);
    const b = instance(storage);
    await deliver(a, message("x1", "triage"));
    expect(JSON.stringify(await deliver(b, message("x2", "neck")))).toContain("Question 2");
  });
});
