import type { Storage, StoreItem, StoreItems } from "botbuilder";

// The single-process store (STORAGE=memory). Unlike botbuilder's MemoryStorage it forgets: a
// conversation untouched for the idle time is dropped, and past `maxItems` the least recently
// written goes first, so memory levels off however many triages run. Items are kept as JSON (as
// MemoryStorage does) so no caller can change a stored item by holding a reference to it. Writes
// follow MemoryStorage's eTag rule (any eTag but "*" must match the stored one) and hand the new
// eTag back on the written item, as BlobStore does.

interface Entry {
  json: string;
  eTag: string;
  writtenAt: number;
}

export interface MemoryStoreOptions {
  idleMs: number;
  maxItems: number;
  now?: () => number;
}

export class BoundedMemoryStorage implements Storage {
  /** In write order (a write moves the key to the end), so the oldest are always first. */
  private readonly items = new Map<string, Entry>();
  private version = 0;
  private readonly now: () => number;

  constructor(private readonly options: MemoryStoreOptions) {
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.items.size;
  }

  async read(keys: string[]): Promise<StoreItems> {
    this.sweep();
    const out: StoreItems = {};
    for (const key of keys) {
      const e = this.items.get(key);
      if (e) out[key] = { ...(JSON.parse(e.json) as StoreItem), eTag: e.eTag };
    }
    return out;
  }

  async write(changes: StoreItems): Promise<void> {
    this.sweep();
    for (const [key, item] of Object.entries(changes) as Array<[string, StoreItem]>) {
      const old = this.items.get(key);
      const { eTag, ...value } = item;
      if (old && typeof eTag === "string" && eTag !== "*" && eTag !== old.eTag)
        throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      const next: Entry = {
        json: JSON.stringify(value),
        eTag: String(++this.version),
        writtenAt: this.now(),
      };
      this.items.delete(key);
      this.items.set(key, next);
      item.eTag = next.eTag;
    }
    while (this.items.size > this.options.maxItems) {
      const oldest = this.items.keys().next().value;
      if (oldest === undefined) break;
      this.items.delete(oldest);
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.items.delete(key);
  }

  /** Drops items idle past the limit; stops at the first fresh one (the rest are newer). */
  private sweep(): void {
    const cutoff = this.now() - this.options.idleMs;
    for (const [key, e] of this.items) {
      if (e.writtenAt > cutoff) break;
      this.items.delete(key);
    }
  }
}
