import { ConversationState, type Storage, type StoreItem, type TurnContext } from "botbuilder";
import { transportOf } from "../transport.js";
import { EtagConflictError, isEtagConflict, MUST_NOT_EXIST } from "./etag.js";

// BotState.saveChanges writes with eTag "*": two turns of one conversation in two processes would
// silently overwrite each other. This state writes only if the stored item is still the version
// this turn read (or still absent), and throws EtagConflictError otherwise.

interface ReadVersion {
  eTag: string;
  /** The state as this turn read or last wrote it (see `fingerprint`). */
  fingerprint: string;
}

export class ConditionalConversationState extends ConversationState {
  private readonly versionKey = Symbol("conditionalStateVersion");

  constructor(private readonly store: Storage) {
    super(store);
  }

  override async load(context: TurnContext, force = false): Promise<Record<string, unknown>> {
    const reading = force || this.get(context) === undefined;
    const state = (await super.load(context, force)) as StoreItem;
    if (reading) {
      const eTag = typeof state.eTag === "string" && state.eTag !== "*" ? state.eTag : MUST_NOT_EXIST;
      context.turnState.set(this.versionKey, { eTag, fingerprint: fingerprint(state) } satisfies ReadVersion);
    }
    return state;
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    const state = this.get(context) as StoreItem | undefined;
    const read = context.turnState.get(this.versionKey) as ReadVersion | undefined;
    if (!state || !read) {
      if (force)
        throw new Error("ConditionalConversationState: saveChanges(force) before the state was loaded");
      return;
    }
    const written = fingerprint(state);
    if (!force && written === read.fingerprint) return;

    const key = this.keyOf(context);
    const item: StoreItem = { ...state, eTag: read.eTag };
    try {
      await this.store.write({ [key]: item });
    } catch (err) {
      if (isEtagConflict(err)) throw new EtagConflictError(key);
      throw err;
    }
    const eTag = item.eTag && item.eTag !== read.eTag ? item.eTag : await this.currentETag(key);
    context.turnState.set(this.versionKey, { eTag, fingerprint: written } satisfies ReadVersion);
  }

  /** Each transport has its own key space: `<transport>/<channelId>/conversations/<id>/`. */
  override getStorageKey(context: TurnContext): string | undefined {
    const key = super.getStorageKey(context);
    return key ? `${transportOf(context)}/${key}` : undefined;
  }

  override async delete(context: TurnContext): Promise<void> {
    await super.delete(context);
    context.turnState.delete(this.versionKey);
  }

  /** Stores that do not report the new eTag on write (MemoryStorage) are asked for it. */
  private async currentETag(key: string): Promise<string> {
    const items = await this.store.read([key]);
    const eTag = items[key]?.eTag;
    return typeof eTag === "string" ? eTag : MUST_NOT_EXIST;
  }

  private keyOf(context: TurnContext): string {
    const key = this.getStorageKey(context);
    if (!key) throw new Error("ConditionalConversationState: activity has no channelId or conversation id");
    return key;
  }
}

/**
 * What "changed" is judged by: the state's JSON without its eTag. Conversation state is plain JSON
 * (every store keeps it as JSON), so JSON.stringify is enough; botbuilder's calculateChangeHash
 * (a stringify with a replacer, then SHA-256) cost several times more per turn (bench:bot profile).
 */
function fingerprint(state: StoreItem): string {
  const { eTag: _eTag, ...rest } = state;
  return JSON.stringify(rest);
}
