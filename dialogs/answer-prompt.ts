import { ActivityTypes } from "botbuilder";
import { extractFindings, redactIdentifiers, usableAtOnce } from "../rules/extract/index.js";
import type { Pack } from "../rules/packs/index.js";
import type { FindingId } from "../rules/vocabulary.js";
import { type Parsed, parseSubmittedAnswer, parseTypedAnswer } from "./answers.js";
import { arrivalOf, preciseNow } from "./arrival.js";
import type { Presenter } from "./presenter.js";
import { Dialog, type DialogContext, type DialogTurnResult } from "./sdk.js";
import { applyExtraction, questionView } from "./session.js";
import type { SessionStore } from "./session-store.js";

// Asks one question and waits for its answer, from a card submit (activity.value; Teams sends no
// text) or typed words. An answer it cannot read re-asks with the options: it never guesses.

export const ANSWER_PROMPT = "answerPrompt";

export interface AnswerPromptOptions {
  questionId: FindingId;
  number: number;
  /**
   * The question already rides on the emergency outcome card (this message id, when the channel
   * gave one): nothing more is sent until an answer cannot be read.
   */
  onOutcome?: { activityId?: string };
}

/** The prompt's result when the message added red flags instead of answering: ask again from the top. */
export const NOTED_FROM_TEXT = "notedFromText";

export const RETRY_HINT =
  "I did not catch that as an answer to this question. Use the buttons, or type yes, no, not sure, or a number. To start a new triage, type 'new patient'.";

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
    if (options.onOutcome) {
      const session = await this.sessions.get(dc.context);
      if (session) {
        const { activityId } = options.onOutcome;
        session.pending = {
          id: options.questionId,
          seq: options.number,
          onOutcome: true,
          ...(activityId ? { activityId } : {}),
          // The emergency card carrying this question has just been sent.
          shownAt: preciseNow(),
        };
        await this.sessions.set(dc.context, session);
      }
      return Dialog.EndOfTurn;
    }
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
      if (parsed.ok && (await this.typedBeforeShown(dc, options))) return Dialog.EndOfTurn;
    }
    if (parsed.ok) return dc.endDialog(parsed.value);
    if (!value && (await this.noteRedFlags(dc, activity.text ?? ""))) return dc.endDialog(NOTED_FROM_TEXT);
    await this.show(dc, options, RETRY_HINT);
    return Dialog.EndOfTurn;
  }

  /**
   * "he also has new saddle numbness" is not an answer to the question on screen, but a red flag
   * must not be thrown away: findings that can only raise urgency are noted at once (the same rule as
   * the quick check), and the triage works out its next question again.
   */
  private async noteRedFlags(dc: DialogContext, text: string): Promise<boolean> {
    const session = await this.sessions.get(dc.context);
    if (!session || !text.trim()) return false;
    const { findings, evidence } = extractFindings(text);
    const raised = Object.fromEntries(
      Object.entries(findings).filter(
        ([id, v]) => usableAtOnce(id as FindingId, v) && !(id in session.answers),
      ),
    );
    if (Object.keys(raised).length === 0) return false;
    const updated = applyExtraction(session, { findings: raised, evidence: redactedEvidence(evidence) });
    await this.sessions.set(dc.context, updated);
    const labels = Object.keys(raised).map(
      (id) => this.pack.questionById.get(id as FindingId)?.data.label ?? id,
    );
    await this.presenter.send(dc.context, {
      kind: "notice",
      tone: "info",
      text: `Noted from your message: ${labels.join(", ")}.`,
    });
    return true;
  }

  /**
   * Typed words carry no question id. If they reached the server before the open question was
   * shown ("yes" then "no" in quick succession), they were meant for an earlier question: not used,
   * and the clinician is told which question is open.
   */
  private async typedBeforeShown(dc: DialogContext, options: AnswerPromptOptions): Promise<boolean> {
    const arrived = arrivalOf(dc.context);
    const session = await this.sessions.get(dc.context);
    const shownAt = session?.pending?.seq === options.number ? session.pending.shownAt : undefined;
    if (arrived === undefined || shownAt === undefined || arrived >= shownAt) return false;
    const q = this.pack.questionById.get(options.questionId)?.public;
    await this.presenter.send(dc.context, {
      kind: "notice",
      tone: "info",
      text: `Your last message arrived before question ${options.number} was shown, so it was not used as its answer. The open question is ${options.number}: ${q?.text ?? options.questionId}`,
    });
    return true;
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
    // A re-ask keeps the first time this question was shown: an answer typed after that saw it.
    const prev = session.pending;
    const shownAt = prev?.seq === options.number && prev.shownAt !== undefined ? prev.shownAt : preciseNow();
    session.pending = { id: q.id, seq: options.number, ...(id ? { activityId: id } : {}), shownAt };
    await this.sessions.set(dc.context, session);
  }
}

function redactedEvidence(evidence: Partial<Record<string, string>>): Partial<Record<FindingId, string>> {
  return Object.fromEntries(
    Object.entries(evidence).map(([id, words]) => [id, redactIdentifiers(words ?? "")]),
  );
}
