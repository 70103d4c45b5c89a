import { MemoryStorage, type Storage } from "botbuilder";
import { BlobsStorage } from "botbuilder-azure-blobs";
import type { Config } from "./config.js";

/** Conversation state store, chosen by config: memory for one process, Azure Blob for scale-out. */
export function createStorage(config: Config): Storage {
  if (config.STORAGE === "blob") {
    return new BlobsStorage(config.BLOB_CONNECTION_STRING as string, config.BLOB_CONTAINER);
  }
  return new MemoryStorage();
}
