import { randomUUID } from "node:crypto";
import { type Activity, ActivityTypes, CardFactory, type TurnContext } from "botbuilder";
import {
  CONCERN_ACTION,
  concernBlocks,
  concernCard,
  concernText,
  NOTE_MAX_CHARS,
} from "../../cards/concern.js";
import type { Presenter } from "../../dialogs/presenter.js";
import { redactIdentifiers } from "../../rules/extract/index.js";
import type { Logger } from "../logging.js";
import type { AuditLog } from "./audit-log.js";
import { SAFE_ID } from "./entity.js";
import type { Hasher } from "./hash.js";
import { CONCERN_KINDS, type ConcernKind, toMinute } from "./record.js";

// "Report a concern" on an outcome: the button asks what was wrong (with an optional note on the
// same card), the chosen kind is recorded against the triage's audit record, and the clinician
// is thanked. It runs before the triage conversation, so a running triage is left as it was.

export const CONCERN_THANKS =
  "Thank you: your concern has been recorded with this triage's answers and rules, for the clinical safety team to review. It does not change the advice shown; act on your own clinical judgement for this patient.";
export const CONCERN_THANKS_UNRECORDED =
  "Thank you. This deployment keeps no audit, so the concern was not stored: please report it to your clinical safety contact as the help describes. Act on your own clinical judgement for this patient.";
const CHOOSE_AGAIN = "Please choose what was wrong with one of the buttons.";

/** Longest note read before redaction (a longer paste is cut first, then redacted, then capped). */
const NOTE_READ_MAX = 5000;

export interface ConcernDeps {
  audit: AuditLog;
  presenter: Presenter;
  hash: Hasher;
  log: Logger;
  clock?: () => Date;
}

export class ConcernReports {
  constructor(private readonly deps: ConcernDeps) {}

  /** Handles a "Report a concern" submit; false for any other message. */
  async handle(context: TurnContext): Promise<boolean> {
    const v = context.activity.value as Record<string, unknown> | undefined;
    if (!v || typeof v !== "object" || v.action !== CONCERN_ACTION) return false;
    const triage = typeof v.triage === "string" && SAFE_ID.test(v.triage) ? v.triage : undefined;
    if (v.kind === undefined) {
      await this.prompt(context, triage);
      return true;
    }
    if (!CONCERN_KINDS.includes(v.kind as ConcernKind)) {
      await this.prompt(context, triage, CHOOSE_AGAIN);
      return true;
    }
    const { audit, log, hash } = this.deps;
    const note = typeof v.note === "string" ? cleanNote(v.note) : undefined;
    const a = context.activity;
    audit.concern({
      type: "concern",
      concernId: typeof v.concern === "string" && SAFE_ID.test(v.concern) ? v.concern : randomUUID(),
      ...(triage ? { triageId: triage } : {}),
      at: toMinute(this.deps.clock?.() ?? new Date()),
      kind: v.kind as ConcernKind,
      ...(note ? { note } : {}),
      channel: a.channelId ?? "unknown",
      ...optional("user", hash("user", a.from?.aadObjectId ?? a.from?.id)),
    });
    log.info("concern_reported", {
      kind: v.kind as string,
      linked: Boolean(triage),
      withNote: Boolean(note),
      stored: audit.enabled,
    });
    await this.deps.presenter.send(context, {
      kind: "notice",
      tone: "info",
      text: audit.enabled ? CONCERN_THANKS : CONCERN_THANKS_UNRECORDED,
    });
    return true;
  }

  private async prompt(context: TurnContext, triage: string | undefined, retryHint?: string) {
    const p = { concern: randomUUID(), ...(triage ? { triage } : {}), ...(retryHint ? { retryHint } : {}) };
    const text = concernText(p);
    const activity: Partial<Activity> =
      context.activity.channelId === "slack"
        ? { type: ActivityTypes.Message, text, channelData: { blocks: concernBlocks(p) } }
        : {
            type: ActivityTypes.Message,
            summary: text,
            attachments: [CardFactory.adaptiveCard(concernCard(p))],
          };
    try {
      await context.sendActivity(activity);
    } catch {
      // A channel that refuses the card still gets the question as text.
      await context.sendActivity({ type: ActivityTypes.Message, text });
    }
  }
}

/** The note as kept: identifiers removed, trimmed, capped; an empty note is no note. */
export function cleanNote(raw: string): string | undefined {
  const redacted = redactIdentifiers(raw.slice(0, NOTE_READ_MAX)).replace(/\s+/g, " ").trim();
  return redacted ? redacted.slice(0, NOTE_MAX_CHARS) : undefined;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}
