import type { ConversationState, TurnContext } from "botbuilder";
import { ASK_DATA, MSK_LABELS } from "../../cards/msk-team/labels.js";
import type { OutcomeView, View } from "../../cards/views.js";
import type { Presenter } from "../../dialogs/presenter.js";
import { SessionStore } from "../../dialogs/session-store.js";
import { type MskTeamDeps, platformOf } from "./deps.js";
import { queryCase } from "./query-case.js";

// Wraps the conversation's presenter: when an outcome is shown, its anonymised case is remembered
// (the triage session ends right after), and while a queue exists the card offers "Ask the MSK
// team". Nothing in dialogs/ knows about the MSK team.

export function withMskTeam(deps: MskTeamDeps, state: ConversationState, inner: Presenter): Presenter {
  const sessions = new SessionStore(state);
  return {
    async send(context: TurnContext, view: View) {
      if (view.kind !== "outcome" || view.review) return inner.send(context, view);
      return inner.send(context, await offerAsk(deps, sessions, context, view));
    },
    // The final outcome may replace the early emergency card in place.
    async replace(context: TurnContext, id: string, view: View) {
      if (view.kind !== "outcome" || view.review) return inner.replace(context, id, view);
      return inner.replace(context, id, await offerAsk(deps, sessions, context, view));
    },
  };
}

async function offerAsk(
  deps: MskTeamDeps,
  sessions: SessionStore,
  context: TurnContext,
  view: OutcomeView,
): Promise<OutcomeView> {
  const platform = platformOf(context);
  if (!deps.transports[platform]) return view;
  const session = await sessions.get(context);
  const triageId = view.stamp?.triage ?? session?.id;
  if (!session || !triageId) return view;
  await deps.asks.remember(context, queryCase(deps.pack, triageId, session.answers, view.outcome));
  const queue = await deps.store.queue(platform, deps.pack.data.region);
  if (!queue.active) return view;
  return {
    ...view,
    actions: [...(view.actions ?? []), { title: MSK_LABELS.askButton, data: { ...ASK_DATA } }],
  };
}
