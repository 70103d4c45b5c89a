import { type Activity, ActivityTypes, ConversationState, MemoryStorage, TestAdapter } from "botbuilder";
import { TriageConversation } from "../../dialogs/conversation.js";
import { loadPack, type Pack } from "../../rules/packs/index.js";
import type { Region } from "../../rules/vocabulary.js";
import { replyAndReset, TriageBot } from "../../src/bot.js";
import { ChannelPresenter } from "../../src/channels/presenter.js";
import { createLogger } from "../../src/logging.js";

// The real bot (TriageBot + TriageConversation + ChannelPresenter rendering real cards) on
// botbuilder's TestAdapter, with MemoryStorage and a logger at debug level whose lines are kept,
// so a test can look at everything the bot stored and logged.

type Reply = Partial<Activity>;

export interface QuickCheckHarness {
  pack: Pack;
  storage: MemoryStorage;
  /** Every log line the bot wrote, debug level and up. */
  logLines: string[];
  /** Sends a message or an activity (e.g. a card submit); returns this turn's replies. */
  say(input: string | Reply): Promise<Reply[]>;
  /** Everything the storage holds, serialised. */
  stored(): Promise<string>;
}

export function quickCheckHarness(region: Region = "NEL"): QuickCheckHarness {
  const pack = loadPack(region);
  const storage = new MemoryStorage();
  const state = new ConversationState(storage);
  const logLines: string[] = [];
  const log = createLogger("debug", (line) => logLines.push(line));
  const presenter = new ChannelPresenter(log);
  const conversation = new TriageConversation(state, pack, presenter, () => new Date("2026-01-01T09:00:00Z"));
  const bot = new TriageBot(state, conversation, presenter, pack);
  const adapter = new TestAdapter((context) => bot.run(context));
  adapter.onTurnError = replyAndReset(state, log);

  return {
    pack,
    storage,
    logLines,
    async say(input) {
      const activity: Reply =
        typeof input === "string" ? { type: ActivityTypes.Message, text: input } : input;
      activity.type ??= ActivityTypes.Message;
      activity.channelId ??= "msteams";
      await adapter.processActivity(activity);
      return adapter.activeQueue.splice(0);
    },
    async stored() {
      // MemoryStorage keeps JSON strings in `memory`; read every key through the public API.
      const keys = Object.keys((storage as unknown as { memory: Record<string, string> }).memory);
      return JSON.stringify(await storage.read(keys));
    },
  };
}
