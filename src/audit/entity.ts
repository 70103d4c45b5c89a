import { z } from "zod";
import {
  type AuditRecord,
  CONCERN_KINDS,
  type ConcernAudit,
  MSK_REPLIES,
  type MskQueryAudit,
  type OutcomeAudit,
} from "./record.js";

// Audit records as Azure Table entities, and back. The partition is the day (UTC), so a date range
// and the retention sweep are partition-key range queries; lists are stored as JSON or comma text
// because Table Storage has no array type.

export type AuditEntity = Record<string, string | number | boolean> & {
  partitionKey: string;
  rowKey: string;
};

/** Row keys may not hold / \ # ? or control characters: ids from a button are checked before use. */
export const SAFE_ID = /^[A-Za-z0-9-]{1,64}$/;

export function dayOf(minute: string): string {
  return minute.slice(0, 10);
}

export function outcomeRowKey(triageId: string, stage: OutcomeAudit["stage"]): string {
  return `outcome~${triageId}~${stage}`;
}

export function toEntity(r: AuditRecord): AuditEntity {
  if (r.type === "concern") {
    const e: AuditEntity = {
      partitionKey: dayOf(r.at),
      rowKey: `concern~${r.triageId ?? "none"}~${r.concernId}`,
      type: "concern",
      concernId: r.concernId,
      at: r.at,
      kind: r.kind,
      channel: r.channel,
    };
    if (r.triageId) e.triageId = r.triageId;
    if (r.note) e.note = r.note;
    if (r.user) e.user = r.user;
    return e;
  }
  const e: AuditEntity = {
    partitionKey: dayOf(r.at),
    rowKey: outcomeRowKey(r.triageId, r.stage),
    type: "outcome",
    triageId: r.triageId,
    stage: r.stage,
    at: r.at,
    region: r.region,
    rulesVersion: r.rulesVersion,
    channel: r.channel,
    scope: r.scope,
    route: r.route,
    urgency: r.urgency,
    additional: JSON.stringify(r.additional),
    rules: r.rules.join(","),
    findingsYes: r.findingsYes.join(","),
    findingsUnsure: r.findingsUnsure.join(","),
    answers: r.answers,
    freeText: r.freeText,
  };
  if (r.secondsToOutcome !== undefined) e.secondsToOutcome = r.secondsToOutcome;
  if (r.user) e.user = r.user;
  if (r.conversation) e.conversation = r.conversation;
  if (r.reviewedBy) e.reviewedBy = r.reviewedBy;
  if (r.msk) Object.assign(e, mskFields(r.msk));
  return e;
}

export function mskFields(m: MskQueryAudit): Record<string, string> {
  const f: Record<string, string> = { mskQueryId: m.queryId, mskAskedAt: m.askedAt };
  if (m.repliedAt) f.mskRepliedAt = m.repliedAt;
  if (m.reply) f.mskReply = m.reply;
  return f;
}

const list = z
  .string()
  .optional()
  .transform((s) => (s ? s.split(",").filter(Boolean) : []));

const outcomeEntity = z.object({
  type: z.literal("outcome"),
  triageId: z.string(),
  stage: z.enum(["early", "final"]),
  at: z.string(),
  region: z.string(),
  rulesVersion: z.string(),
  channel: z.string(),
  scope: z.enum(["personal", "shared"]),
  route: z.string(),
  urgency: z.string(),
  additional: z.string().optional(),
  rules: list,
  findingsYes: list,
  findingsUnsure: list,
  answers: z.number(),
  secondsToOutcome: z.number().optional(),
  freeText: z.boolean(),
  user: z.string().optional(),
  conversation: z.string().optional(),
  reviewedBy: z.literal("msk_team").optional(),
  mskQueryId: z.string().optional(),
  mskAskedAt: z.string().optional(),
  mskRepliedAt: z.string().optional(),
  mskReply: z.enum(MSK_REPLIES).optional(),
});

const concernEntity = z.object({
  type: z.literal("concern"),
  concernId: z.string(),
  triageId: z.string().optional(),
  at: z.string(),
  kind: z.enum(CONCERN_KINDS),
  note: z.string().optional(),
  channel: z.string(),
  user: z.string().optional(),
});

const additional = z.array(z.object({ route: z.string(), urgency: z.string(), rule: z.string() }));

/** An entity read back, or undefined for a row that is not an audit record this code understands. */
export function fromEntity(e: Record<string, unknown>): AuditRecord | undefined {
  if (e.type === "concern") {
    const c = concernEntity.safeParse(e);
    if (!c.success) return undefined;
    const r: ConcernAudit = { ...c.data };
    return r;
  }
  const o = outcomeEntity.safeParse(e);
  if (!o.success) return undefined;
  const { mskQueryId, mskAskedAt, mskRepliedAt, mskReply, additional: extra, ...rest } = o.data;
  let parsedExtra: OutcomeAudit["additional"] = [];
  try {
    parsedExtra = additional.parse(JSON.parse(extra ?? "[]"));
  } catch {
    parsedExtra = [];
  }
  const r: OutcomeAudit = { ...rest, additional: parsedExtra };
  if (mskQueryId && mskAskedAt) {
    r.msk = { queryId: mskQueryId, askedAt: mskAskedAt };
    if (mskRepliedAt) r.msk.repliedAt = mskRepliedAt;
    if (mskReply) r.msk.reply = mskReply;
  }
  return stripUndefined(r);
}

function stripUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as Array<keyof T>) if (o[k] === undefined) delete o[k];
  return o;
}
