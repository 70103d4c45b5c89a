import { createHash } from "node:crypto";
import type { Storage } from "botbuilder";
import type { Logger } from "../../logging.js";
import { isEtagConflict, MUST_NOT_EXIST } from "../../storage/etag.js";
import type { ReplayGuard } from "./replay-guard.js";

// Request signatures already seen, kept in the shared conversation store as well as in memory, so
// a replayed request is refused after a restart or on another instance. Each signature becomes a
// small item written only if absent; Slack refuses timestamps older than five minutes anyway, so
// the items only need keeping a little longer (delete `slack-replay/` blobs older than a day with
// a lifecycle rule). If the store cannot be reached the in-memory guard still answers.

export class SharedReplayGuard {
  constructor(
    private readonly local: ReplayGuard,
    private readonly store: Storage | undefined,
    private readonly log: Logger,
  ) {}

  async firstTime(signature: string): Promise<boolean> {
    if (!this.local.firstTime(signature)) return false;
    if (!this.store) return true;
    const key = `slack-replay/${createHash("sha256").update(signature).digest("hex")}`;
    try {
      await this.store.write({ [key]: { at: Date.now(), eTag: MUST_NOT_EXIST } });
      return true;
    } catch (err) {
      if (isEtagConflict(err)) return false;
      this.log.warn("slack_replay_store_unavailable", { error: err instanceof Error ? err.name : "Error" });
      return true;
    }
  }
}
