import type { TurnContext } from "botbuilder";
import { LABELS } from "../../cards/labels.js";
import type { OutcomeView, View } from "../../cards/views.js";
import type { Presenter } from "../../dialogs/presenter.js";
import { scopeOf } from "../../dialogs/scope.js";
import { nextStep } from "../../dialogs/session.js";
import type { SessionStore } from "../../dialogs/session-store.js";
import type { Pack } from "../../rules/packs/index.js";
import type { Findings } from "../../rules/vocabulary.js";
import { errorFields, type Logger } from "../logging.js";
import type { AuditLog } from "./audit-log.js";
import type { Hasher } from "./hash.js";
import { outcomeAudit } from "./record.js";

// Every outcome the dialogs show passes through here on its way to the channel: it gains its
// "Report a concern" button, is sent, and then its audit record is queued. Nothing about the audit can delay, change or stop the outcome.

export interface AuditingDeps {
  audit: AuditLog;
  sessions: SessionStore;
  pack: Pack;
  hash: Hasher;
  log: Logger;
  clock?: () => Date;
}

/** The outcome's "Report a concern" button, in the outcome view's slot for other features' buttons. */
export const REPORT_CONCERN_ACTION = { title: LABELS.reportConcern, data: { action: "reportConcern" } };

export function auditingPresenter(inner: Presenter, deps: AuditingDeps): Presenter {
  return {
    async send(context, view) {
      if (view.kind !== "outcome") return inner.send(context, view);
      const shown: OutcomeView = { ...view, actions: [...(view.actions ?? []), REPORT_CONCERN_ACTION] };
      const id = await inner.send(context, shown);
      if (deps.audit.enabled) await recordShown(context, view, deps);
      return id;
    },
    replace: (context, activityId, view: View) => inner.replace(context, activityId, view),
  };
}

async function recordShown(context: TurnContext, view: OutcomeView, deps: AuditingDeps): Promise<void> {
  try {
    const session = await deps.sessions.get(context);
    const triageId = view.stamp?.triage ?? session?.id;
    if (!triageId) return;
    const ours = session && session.id === triageId ? session : undefined;
    // An emergency shown while one more question is still open is "early"; the triage's end is "final".
    const stage = ours && nextStep(deps.pack, ours).kind === "question" ? "early" : "final";
    const a = context.activity;
    const record = outcomeAudit({
      triageId,
      stage,
      outcome: view.outcome,
      answers: ours?.answers ?? answersFromView(view),
      freeText: ours ? Boolean(ours.freeText) : view.answers.some((x) => x.how === "noted"),
      ...(ours?.startedAt ? { startedAt: new Date(ours.startedAt) } : {}),
      shownAt: deps.clock?.() ?? new Date(),
      channel: a.channelId ?? "unknown",
      scope: scopeOf(context),
      user: deps.hash("user", a.from?.aadObjectId ?? a.from?.id),
      conversation: deps.hash("conversation", a.conversation?.id),
    });
    deps.audit.outcome(record);
  } catch (err) {
    // The outcome is already with the clinician; a record that cannot be built is logged, not thrown.
    deps.log.error("audit_record_failed", { type: "outcome", ...errorFields(err) });
  }
}

/** Without the session (an outcome sent outside a triage), the view's own list of answers. */
function answersFromView(view: OutcomeView): Findings {
  const out: Record<string, boolean | string> = {};
  for (const a of view.answers)
    out[a.id] = a.answer === "Yes" ? true : a.answer === "Not sure" ? "unsure" : "";
  return out as Findings;
}
