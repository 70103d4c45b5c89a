import { text } from "node:stream/consumers";
import { ContainerClient, type StoragePipelineOptions } from "@azure/storage-blob";
import type { Storage, StoreItem, StoreItems } from "botbuilder";
import { EtagConflictError, MUST_NOT_EXIST } from "./etag.js";

// Conversation state in one Azure Blob container, shared by every bot process behind the load
// balancer. Unlike botbuilder-azure-blobs' BlobsStorage it can also create a blob only if it is
// still absent (If-None-Match: *), and it hands the new eTag back on the written item, so a
// second save in the same turn is still conditional on what this turn wrote.

/** Turn budget: Teams resends a message after ~15 s, so storage gives up well before that. */
const TURN_RETRIES: StoragePipelineOptions["retryOptions"] = {
  maxTries: 3,
  tryTimeoutInMs: 4_000,
  retryDelayInMs: 100,
  maxRetryDelayInMs: 1_000,
};

export class StorageUnavailableError extends Error {
  override name = "StorageUnavailableError";
}

export class BlobStore implements Storage {
  private readonly container: ContainerClient;

  constructor(connectionString: string, containerName: string, options: StoragePipelineOptions = {}) {
    this.container = new ContainerClient(connectionString, containerName, {
      retryOptions: TURN_RETRIES,
      ...options,
    });
  }

  /** Creates the container if it is missing. Call once at start-up: fails clearly if the account is unreachable. */
  async ensureContainer(): Promise<void> {
    try {
      await this.container.createIfNotExists();
    } catch (err) {
      const detail = err instanceof Error ? err.message.split("\n")[0] : String(err);
      throw new StorageUnavailableError(
        `Blob storage is not reachable (container "${this.container.containerName}" at ${this.container.url}): ${detail}`,
      );
    }
  }

  async read(keys: string[]): Promise<StoreItems> {
    const found = await Promise.all(keys.map(async (key) => [key, await this.readOne(key)] as const));
    return Object.fromEntries(found.filter(([, item]) => item !== undefined));
  }

  async write(changes: StoreItems): Promise<void> {
    await Promise.all(Object.entries(changes).map(([key, item]) => this.writeOne(key, item as StoreItem)));
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(
      keys.map((key) =>
        this.container.deleteBlob(blobName(key), { deleteSnapshots: "include" }).catch(ignore(404)),
      ),
    );
  }

  private async readOne(key: string): Promise<StoreItem | undefined> {
    const blob = this.container.getBlobClient(blobName(key));
    const download = await blob.download().catch(ignore(404));
    if (!download?.readableStreamBody) return undefined;
    const value = JSON.parse(await text(download.readableStreamBody)) as StoreItem;
    return { ...value, eTag: download.etag };
  }

  private async writeOne(key: string, item: StoreItem): Promise<void> {
    const { eTag, ...value } = item;
    const body = JSON.stringify(value);
    const conditions =
      eTag === MUST_NOT_EXIST
        ? { ifNoneMatch: "*" }
        : typeof eTag === "string" && eTag !== "*" && eTag !== ""
          ? { ifMatch: eTag }
          : {};
    try {
      const res = await this.container
        .getBlockBlobClient(blobName(key))
        .upload(body, Buffer.byteLength(body), {
          conditions,
          blobHTTPHeaders: { blobContentType: "application/json" },
        });
      // Hand the new version back so the caller's next conditional write matches it.
      if (res.etag) item.eTag = res.etag;
    } catch (err) {
      const status = statusOf(err);
      // 412: the blob changed since it was read; 409: someone created it first.
      if (status === 412 || status === 409) throw new EtagConflictError(key);
      throw err;
    }
  }
}

/** Same naming as BlobsStorage (slashes collapsed, URI-encoded), so either can read the other's blobs. */
export function blobName(key: string): string {
  if (!key) throw new Error("storage key is empty");
  const collapsed = key
    .split("/")
    .filter((part, i) => part || i === 0)
    .join("/");
  return encodeURIComponent(collapsed).slice(0, 1024);
}

function statusOf(err: unknown): number | undefined {
  return typeof err === "object" && err !== null && "statusCode" in err ? Number(err.statusCode) : undefined;
}

function ignore(status: number) {
  return (err: unknown): undefined => {
    if (statusOf(err) === status) return undefined;
    throw err;
  };
}
