import { createHmac, randomBytes } from "node:crypto";

// User and conversation ids never reach the audit: only a keyed one-way hash, which can count
// distinct clinicians or link a concern to its triage's conversation, and cannot be reversed or
// recomputed without the key (AUDIT_HASH_KEY; a random key per process when unset).

export type Hasher = (kind: "user" | "conversation", id: string | undefined) => string | undefined;

export function keyedHasher(key: string | undefined): Hasher {
  const secret = key ?? randomBytes(32).toString("hex");
  return (kind, id) => {
    if (!id) return undefined;
    return createHmac("sha256", secret).update(`${kind}:${id}`).digest("hex").slice(0, 24);
  };
}
