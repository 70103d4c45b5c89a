// Shared eTag vocabulary for the storage layer (no botbuilder imports, so both the blob store and
// the conversation state can use it without a cycle).

/**
 * The eTag a write carries when the item was absent at read time: create it only if it is still
 * absent. MemoryStorage treats any unknown eTag on an existing item as a conflict, which is the
 * same rule; BlobStore sends If-None-Match: *.
 */
export const MUST_NOT_EXIST = "\u0000absent";

/** Another turn (usually in another bot process) wrote this conversation's state since we read it. */
export class EtagConflictError extends Error {
  override name = "EtagConflictError";
  constructor(readonly key: string) {
    super(`Storage: the item "${key}" changed since it was read (eTag conflict).`);
  }
}

/** BlobStore throws EtagConflictError; MemoryStorage and BlobsStorage throw plain Errors saying "eTag conflict". */
export function isEtagConflict(err: unknown): boolean {
  if (err instanceof EtagConflictError) return true;
  return err instanceof Error && /etag conflict/i.test(err.message);
}
