import type { Storage, StoreItems } from "botbuilder";
import { isEtagConflict } from "./etag.js";
import type { StorageHealth } from "./health.js";
import { StorageUnavailableError } from "./unavailable.js";

// Every storage call gets a deadline. A store that hangs (a frozen account, a half-open
// connection) would otherwise hold the conversation's turn lock for minutes and apply the answer
// after the clinician had given up. Past the deadline the call fails as StorageUnavailableError;
// the turn then says so (see fault-guard.ts). eTag conflicts pass through unchanged.

export class StorageTimeoutError extends StorageUnavailableError {
  override name = "StorageTimeoutError";
}

export class DeadlineStorage implements Storage {
  constructor(
    readonly inner: Storage,
    private readonly deadlineMs: number,
    private readonly health?: StorageHealth,
  ) {}

  read(keys: string[]): Promise<StoreItems> {
    return this.within("read", () => this.inner.read(keys));
  }

  write(changes: StoreItems): Promise<void> {
    return this.within("write", () => this.inner.write(changes));
  }

  delete(keys: string[]): Promise<void> {
    return this.within("delete", () => this.inner.delete(keys));
  }

  private async within<T>(op: string, call: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new StorageTimeoutError(`storage ${op} did not finish within ${this.deadlineMs} ms`)),
        this.deadlineMs,
      );
    });
    const work = call();
    // Whatever the abandoned call does later must not surface as an unhandled rejection.
    work.catch(() => undefined);
    try {
      const result = await Promise.race([work, late]);
      this.health?.succeeded();
      return result;
    } catch (err) {
      if (isEtagConflict(err)) {
        this.health?.succeeded();
        throw err;
      }
      this.health?.failed();
      if (err instanceof StorageUnavailableError) throw err;
      const detail = err instanceof Error ? err.name : "Error";
      throw new StorageUnavailableError(`storage ${op} failed (${detail})`, { cause: err });
    } finally {
      clearTimeout(timer);
    }
  }
}

/** A storage fault anywhere in a turn: the store could not be reached or did not answer in time. */
export function isStorageFault(err: unknown): boolean {
  return err instanceof StorageUnavailableError;
}
