import type { Storage, StoreItem } from "botbuilder";
import type { Region } from "../../rules/vocabulary.js";
import { isEtagConflict, MUST_NOT_EXIST } from "../storage/etag.js";
import type { Platform, QueryRecord, QueueRecord } from "./records.js";

// Queue and queries in the bot's state store. Every change is a read-modify-write conditional on
// the eTag read, retried on a conflict, so two instances (or two team members pressing at once)
// never overwrite each other: exactly one reply wins.

const ATTEMPTS = 8;

export class MskTeamStore {
  constructor(private readonly storage: Storage) {}

  async queue(platform: Platform, region: Region): Promise<QueueRecord> {
    return (await this.read<QueueRecord>(queueKey(platform, region))) ?? emptyQueue();
  }

  /** Changes the queue record; `change` returns undefined to leave it as it is. */
  async updateQueue(
    platform: Platform,
    region: Region,
    change: (q: QueueRecord) => QueueRecord | undefined,
  ): Promise<QueueRecord> {
    return this.update<QueueRecord>(
      queueKey(platform, region),
      (q) => change(q ?? emptyQueue()),
      emptyQueue(),
    );
  }

  query(id: string): Promise<QueryRecord | undefined> {
    return this.read<QueryRecord>(queryKey(id));
  }

  async saveNewQuery(record: QueryRecord): Promise<void> {
    await this.storage.write({ [queryKey(record.id)]: { ...record, eTag: MUST_NOT_EXIST } });
  }

  /**
   * Changes a query; `change` returns undefined to leave it. Resolves with the record before and
   * after (after is undefined when nothing was written).
   */
  async updateQuery(
    id: string,
    change: (q: QueryRecord) => QueryRecord | undefined,
  ): Promise<{ before?: QueryRecord; after?: QueryRecord }> {
    let before: QueryRecord | undefined;
    let written = false;
    const after = await this.update<QueryRecord | undefined>(
      queryKey(id),
      (q) => {
        before = q;
        const next = q ? change(q) : undefined;
        written = next !== undefined;
        return next;
      },
      undefined,
    );
    return { ...(before ? { before } : {}), ...(written && after ? { after } : {}) };
  }

  private async read<T>(key: string): Promise<T | undefined> {
    const item = (await this.storage.read([key]))[key] as (StoreItem & T) | undefined;
    if (!item) return undefined;
    const { eTag: _eTag, ...value } = item;
    return value as T;
  }

  private async update<T>(
    key: string,
    change: (current: T | undefined) => T | undefined,
    unchanged: T,
  ): Promise<T> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const item = (await this.storage.read([key]))[key] as (StoreItem & T) | undefined;
      let current: T | undefined;
      if (item) {
        const { eTag: _eTag, ...value } = item;
        current = value as T;
      }
      const next = change(current === undefined ? undefined : structuredClone(current));
      if (next === undefined) return current ?? unchanged;
      const eTag = typeof item?.eTag === "string" && item.eTag !== "*" ? item.eTag : MUST_NOT_EXIST;
      try {
        await this.storage.write({ [key]: { ...next, eTag } });
        return next;
      } catch (err) {
        if (!isEtagConflict(err)) throw err;
      }
    }
    throw new Error(`MSK team store: ${key} kept changing under ${ATTEMPTS} attempts`);
  }
}

function emptyQueue(): QueueRecord {
  return { active: false, lastNumber: 0, open: [] };
}

function queueKey(platform: Platform, region: Region): string {
  return `msk-team/${region}/${platform}/queue`;
}

function queryKey(id: string): string {
  return `msk-team/query/${id}`;
}
