import { ContainerClient } from "@azure/storage-blob";
import { type Activity, MemoryStorage, type Storage, TestAdapter, TurnContext } from "botbuilder";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BlobStore, blobName, StorageUnavailableError } from "../../src/storage/blob-store.js";
import { ConditionalConversationState } from "../../src/storage/conditional-state.js";
import { EtagConflictError, MUST_NOT_EXIST } from "../../src/storage/etag.js";
import { type Azurite, connectionStringFor, startAzurite } from "./azurite.js";

let azurite: Azurite;
let containerCount = 0;

beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  await azurite?.stop();
});

async function freshBlobStore(): Promise<BlobStore> {
  const store = new BlobStore(azurite.connectionString, `state-${++containerCount}`);
  await store.ensureContainer();
  return store;
}

describe("BlobStore against Azurite", () => {
  it("creates its container at start-up if it is missing", async () => {
    const name = `created-${++containerCount}`;
    const container = new ContainerClient(azurite.connectionString, name);
    expect(await container.exists()).toBe(false);
    await new BlobStore(azurite.connectionString, name).ensureContainer();
    expect(await container.exists()).toBe(true);
    // A second process starting against the same container is fine.
    await new BlobStore(azurite.connectionString, name).ensureContainer();
  });

  it("fails clearly when the account is unreachable", async () => {
    const store = new BlobStore(connectionStringFor(9), "nowhere", {
      retryOptions: { maxTries: 1, tryTimeoutInMs: 2_000 },
    });
    const err = await store.ensureContainer().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageUnavailableError);
    expect((err as Error).message).toMatch(/not reachable.*"nowhere"/);
  });

  it("writes, reads back with an eTag, overwrites and deletes", async () => {
    const store = await freshBlobStore();
    const key = "msteams/conversations/a:1 b/";
    expect(await store.read([key])).toEqual({});

    await store.write({ [key]: { answers: { age: 40 }, note: "é – ✓", eTag: "*" } });
    const first = (await store.read([key]))[key];
    expect(first).toMatchObject({ answers: { age: 40 }, note: "é – ✓" });
    expect(typeof first?.eTag).toBe("string");

    await store.write({ [key]: { answers: { age: 41 }, eTag: first?.eTag } });
    const second = (await store.read([key, "missing/"]))[key];
    expect(second).toMatchObject({ answers: { age: 41 } });
    expect(second?.eTag).not.toBe(first?.eTag);

    await store.delete([key, "missing/"]);
    expect(await store.read([key])).toEqual({});
  });

  it("hands the new eTag back on the written item", async () => {
    const store = await freshBlobStore();
    const item = { n: 1, eTag: MUST_NOT_EXIST };
    await store.write({ k: item });
    expect(item.eTag).toBe((await store.read(["k"])).k?.eTag);
  });

  it("refuses a write whose eTag is stale, and a create when the item already exists", async () => {
    const store = await freshBlobStore();
    await store.write({ k: { n: 1, eTag: MUST_NOT_EXIST } });
    const read = (await store.read(["k"])).k;
    await store.write({ k: { n: 2, eTag: read?.eTag } });

    await expect(store.write({ k: { n: 3, eTag: read?.eTag } })).rejects.toBeInstanceOf(EtagConflictError);
    await expect(store.write({ k: { n: 4, eTag: MUST_NOT_EXIST } })).rejects.toBeInstanceOf(
      EtagConflictError,
    );
    expect((await store.read(["k"])).k).toMatchObject({ n: 2 });
  });

  it("names blobs like botbuilder-azure-blobs does", () => {
    expect(blobName("msteams/conversations/a:b//")).toBe("msteams%2Fconversations%2Fa%3Ab");
  });
});

const backends: Array<[string, () => Promise<Storage>]> = [
  ["memory", async () => new MemoryStorage()],
  ["blob", freshBlobStore],
];

describe.each(backends)("ConditionalConversationState over %s storage", (_name, makeStore) => {
  const activity: Partial<Activity> = {
    type: "message",
    channelId: "msteams",
    conversation: { id: "conv-1", isGroup: false, conversationType: "personal", name: "" },
    from: { id: "u", name: "" },
    recipient: { id: "bot", name: "" },
  };
  const turn = () => new TurnContext(new TestAdapter(), { ...activity });

  it("rejects the second of two turns that read the same version, keeping the first turn's write", async () => {
    const store = await makeStore();
    const state = new ConditionalConversationState(store);
    const answers = state.createProperty<string[]>("answers");
    const a = turn();
    const b = turn();
    await state.load(b); // b reads while the conversation has no state yet
    await answers.set(a, ["first"]);
    await state.saveChanges(a);

    // Two turns (two processes) both read the first version...
    const c = turn();
    const d = turn();
    await answers.set(c, ["first", "from c"]);
    await answers.set(d, ["first", "from d"]);
    await state.saveChanges(c);
    // ...the later save must not overwrite the earlier one.
    await expect(state.saveChanges(d)).rejects.toBeInstanceOf(EtagConflictError);
    expect(await answers.get(await loaded(state, turn()))).toEqual(["first", "from c"]);

    // A turn that started before any write existed may not create over it either.
    await answers.set(b, ["stale create"]);
    await expect(state.saveChanges(b)).rejects.toBeInstanceOf(EtagConflictError);
  });

  it("lets one turn save twice (its own write does not count as a conflict)", async () => {
    const store = await makeStore();
    const state = new ConditionalConversationState(store);
    const n = state.createProperty<number>("n");
    const t = turn();
    await n.set(t, 1);
    await state.saveChanges(t);
    await n.set(t, 2);
    await state.saveChanges(t);
    expect(await n.get(await loaded(state, turn()))).toBe(2);
  });

  it("does not write when nothing changed", async () => {
    const store = await makeStore();
    const state = new ConditionalConversationState(store);
    const t = turn();
    await state.load(t);
    await state.saveChanges(t);
    expect(await store.read([state.getStorageKey(t) as string])).toEqual({});
  });

  it("writes again only when the state changed since its own last write", async () => {
    const store = await makeStore();
    let writes = 0;
    const counted: Storage = {
      read: (keys) => store.read(keys),
      write: (changes) => {
        writes += 1;
        return store.write(changes);
      },
      delete: (keys) => store.delete(keys),
    };
    const state = new ConditionalConversationState(counted);
    const n = state.createProperty<{ values: number[] }>("n");
    const t = turn();
    await n.set(t, { values: [1] });
    await state.saveChanges(t);
    await state.saveChanges(t);
    expect(writes).toBe(1);
    (await n.get(t))?.values.push(2); // changed in place, as dialogs change their state
    await state.saveChanges(t);
    expect(writes).toBe(2);
  });
});

async function loaded(state: ConditionalConversationState, context: TurnContext): Promise<TurnContext> {
  await state.load(context, true);
  return context;
}
