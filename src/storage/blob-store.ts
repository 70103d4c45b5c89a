import { text } from "node:stream/consumers";
import { ContainerClient, type StoragePipelineOptions } from "@azure/storage-blob";
import type { Storage, StoreItem, StoreItems } from "botbuilder";
import { EtagConflictError, MUST_NOT_EXIST } from "./etag.js";
import { LATE_WRITE_DISCARDED } from "./late-write.js";
import { StorageUnavailableError } from "./unavailable.js";

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

export { StorageUnavailableError };

/**
 * Metadata on each state blob: a time (ms since the epoch) its write should have reached storage
 * by. It is half the call's deadline: Last-Modified is truncated to the second, so a write that
 * lands after the client gave up (start + deadline) always shows a Last-Modified past it, while a
 * normal write (milliseconds) never does.
 */
const WRITE_BY = "writeby";

export { LATE_WRITE_DISCARDED };

export interface BlobStoreOptions extends StoragePipelineOptions {
  /** Each request is abandoned after this long (the turn's storage deadline). */
  callTimeoutMs?: number;
}

export class BlobStore implements Storage {
  private readonly container: ContainerClient;
  private readonly callTimeoutMs: number;

  constructor(connectionString: string, containerName: string, options: BlobStoreOptions = {}) {
    const { callTimeoutMs = 10_000, ...pipeline } = options;
    this.callTimeoutMs = callTimeoutMs;
    this.container = new ContainerClient(connectionString, containerName, {
      retryOptions: TURN_RETRIES,
      ...pipeline,
    });
  }

  private signal(): AbortSignal {
    return AbortSignal.timeout(this.callTimeoutMs);
  }

  /** A cheap round trip for the readiness probe. */
  async probe(): Promise<void> {
    await this.container.getProperties({ abortSignal: this.signal() });
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
        this.container
          .deleteBlob(blobName(key), { deleteSnapshots: "include", abortSignal: this.signal() })
          .catch(ignore(404)),
      ),
    );
  }

  private async readOne(key: string): Promise<StoreItem | undefined> {
    const blob = this.container.getBlobClient(blobName(key));
    const download = await blob.download(0, undefined, { abortSignal: this.signal() }).catch(ignore(404));
    if (!download?.readableStreamBody) return undefined;
    const value = JSON.parse(await text(download.readableStreamBody)) as StoreItem;
    const writeBy = Number(download.metadata?.[WRITE_BY]);
    const written = download.lastModified?.getTime();
    if (Number.isFinite(writeBy) && written !== undefined && written > writeBy) {
      // The write arrived after the turn had told the clinician it was not used: never apply it.
      return { [LATE_WRITE_DISCARDED]: true, eTag: download.etag };
    }
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
          metadata: { [WRITE_BY]: String(Date.now() + this.callTimeoutMs / 2) },
          abortSignal: this.signal(),
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
