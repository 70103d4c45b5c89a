import { ActivityTypes } from "botbuilder";
import {
  ComponentDialog,
  Dialog,
  type DialogContext,
  type DialogTurnResult,
  WaterfallDialog,
  type WaterfallStepContext,
} from "botbuilder-dialogs";
import type { AnswerValue } from "../cards/views.js";
import type { Pack } from "../rules/packs/index.js";
import { ANSWER_PROMPT, AnswerPrompt, type AnswerPromptOptions } from "./answer-prompt.js";
import { displayAnswer } from "./answers.js";
import { type Command, correctionWords, recogniseCommand } from "./commands.js";
import { outcomeView } from "./outcome-view.js";
import type { Presenter } from "./presenter.js";
import {
  applyExtraction,
  correctNoted,
  goBack,
  newSession,
  nextStep,
  recordAnswer,
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
  extraction?: { findings: Record<string, unknown>; evidence: Record<string, string> };
}

export class TriageDialog extends ComponentDialog {
  constructor(private readonly deps: TriageDialogDeps) {
    super(TRIAGE_DIALOG);
    this.addDialog(new AnswerPrompt(deps.pack, deps.sessions, deps.presenter));
    this.addDialog(new WaterfallDialog(LOOP, [this.askStep.bind(this), this.recordStep.bind(this)]));
    this.initialDialogId = LOOP;
  }

  protected override async onBeginDialog(
    inner: DialogContext,
    options?: TriageStart,
  ): Promise<DialogTurnResult> {
    let session = newSession(this.deps.pack.data.region);
    if (options?.extraction) session = applyExtraction(session, options.extraction as never);
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
      await presenter.send(step.context, outcomeView(pack, session, this.now()));
      await sessions.finish(step.context, session);
      return step.endDialog();
    }
    if (next.emergencyPending && !session.emergencyShown) {
      // The route is already an emergency: show it now, then ask what decides which emergency.
      await presenter.send(step.context, outcomeView(pack, session, this.now()));
      session.emergencyShown = true;
    }
    session.seq += 1;
    await sessions.set(step.context, session);
    const options: AnswerPromptOptions = { questionId: next.question.id, number: session.seq };
    return step.beginDialog(ANSWER_PROMPT, options);
  }

  private async recordStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { pack, sessions, presenter } = this.deps;
    const session = await sessions.get(step.context);
    const pending = session?.pending;
    const q = pending ? pack.questionById.get(pending.id)?.public : undefined;
    if (!session || !pending || !q) return step.replaceDialog(LOOP);
    const value = step.result as AnswerValue;
    if (pending.activityId) {
      await presenter.replace(step.context, pending.activityId, {
        kind: "answered",
        number: pending.seq,
        question: q.text,
        answer: displayAnswer(q, value),
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
    const command: Command | undefined =
      typeof value?.command === "string"
        ? recogniseCommand(value.command)
        : recogniseCommand(context.activity.text);
    const { sessions, presenter, pack } = this.deps;
    const session = await sessions.get(context);

    switch (command) {
      case "help":
        await presenter.send(context, { kind: "help", scope: scopeOf(context) });
        return Dialog.EndOfTurn;
      case "cancel":
        await sessions.finish(context, session);
        await presenter.send(context, {
          kind: "notice",
          tone: "info",
          text: "Triage cancelled. Type 'triage' to start again.",
        });
        return inner.cancelAllDialogs();
      case "restart":
      case "triage":
        await sessions.set(context, newSession(pack.data.region));
        await presenter.send(context, { kind: "notice", tone: "info", text: "Starting the triage again." });
        return this.restartLoop(inner);
      case "back":
        if (session) await sessions.set(context, answersChanged(goBack(session)));
        return this.restartLoop(inner);
    }

    if (value && typeof value.questionId === "string" && session) {
      if (value.questionId !== session.pending?.id) {
        await presenter.send(context, {
          kind: "notice",
          tone: "info",
          text: "That question has already been answered, so nothing was changed. Please answer the latest question.",
        });
        return Dialog.EndOfTurn;
      }
    }

    const words = correctionWords(context.activity.text);
    if (words && session) {
      const fixed = correctNoted(pack, session, words);
      if (fixed.label) {
        await sessions.set(context, answersChanged(fixed.session));
        await presenter.send(context, {
          kind: "notice",
          tone: "info",
          text: `Removed from the noted findings: ${fixed.label}.`,
        });
        return this.restartLoop(inner);
      }
    }
    return undefined;
  }

  private async restartLoop(inner: DialogContext): Promise<DialogTurnResult> {
    await inner.cancelAllDialogs();
    return inner.beginDialog(LOOP);
  }

  private now(): Date {
    return this.deps.clock?.() ?? new Date();
  }
}

/**
 * An answer was taken back: an emergency shown early may no longer hold, so if it comes back it
 * is shown again rather than silently assumed seen.
 */
function answersChanged(session: TriageSession): TriageSession {
  const { emergencyShown: _, ...rest } = session;
  return rest;
}

export function scopeOf(context: {
  activity: { conversation?: { conversationType?: string } };
}): "personal" | "shared" {
  const t = context.activity.conversation?.conversationType;
  return t === "channel" || t === "groupChat" ? "shared" : "personal";
}

export type { TriageSession };
