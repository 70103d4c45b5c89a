import { ActivityTypes } from "botbuilder";
import type { AnswerValue, OutcomeView } from "../cards/views.js";
import type { Extraction } from "../rules/extract/index.js";
import type { Screen } from "../rules/outcome.js";
import type { Pack } from "../rules/packs/index.js";
import type { FindingId } from "../rules/vocabulary.js";
import { ANSWER_PROMPT, AnswerPrompt, type AnswerPromptOptions, NOTED_FROM_TEXT } from "./answer-prompt.js";
import { fitsQuestion } from "./answer-schema.js";
import { displayAnswer, toFindingValue } from "./answers.js";
import { asksForTriage, type Command, recogniseCommand } from "./commands.js";
import { correctionOf } from "./correction.js";
import { outcomeView } from "./outcome-view.js";
import type { Presenter } from "./presenter.js";
import { scopeOf } from "./scope.js";
import {
  SCREEN_PROMPT,
  ScreenPrompt,
  type ScreenPromptOptions,
  type ScreenResult,
  screenAnswerText,
} from "./screen-prompt.js";
import {
  ComponentDialog,
  Dialog,
  type DialogContext,
  type DialogTurnResult,
  WaterfallDialog,
  type WaterfallStepContext,
} from "./sdk.js";
import {
  applyExtraction,
  goBack,
  newSession,
  nextStep,
  notedLines,
  recordAnswer,
  recordScreen,
  type TriageSession,
} from "./session.js";
import type { SessionStore } from "./session-store.js";

// The triage conversation: a waterfall that loops "ask the rules core's next question -> record the
// answer" until the core says done, then shows the outcome. It makes no clinical decision itself.

export const TRIAGE_DIALOG = "triage";
const LOOP = "triageLoop";

export interface TriageDialogDeps {
  pack: Pack;
  sessions: SessionStore;
  presenter: Presenter;
  clock?: () => Date;
}

export interface TriageStart {
  /** Findings read from the clinician's first message (already free of identifiers). */
  extraction?: Pick<Extraction, "findings" | "evidence">;
}

export class TriageDialog extends ComponentDialog {
  constructor(private readonly deps: TriageDialogDeps) {
    super(TRIAGE_DIALOG);
    const questions = stampingQuestions(deps.presenter, deps.sessions);
    this.addDialog(new AnswerPrompt(deps.pack, deps.sessions, questions));
    this.addDialog(new ScreenPrompt(deps.pack, deps.sessions, questions));
    this.addDialog(new WaterfallDialog(LOOP, [this.askStep.bind(this), this.recordStep.bind(this)]));
    this.initialDialogId = LOOP;
  }

