import {
  type Activity,
  ActivityTypes,
  ConversationState,
  MemoryStorage,
  type Storage,
  TestAdapter,
  type TurnContext,
} from "botbuilder";
import type { View } from "../../cards/views.js";
import { TriageConversation } from "../../dialogs/conversation.js";
import type { Presenter } from "../../dialogs/presenter.js";
import { loadPack, type Pack } from "../../rules/packs/index.js";
import type { Region } from "../../rules/vocabulary.js";
import { ArrivalStamp } from "../../src/arrival-stamp.js";
import { replyAndReset, TriageBot } from "../../src/bot.js";
import { ChannelPresenter } from "../../src/channels/presenter.js";
import { DuplicateActivityFilter } from "../../src/dedupe.js";
import { createLogger } from "../../src/logging.js";
import { ConversationTurnLock } from "../../src/turn-lock.js";

// The real bot as app.ts wires it (TriageBot, TriageConversation, ChannelPresenter rendering real
// cards, duplicate filter, turn lock, onTurnError), on botbuilder's TestAdapter with MemoryStorage.
// Each turn returns the replies it produced; card replacements are recorded separately.

export const TODAY = new Date("2026-01-01T09:00:00Z");

/** TestAdapter only swaps an update into its queue; keep every update so a test can assert it. */
export class RecordingAdapter extends TestAdapter {
  readonly updates: Array<Partial<Activity>> = [];

  override async updateActivity(context: TurnContext, activity: Partial<Activity>) {
    this.updates.push(activity);
    return super.updateActivity(context, activity);
  }
}

export interface HarnessOptions {
  region?: Region;
  /** Wraps the real presenter (e.g. to make it fail once). */
  presenter?: (real: ChannelPresenter) => Presenter;
  channelId?: string;
  /** Idle expiry settings and clock for TriageBot. */
  lifecycle?: { idleMinutes?: number; now?: () => number };
  storage?: Storage;
}

export interface Harness {
  adapter: RecordingAdapter;
  pack: Pack;
  /** Sends a message (text) or an activity (e.g. a card submit) and returns this turn's replies. */
  say(input: string | Partial<Activity>): Promise<Array<Partial<Activity>>>;
  /** A card submit, as Teams sends it: value only, no text. */
  submit(value: Record<string, unknown>): Promise<Array<Partial<Activity>>>;
  errors: string[];
}

export function botHarness(options: HarnessOptions = {}): Harness {
  const pack = loadPack(options.region ?? "NEL");
  const storage = options.storage ?? new MemoryStorage();
  const state = new ConversationState(storage);
  const errors: string[] = [];
  const log = createLogger("error", (line) => errors.push(line));
  const real = new ChannelPresenter(log);
  const presenter = options.presenter ? options.presenter(real) : real;
  const conversation = new TriageConversation(state, pack, presenter, () => TODAY);
  const bot = new TriageBot(state, conversation, presenter, pack, undefined, options.lifecycle);
  const adapter = new RecordingAdapter((context) => bot.run(context));
  adapter.use(new ArrivalStamp());
  adapter.use(new DuplicateActivityFilter());
  adapter.use(new ConversationTurnLock());
  adapter.onTurnError = replyAndReset(state, log);
  const channelId = options.channelId ?? "msteams";

  const say = async (input: string | Partial<Activity>) => {
    const activity: Partial<Activity> =
      typeof input === "string" ? { type: ActivityTypes.Message, text: input } : { ...input };
    activity.type ??= ActivityTypes.Message;
    activity.channelId ??= channelId;
    await adapter.processActivity(activity);
    return adapter.activeQueue.splice(0);
  };
  return {
    adapter,
    pack,
    say,
    submit: (value) => say({ type: ActivityTypes.Message, value }),
    errors,
  };
}

/** A presenter that throws on its nth send (1-based), then behaves. */
export function failingOnSend(n: number) {
  return (real: ChannelPresenter): Presenter => {
    let calls = 0;
    return {
      send(context: TurnContext, view: View) {
        calls += 1;
        if (calls === n) throw new Error("presenter failed (test)");
        return real.send(context, view);
      },
      replace: (context, id, view) => real.replace(context, id, view),
    };
  };
}
