import { z } from "zod";
import { loadPack } from "../rules/packs/index.js";
import { REGIONS } from "../rules/vocabulary.js";

// Every setting the server reads, read once and validated here (documented in .env.example).
// Nothing else reads process.env.

const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === "" ? undefined : s))
  .optional();

const flag = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().toLowerCase() : v),
  z.enum(["true", "false", "1", "0", "yes", "no"]).transform((v) => v === "true" || v === "1" || v === "yes"),
);

const configSchema = z
  .object({
    MicrosoftAppId: optionalText,
    MicrosoftAppPassword: optionalText,
    MicrosoftAppTenantId: optionalText,
    MicrosoftAppType: z.enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"]).default("MultiTenant"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3978),
    HOST: optionalText,
    // Anonymous mode on a non-loopback HOST must be asked for by name (and still replies only to loopback).
    ANONYMOUS_ALLOW_REMOTE: flag.default(false),
    // off: no /api/messages at all (a deployment that serves Slack only).
    BOT_FRAMEWORK_ENDPOINT: z.enum(["on", "off"]).default("on"),
    HTTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(100_000).default(512),
    HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(120_000).default(10_000),
    HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(300_000).default(30_000),
    TRIAGE_REGION: z
      .preprocess((v) => (typeof v === "string" ? v.toUpperCase() : v), z.enum(REGIONS))
      .default("NEL"),
    STORAGE: z.enum(["memory", "blob"]).default("memory"),
    BLOB_CONNECTION_STRING: optionalText,
    BLOB_CONTAINER: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$/, "a lower-case Azure container name")
      .default("msk-triage-state"),
    SLACK_BOT_TOKEN: optionalText,
    SLACK_SIGNING_SECRET: optionalText,
    // The bot token travels to this URL: https only, except a loopback fake in tests.
    SLACK_API_URL: z
      .url()
      .refine((u) => /^https:\/\//.test(u) || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//.test(u), {
        message: "must be https (or http on loopback for tests)",
      })
      .default("https://slack.com/api/"),
    // A triage untouched this long expires and its state is deleted.
    TRIAGE_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(60),
    // STORAGE=memory keeps at most this many conversations (least recently active dropped first).
    MEMORY_STORE_MAX_CONVERSATIONS: z.coerce.number().int().min(10).max(1_000_000).default(10_000),
    // How long one storage call may take before the turn gives up and says so (min 2 s: see blob-store.ts).
    STORAGE_TIMEOUT_MS: z.coerce.number().int().min(2_000).max(10_000).default(2_500),
    // Messages one clinician, and one Teams tenant or Slack workspace, may send per minute.
    RATE_LIMIT_USER_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
    RATE_LIMIT_TENANT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(3_000),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
    // Clinical audit (docs/audit.md): one anonymised record per outcome shown, and concerns.
    AUDIT: z.enum(["off", "table"]).default("off"),
    AUDIT_TABLE: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9]{2,62}$/, "an Azure table name (letters and digits, 3-63, a letter first)")
      .default("mskTriageAudit"),
    AUDIT_CONNECTION_STRING: optionalText,
    AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(400),
    // Key for the one-way hashes of user and conversation ids in audit records. Unset: a random key
    // per process, so hashes link records only within one run.
    AUDIT_HASH_KEY: optionalText,
    // Who may set the MSK query queue and answer its queries: Teams AAD object ids or Slack user ids.
    MSK_TEAM_MEMBERS: z
      .string()
      .transform((s) =>
        s
          .split(",")
          .map((id) => id.trim())
          .filter(Boolean),
      )
      .optional(),
    MSK_REMINDER_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(30),
    // Who the MSCC card tells the clinician to phone: the local acute oncology / MSCC co-ordinator.
    MSCC_CONTACT_NAME: z.string().trim().min(1).default("Acute oncology / MSCC co-ordinator"),
    MSCC_CONTACT_PHONE: optionalText,
  })
  .superRefine((c, ctx) => {
    if (c.BLOB_CONNECTION_STRING && !/(^|;)(AccountName|BlobEndpoint)=/.test(c.BLOB_CONNECTION_STRING))
      ctx.addIssue({
        code: "custom",
        path: ["BLOB_CONNECTION_STRING"],
        message: "not an Azure Storage connection string (needs AccountName= or BlobEndpoint=)",
      });
    if (c.STORAGE === "blob" && !c.BLOB_CONNECTION_STRING)
      ctx.addIssue({
        code: "custom",
        path: ["BLOB_CONNECTION_STRING"],
        message: "required when STORAGE=blob",
      });
    const auditStore = c.AUDIT_CONNECTION_STRING ?? c.BLOB_CONNECTION_STRING;
    if (c.AUDIT === "table" && !auditStore)
      ctx.addIssue({
        code: "custom",
        path: ["AUDIT_CONNECTION_STRING"],
        message: "required when AUDIT=table (or set BLOB_CONNECTION_STRING)",
      });
    if (c.AUDIT === "table" && auditStore && !reachesTables(auditStore))
      ctx.addIssue({
        code: "custom",
        path: ["AUDIT_CONNECTION_STRING"],
        message:
          "names no table service (needs TableEndpoint=, an AccountName= without explicit endpoints, or UseDevelopmentStorage=true)",
      });
    if (c.MicrosoftAppId && !c.MicrosoftAppPassword && c.MicrosoftAppType !== "UserAssignedMSI")
      ctx.addIssue({
        code: "custom",
        path: ["MicrosoftAppPassword"],
        message: "required with MicrosoftAppId",
      });
    if (c.MicrosoftAppType === "SingleTenant" && c.MicrosoftAppId && !c.MicrosoftAppTenantId)
      ctx.addIssue({ code: "custom", path: ["MicrosoftAppTenantId"], message: "required for SingleTenant" });
    if (c.BOT_FRAMEWORK_ENDPOINT === "off" && !c.SLACK_BOT_TOKEN)
      ctx.addIssue({
        code: "custom",
        path: ["BOT_FRAMEWORK_ENDPOINT"],
        message: "off leaves nothing to serve: set the Slack tokens too",
      });
    if (!c.MicrosoftAppId && c.HOST && !isLoopbackHost(c.HOST) && !c.ANONYMOUS_ALLOW_REMOTE)
      ctx.addIssue({
        code: "custom",
        path: ["HOST"],
        message:
          "anonymous mode (no MicrosoftAppId) accepts any caller: listen on loopback, or set ANONYMOUS_ALLOW_REMOTE=true",
      });
    // In production an MSCC card without a number to phone would leave the clinician searching.
    const production = Boolean(c.MicrosoftAppId || c.SLACK_SIGNING_SECRET);
    if (production && !c.MSCC_CONTACT_PHONE && !loadPack(c.TRIAGE_REGION).data.msccContact)
      ctx.addIssue({
        code: "custom",
        path: ["MSCC_CONTACT_PHONE"],
        message:
          "required in production (a Bot Framework app id or Slack signing secret is set): the MSCC card must say whom to phone",
      });
    if (Boolean(c.SLACK_BOT_TOKEN) !== Boolean(c.SLACK_SIGNING_SECRET))
      ctx.addIssue({
        code: "custom",
        path: ["SLACK_SIGNING_SECRET"],
        message: "set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET together",
      });
  });