  protected override async onBeginDialog(
    inner: DialogContext,
    options?: TriageStart,
  ): Promise<DialogTurnResult> {
    let session = newSession(this.deps.pack.data.region);
    if (options?.extraction) session = applyExtraction(session, options.extraction);
    await this.deps.sessions.set(inner.context, session);
    return inner.beginDialog(LOOP);
  }

  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    return (await this.interrupt(inner)) ?? super.onContinueDialog(inner);
  }

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { pack, sessions, presenter } = this.deps;
    const session = await sessions.get(step.context);
    if (!session) return step.endDialog();
    const next = nextStep(pack, session);
    if (next.kind === "outcome") {
      await this.showFinal(step.context, session);
      await sessions.finish(step.context);
      return step.endDialog();
    }
    session.seq += 1;
    if (next.kind === "screen") {
      await sessions.set(step.context, session);
      const options: ScreenPromptOptions = { screen: next.screen, number: session.seq };
      return step.beginDialog(SCREEN_PROMPT, options);
    }
    const options: AnswerPromptOptions = { questionId: next.question.id, number: session.seq };
    if (next.emergencyPending && !session.emergencyShown) {
      // The route is already an emergency: show it now, with the one question that decides which
      // emergency team on the same card, so the action stays in view while it is answered.
      const view = this.outcome(session);
      view.pendingQuestion = {
        question: next.question,
        number: session.seq,
        noted: notedLines(pack, session),
      };
      const stamped = { ...view, stamp: { triage: session.id, seq: session.seq } };
      const activityId = await presenter.send(step.context, stamped);
      session.emergencyShown = true;
      session.emergencyCard = {
        ...(activityId ? { activityId } : {}),
        title: view.outcome.title,
        urgency: view.outcome.urgency,
        additional: view.outcome.additional.map((a) => a.route),
      };
      options.onOutcome = activityId ? { activityId } : {};
    }
    await sessions.set(step.context, session);
    return step.beginDialog(ANSWER_PROMPT, options);
  }

  /**
   * The final outcome. After an emergency card shown early, it replaces that card in place, saying
   * what changed if the route, urgency or additional actions did; where the channel cannot update
   * a message (or there is no id for it), it is sent as a new message.
   */
  private async showFinal(context: DialogContext["context"], session: TriageSession): Promise<void> {
    const view = this.outcome(session);
    const shown = session.emergencyCard;
    if (!shown) {
      await this.deps.presenter.send(context, view);
      return;
    }
    const change = changeFrom(shown, view);
    if (change) view.changed = change;
    const replaced = shown.activityId
      ? await this.deps.presenter.replace(context, shown.activityId, view)
      : false;
    if (!replaced) await this.deps.presenter.send(context, view);
  }

  private async recordStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { pack, sessions, presenter } = this.deps;
    const session = await sessions.get(step.context);
    const pending = session?.pending;
    if (!session || !pending) return step.replaceDialog(LOOP);
    const result = step.result as AnswerValue | ScreenResult | undefined;
    if (typeof result === "object" && result?.kind === "screen") {
      if (!pending.items || !pending.id.startsWith("screen:")) return step.replaceDialog(LOOP);
      if (pending.activityId) {
        const screen: Screen = {
          id: pending.id.slice("screen:".length),
          title: pending.title ?? "",
          why: "",
          items: pending.items.flatMap((id) => pack.questionById.get(id)?.public ?? []),
        };
        await presenter.replace(step.context, pending.activityId, {
          kind: "answered",
          number: pending.seq,
          question: screen.title,
          answer: screenAnswerText(screen, result.findings, result.oneByOne),
        });
      }
      await sessions.set(step.context, recordScreen(session, result.findings, result.oneByOne));
      return step.replaceDialog(LOOP);
    }
    const q = pack.questionById.get(pending.id as FindingId)?.public;
    if (!q) return step.replaceDialog(LOOP);
    const value = result as AnswerValue;
    // Only a value that reads as an answer to this question is recorded. Anything else (the prompt
    // ending because the message added findings rather than answering) asks again from the top.
    if (value === NOTED_FROM_TEXT || !fitsQuestion(q, value)) return step.replaceDialog(LOOP);
    // A question on the emergency card is not replaced by an answered card: the final outcome
    // replaces the whole card.
    if (pending.activityId && !pending.onOutcome) {
      await presenter.replace(step.context, pending.activityId, {
        kind: "answered",
        number: pending.seq,
        question: q.text,
        answer: displayAnswer(q, toFindingValue(q, value)),
      });
    }
    await sessions.set(step.context, recordAnswer(session, q, value));
    return step.replaceDialog(LOOP);
  }

  /** Commands, corrections and stale submits, handled before the prompt sees the message. */
  private async interrupt(inner: DialogContext): Promise<DialogTurnResult | undefined> {
    const { context } = inner;
    if (context.activity.type !== ActivityTypes.Message) return undefined;
    const value = context.activity.value as Record<string, unknown> | undefined;
    const fromButton = typeof value?.command === "string";
    // "is this urgent APP?" in the middle of a triage asks for a new one, like "triage" does (a
    // message that also carries findings was started over from before this point).
    const command: Command | undefined = fromButton
      ? recogniseCommand(value?.command as string)
      : (recogniseCommand(context.activity.text) ??
        (!value && asksForTriage(context.activity.text) ? "triage" : undefined));
    const { sessions, presenter, pack } = this.deps;
    const session = await sessions.get(context);

    // A start or restart button from another message (the welcome or help card, an earlier
    // triage's outcome or an unreplaced question card) must not wipe the triage now running.
    // The typed command still works, and so do the buttons of this triage's own cards.
    if ((command === "triage" || command === "restart") && fromButton && session) {
      if (value?.triage !== session.id) {
        await this.notice(
          context,
          "A triage is in progress, so that button did nothing. Type 'restart' to start over.",
        );
        return Dialog.EndOfTurn;
      }
    }

    switch (command) {
      case "help":
        await presenter.send(context, { kind: "help", scope: scopeOf(context) });
        return Dialog.EndOfTurn;
      case "cancel":
        await sessions.finish(context);
        await this.notice(context, "Triage cancelled. Type 'triage' to start again.");
        return inner.cancelAllDialogs();
      case "resume":
        // "Carry on" after the new-triage question: the open card again.
        return this.restartLoop(inner);
      case "triage":
        // Answers would be lost: one tap to confirm (this triage's own button confirms).
        if (session && !fromButton && hasAskedAnswers(session)) {
          await this.confirmNewTriage(context, session);
          return Dialog.EndOfTurn;
        }
        await sessions.set(context, newSession(pack.data.region));
        await this.notice(context, "Starting a new triage.");
        return this.restartLoop(inner);
      case "restart":
        await sessions.set(context, newSession(pack.data.region));
        await this.notice(context, "Starting the triage again.");
        return this.restartLoop(inner);
      case "back":
        if (session) await sessions.set(context, answersChanged(goBack(session)));
        return this.restartLoop(inner);
    }

    if (value && typeof value.questionId === "string" && session) {
      const stale = staleAnswer(value, session);
      if (stale) {
        await this.notice(context, stale);
        return Dialog.EndOfTurn;
      }
    }

    const fixed = session && !value ? correctionOf(pack, session, context.activity.text ?? "") : undefined;
    if (fixed) {
      await sessions.set(context, answersChanged(fixed.session));
      await this.notice(context, `Removed from the noted findings: ${fixed.label}.`);
      return this.restartLoop(inner);
    }
    return undefined;
  }

  private async confirmNewTriage(context: DialogContext["context"], session: TriageSession): Promise<void> {
    const answered = session.order.filter((id) => session.how[id] === "asked").length;
    await this.deps.presenter.send(context, {
      kind: "notice",
      tone: "info",
      text: `Start a new triage? The ${answered} answer${answered === 1 ? "" : "s"} given in this one will be lost.`,
      actions: [
        { title: "Start a new triage", data: { command: "triage", triage: session.id } },
        { title: "Carry on with this one", data: { command: "resume", triage: session.id } },
      ],
    });
  }

  private async notice(context: DialogContext["context"], text: string): Promise<void> {
    await this.deps.presenter.send(context, { kind: "notice", tone: "info", text });
  }

  private async restartLoop(inner: DialogContext): Promise<DialogTurnResult> {
    await inner.cancelAllDialogs();
    return inner.beginDialog(LOOP);
  }

  /** The outcome, its "New triage" button stamped with this triage. */
  private outcome(session: TriageSession): OutcomeView {
    return { ...outcomeView(this.deps.pack, session, this.now()), stamp: { triage: session.id } };
  }

  private now(): Date {
    return this.deps.clock?.() ?? new Date();
  }
}

