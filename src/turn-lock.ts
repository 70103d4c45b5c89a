import type { Middleware, TurnContext } from "botbuilder";

// State is read at the start of a turn and written at the end. Two turns of one conversation at
// once (a double-click) would overwrite each other, so turns of a conversation run one at a time
// within this process. Across processes, ETag checks in the storage layer do the same job.

export class ConversationTurnLock implements Middleware {
  private readonly tails = new Map<string, Promise<void>>();

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const key = `${context.activity.channelId}|${context.activity.conversation?.id}`;
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => {
      release = r;
    });
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    try {
      await next();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
