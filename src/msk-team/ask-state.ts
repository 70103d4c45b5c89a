import type { ConversationState, StatePropertyAccessor, TurnContext } from "botbuilder";
import type { QueryCase } from "./records.js";

// Per clinician conversation (conversation state, shared by every instance): the anonymised case
// of the latest outcomes, so "Ask the MSK team" still works after the triage has finished, and
// the ask waiting for its optional question.

/** Outcomes remembered per conversation: the latest few, so an older card's button still works. */
const REMEMBERED = 3;

export interface AskMemory {
  cases: Array<QueryCase & { queryNumber?: number }>;
  pending?: { triageId: string; since: string };
}

export class AskState {
  private readonly memory: StatePropertyAccessor<AskMemory>;

  constructor(state: ConversationState) {
    this.memory = state.createProperty<AskMemory>("mskTeamAsk");
  }

  async get(context: TurnContext): Promise<AskMemory> {
    return (await this.memory.get(context)) ?? { cases: [] };
  }

  async set(context: TurnContext, memory: AskMemory): Promise<void> {
    await this.memory.set(context, memory);
  }

  async remember(context: TurnContext, c: QueryCase): Promise<void> {
    const m = await this.get(context);
    const others = m.cases.filter((x) => x.triageId !== c.triageId);
    await this.set(context, { ...m, cases: [...others, c].slice(-REMEMBERED) });
  }
}
