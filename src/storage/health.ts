// What the server last saw of its store, for /healthz and /readyz (which also runs a real read, so
// a store that failed once and has recovered is seen as recovered).

export type StorageStatus = "ok" | "unavailable";

export class StorageHealth {
  private lastCallFailed = false;

  succeeded(): void {
    this.lastCallFailed = false;
  }

  failed(): void {
    this.lastCallFailed = true;
  }

  get status(): StorageStatus {
    return this.lastCallFailed ? "unavailable" : "ok";
  }
}
