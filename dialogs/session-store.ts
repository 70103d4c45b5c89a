import type { ConversationState, StatePropertyAccessor, TurnContext } from "botbuilder";
import type { TriageSession } from "./session.js";

/** The triage session lives in conversation state, so any instance behind the load balancer can continue it. */
export class SessionStore {
  private readonly session: StatePropertyAccessor<TriageSession | undefined>;

  constructor(state: ConversationState) {
    this.session = state.createProperty<TriageSession | undefined>("triageSession");
  }

  get(context: TurnContext): Promise<TriageSession | undefined> {
    return this.session.get(context);
  }

  async set(context: TurnContext, session: TriageSession): Promise<void> {
    await this.session.set(context, session);
  }

  async finish(context: TurnContext): Promise<void> {
    await this.session.delete(context);
  }
}
