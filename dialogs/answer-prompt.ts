import { ActivityTypes } from "botbuilder";
import { Dialog, type DialogContext, type DialogTurnResult } from "botbuilder-dialogs";
import type { Pack } from "../rules/packs/index.js";
import type { FindingId } from "../rules/vocabulary.js";
import { type Parsed, parseSubmittedAnswer, parseTypedAnswer } from "./answers.js";
import type { Presenter } from "./presenter.js";
import { questionView } from "./session.js";
import type { SessionStore } from "./session-store.js";

// Asks one question and waits for its answer, from a card submit (activity.value; Teams sends no
// text) or typed words. An answer it cannot read re-asks with the options: it never guesses.

export const ANSWER_PROMPT = "answerPrompt";

export interface AnswerPromptOptions {
  questionId: FindingId;
  number: number;
}

export const RETRY_HINT =
  "Sorry, I could not read that answer. Use the buttons, or type yes, no, not sure, or a number.";

export class AnswerPrompt extends Dialog<AnswerPromptOptions> {
  constructor(
    private readonly pack: Pack,
    private readonly sessions: SessionStore,
    private readonly presenter: Presenter,
  ) {
    super(ANSWER_PROMPT);
  }

  override async beginDialog(dc: DialogContext, options?: AnswerPromptOptions): Promise<DialogTurnResult> {
    if (!options) throw new Error("AnswerPrompt needs a question id");
    const active = dc.activeDialog;
    if (active) active.state.options = options;
    await this.show(dc, options);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const activity = dc.context.activity;
    if (activity.type !== ActivityTypes.Message) return Dialog.EndOfTurn;
    const options = dc.activeDialog?.state.options as AnswerPromptOptions | undefined;
    if (!options) return dc.endDialog(undefined);
    const q = this.pack.questionById.get(options.questionId)?.public;
    if (!q) return dc.endDialog(undefined);

    const value = activity.value as Record<string, unknown> | undefined;
    let parsed: Parsed;
    if (value && typeof value === "object" && "questionId" in value) {
      // The triage-level interrupt has already turned away submits from other questions.
      parsed = parseSubmittedAnswer(q, value.answer);
    } else {
      parsed = parseTypedAnswer(q, activity.text ?? "");
    }
    if (parsed.ok) return dc.endDialog(parsed.value);
    await this.show(dc, options, RETRY_HINT);
    return Dialog.EndOfTurn;
  }

  private async show(dc: DialogContext, options: AnswerPromptOptions, retryHint?: string) {
    const session = await this.sessions.get(dc.context);
    if (!session) return;
    const q = this.pack.questionById.get(options.questionId)?.public;
    if (!q) return;
    const id = await this.presenter.send(
      dc.context,
      questionView(this.pack, session, q, options.number, retryHint),
    );
    session.pending = { id: q.id, seq: options.number, ...(id ? { activityId: id } : {}) };
    await this.sessions.set(dc.context, session);
  }
}
