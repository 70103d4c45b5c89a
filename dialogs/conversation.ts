import { ActivityTypes, type ConversationState, type TurnContext } from "botbuilder";
import { type Extraction, extractFindings, redactIdentifiers } from "../rules/extract/index.js";
import type { Pack } from "../rules/packs/index.js";
import { asksForTriage, recogniseCommand } from "./commands.js";
import type { Presenter } from "./presenter.js";
import { scopeOf } from "./scope.js";
import { DialogSet, DialogTurnStatus } from "./sdk.js";
import { SessionStore } from "./session-store.js";
import { TRIAGE_DIALOG, TriageDialog, type TriageStart } from "./triage-dialog.js";

// What the bot does with a message: continue the running triage, or start one, explain, or turn
// away a click on a finished triage's card. Channels (Teams, Slack) call this after their own
// transport work (mention stripping, acks).

export const IDENTIFIER_NOTICE =
  "I don't need patient identifiers (NHS number, date of birth, name, address, phone or email), so I have ignored them and kept only the clinical findings. Please leave them out next time.";

export class TriageConversation {
  private readonly dialogs: DialogSet;
  readonly sessions: SessionStore;

  constructor(
    state: ConversationState,
    pack: Pack,
    private readonly presenter: Presenter,
    clock?: () => Date,
  ) {
    this.dialogs = new DialogSet(state.createProperty("dialogState"));
    this.sessions = new SessionStore(state);
    this.dialogs.add(
      new TriageDialog({ pack, sessions: this.sessions, presenter, ...(clock ? { clock } : {}) }),
    );
  }

  async onMessage(context: TurnContext): Promise<void> {
    if (context.activity.type !== ActivityTypes.Message) return;
    const dc = await this.dialogs.createContext(context);
    const text = context.activity.text ?? "";
    const value = context.activity.value as Record<string, unknown> | undefined;

    if (dc.activeDialog) {
      // A new clinical question in the middle of a triage starts over from that message.
      if (!value && asksForTriage(text) && this.clinicalFindings(text)) {
        await dc.cancelAllDialogs();
        return this.start(context, text);
      }
      const result = await dc.continueDialog();
      if (result.status !== DialogTurnStatus.empty) return;
    }

    const command =
      typeof value?.command === "string" ? recogniseCommand(value.command) : recogniseCommand(text);
    if (command === "help")
      return void (await this.presenter.send(context, { kind: "help", scope: scopeOf(context) }));
    if (command === "triage" || command === "restart") return this.start(context, "");
    if (command === "back" || command === "cancel" || command === "resume") {
      await this.presenter.send(context, {
        kind: "notice",
        tone: "info",
        text: "There is no triage running. Type 'triage' to start one.",
      });
      return;
    }
    if (value && typeof value.questionId === "string") {
      await this.presenter.send(context, {
        kind: "notice",
        tone: "info",
        text: "That triage has already finished, so the answer was not used. Type 'triage' to start a new one.",
      });
      return;
    }
    if (asksForTriage(text) || this.clinicalFindings(text)) return this.start(context, text);
    await this.presenter.send(context, { kind: "help", scope: scopeOf(context) });
  }

  /** Starts a triage, pre-filled from the clinician's message. The raw text is not kept anywhere. */
  private async start(context: TurnContext, text: string): Promise<void> {
    const extraction = text ? extractFindings(text) : undefined;
    if (extraction?.identifiers.length) {
      await this.presenter.send(context, { kind: "notice", tone: "warning", text: IDENTIFIER_NOTICE });
    }
    const options: TriageStart = {};
    if (extraction && Object.keys(extraction.findings).length) {
      const evidence = Object.fromEntries(
        Object.entries(extraction.evidence).map(([id, words]) => [id, safeEvidence(text, extraction, words)]),
      );
      options.extraction = { findings: extraction.findings, evidence };
    }
    const dc = await this.dialogs.createContext(context);
    await dc.beginDialog(TRIAGE_DIALOG, options);
  }

  private clinicalFindings(text: string): boolean {
    return text.length > 0 && Object.keys(extractFindings(text).findings).length > 0;
  }
}

/**
 * Evidence words with every identifier of the whole message removed: redacting the snippet alone
 * could miss one whose cue lies outside it ("Jones" without its "Mr").
 */
function safeEvidence(text: string, extraction: Extraction, words: string | undefined): string {
  let out = words ?? "";
  for (const i of extraction.identifiers) {
    const raw = text.slice(i.start, i.end);
    if (raw) out = out.split(raw).join(`[${i.kind.replace(/_/g, " ")} removed]`);
  }
  return redactIdentifiers(out);
}
