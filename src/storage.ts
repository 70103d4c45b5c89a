import type { Storage } from "botbuilder";
import type { Config } from "./config.js";
import { BoundedMemoryStorage } from "./storage/memory-store.js";

// Conversation state store, chosen by config: memory for one process, Azure Blob for scale-out
// (several processes share one container; writes are eTag-conditional, see storage/).

export { ConditionalConversationState } from "./storage/conditional-state.js";
export { CONFLICT_NOTICE, EtagConflictGuard } from "./storage/conflict-guard.js";
export { DeadlineStorage, isStorageFault, StorageTimeoutError } from "./storage/deadline-store.js";
export { EtagConflictError, isEtagConflict } from "./storage/etag.js";
export { StorageFaultGuard } from "./storage/fault-guard.js";
export { StorageHealth } from "./storage/health.js";
export { BoundedMemoryStorage } from "./storage/memory-store.js";
export { StorageUnavailableError } from "./storage/unavailable.js";

export async function createStorage(config: Config): Promise<Storage> {
  if (config.STORAGE === "blob") {
    // Imported only when configured: the Azure SDK costs a memory-store server RSS and start-up time.
    const { BlobStore } = await import("./storage/blob-store.js");
    return new BlobStore(config.BLOB_CONNECTION_STRING as string, config.BLOB_CONTAINER, {
      callTimeoutMs: config.STORAGE_TIMEOUT_MS,
    });
  }
  return new BoundedMemoryStorage({
    idleMs: config.TRIAGE_IDLE_MINUTES * 60_000,
    maxItems: config.MEMORY_STORE_MAX_CONVERSATIONS,
  });
}

/** A store with something to create before the first turn (the Blob store's container). */
interface PreparedOnStart {
  ensureContainer(): Promise<void>;
}

function isPreparedOnStart(storage: Storage): storage is Storage & PreparedOnStart {
  return typeof (storage as Partial<PreparedOnStart>).ensureContainer === "function";
}

/** Start-up check: creates the blob container if missing; rejects with StorageUnavailableError if unreachable. */
export async function prepareStorage(storage: Storage): Promise<void> {
  if (isPreparedOnStart(storage)) await storage.ensureContainer();
}

/** The readiness probe: one real read through the deadline (a key no conversation uses). */
export async function probeStorage(storage: Storage): Promise<void> {
  await storage.read(["readiness-probe"]);
}