/**
 * Why a submitted answer is not for the question now open, if it is not. Stamped buttons name their
 * triage and question number; a submit without a stamp (a client following docs/interfaces.md only) is
 * checked by its question id alone.
 */
function staleAnswer(value: Record<string, unknown>, session: TriageSession): string | undefined {
  if (value.triage !== undefined && value.triage !== session.id)
    return "That question belongs to an earlier triage, so nothing was changed. Please answer the latest question.";
  const pending = session.pending;
  const seqDiffers = value.seq !== undefined && Number(value.seq) !== pending?.seq;
  if (value.questionId !== pending?.id || seqDiffers)
    return "That question has already been answered, so nothing was changed. Please answer the latest question.";
  return undefined;
}

/**
 * Question cards carry this triage's stamp and their question number (the answer prompt's
 * `number`, which it keeps as `pending.seq`), so a click on an older card can be told apart.
 */
function stampingQuestions(presenter: Presenter, sessions: SessionStore): Presenter {
  return {
    async send(context, view) {
      if ((view.kind !== "question" && view.kind !== "screen") || view.stamp)
        return presenter.send(context, view);
      const session = await sessions.get(context);
      if (!session) return presenter.send(context, view);
      return presenter.send(context, { ...view, stamp: { triage: session.id, seq: view.number } });
    },
    replace: (context, id, view) => presenter.replace(context, id, view),
  };
}

/**
 * An answer was taken back: an emergency shown early may no longer hold, so if it comes back it
 * is shown again rather than silently assumed seen.
 */
function hasAskedAnswers(session: TriageSession): boolean {
  return session.order.some((id) => session.how[id] === "asked");
}

function answersChanged(session: TriageSession): TriageSession {
  const { emergencyShown: _, emergencyCard: __, ...rest } = session;
  return rest;
}

/** What changed between the emergency card shown early and the final outcome, in words. */
function changeFrom(
  shown: NonNullable<TriageSession["emergencyCard"]>,
  view: OutcomeView,
): string | undefined {
  const o = view.outcome;
  const additional = o.additional.map((a) => a.route);
  const same =
    shown.title === o.title &&
    shown.urgency === o.urgency &&
    shown.additional.length === additional.length &&
    shown.additional.every((r, i) => r === additional[i]);
  if (same) return undefined;
  return shown.title === o.title
    ? `Updated after your last answer: the actions alongside ${o.title.toLowerCase()} changed.`
    : `Updated after your last answer: now ${o.title} (was ${shown.title}).`;
}

export type { TriageSession };