/** A connection string the Tables client can use: an explicit table endpoint, or an account's defaults. */
function reachesTables(cs: string): boolean {
  if (/(^|;)\s*UseDevelopmentStorage=true/i.test(cs) || /(^|;)\s*TableEndpoint=/i.test(cs)) return true;
  return /(^|;)\s*AccountName=/i.test(cs) && !/(^|;)\s*(Blob|Queue|File)Endpoint=/i.test(cs);
}

function isLoopbackHost(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export type RawConfig = z.infer<typeof configSchema>;

export interface Config extends RawConfig {
  /** No app id: Bot Framework tools talk to the bot without tokens. For local use only. */
  anonymous: boolean;
  host: string;
  slackEnabled: boolean;
  /** Where the audit is kept when AUDIT=table (AUDIT_CONNECTION_STRING, else BLOB_CONNECTION_STRING). */
  auditConnectionString: string | undefined;
  /** The MSCC co-ordinator contact from the settings, if given (else the region pack's, if any). */
  msccContact?: { name: string; phone: string };
}

export class ConfigError extends Error {}

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  // A variable set but empty (as .env.example leaves them) means "use the default".
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const r = configSchema.safeParse(given);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const c = r.data;
  const anonymous = !c.MicrosoftAppId;
  // Anonymous mode accepts any caller, so by default it listens on loopback only.
  return {
    ...c,
    anonymous,
    host: c.HOST ?? (anonymous ? "127.0.0.1" : "0.0.0.0"),
    slackEnabled: Boolean(c.SLACK_BOT_TOKEN),
    auditConnectionString: c.AUDIT_CONNECTION_STRING ?? c.BLOB_CONNECTION_STRING,
    ...(c.MSCC_CONTACT_PHONE
      ? { msccContact: { name: c.MSCC_CONTACT_NAME, phone: c.MSCC_CONTACT_PHONE } }
      : {}),
  };
}
