import { ContainerClient } from "@azure/storage-blob";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BlobStore, blobName, LATE_WRITE_DISCARDED } from "../../src/storage/blob-store.js";
import { DeadlineStorage, StorageTimeoutError } from "../../src/storage/deadline-store.js";
import { type Azurite, startAzurite } from "./azurite.js";

// A write that reaches storage after its turn gave up (and told the clinician it was not used)
// must never be read back as the conversation's state.

let azurite: Azurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  await azurite?.stop();
});

describe("late writes", () => {
  it("a blob whose write landed after its write-by time reads back as discarded, eTag kept", async () => {
    const store = new BlobStore(azurite.connectionString, "late-1", { callTimeoutMs: 2_000 });
    await store.ensureContainer();
    const key = "msteams/conversations/late/";
    const body = JSON.stringify({ triageSession: { answers: { age: 60 } } });
    await new ContainerClient(azurite.connectionString, "late-1")
      .getBlockBlobClient(blobName(key))
      .upload(body, body.length, { metadata: { writeby: String(Date.now() - 10_000) } });
    const item = (await store.read([key]))[key];
    expect(item).toEqual({ [LATE_WRITE_DISCARDED]: true, eTag: expect.any(String) });
  });

  it("a write timed out against a frozen store is never read back after the store thaws", async () => {
    const blob = new BlobStore(azurite.connectionString, "late-2", { callTimeoutMs: 2_000 });
    await blob.ensureContainer();
    const store = new DeadlineStorage(blob, 2_000);
    const key = "slack/conversations/late/";
    await store.write({ [key]: { answers: { age: 40 }, eTag: "*" } });
    azurite.freeze();
    let err: unknown;
    try {
      err = await store.write({ [key]: { answers: { age: 99 }, eTag: "*" } }).catch((e: unknown) => e);
    } finally {
      azurite.thaw();
    }
    expect(err).toBeInstanceOf(StorageTimeoutError);
    await new Promise((r) => setTimeout(r, 1_500));
    const item = (await store.read([key]))[key] as Record<string, unknown>;
    expect((item.answers as { age?: number } | undefined)?.age).not.toBe(99);
  }, 20_000);
});
