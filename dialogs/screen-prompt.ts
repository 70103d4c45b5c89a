import { ActivityTypes } from "botbuilder";
import { prefillLabel } from "../cards/labels.js";
import { answerScreen } from "../rules/engine/screen-answer.js";
import type { Screen } from "../rules/outcome.js";
import type { Pack } from "../rules/packs/index.js";
import type { FindingId, Findings } from "../rules/vocabulary.js";
import { displayAnswer } from "./answers.js";
import type { Presenter } from "./presenter.js";
import { type ParsedScreen, parseSubmittedScreen, parseTypedScreen } from "./screen-answers.js";
import { Dialog, type DialogContext, type DialogTurnResult } from "./sdk.js";
import { notedLines } from "./session.js";
import type { SessionStore } from "./session-store.js";

// Asks one screen and waits for its answer. It returns the rules core's reading of the answer
// (answerScreen); one it cannot read, or that the core refuses ("These" with nothing ticked),
// asks the same screen again with the reason.

export const SCREEN_PROMPT = "screenPrompt";

export interface ScreenPromptOptions {
  screen: Screen;
  number: number;
}

export interface ScreenResult {
  kind: "screen";
  findings: Findings;
  oneByOne: FindingId[];
}

export const SCREEN_RETRY_HINT =
  "I did not catch that for this list. Tick those present and press These, or press None of these; or type none, not sure, or the numbers of those present.";

export class ScreenPrompt extends Dialog<ScreenPromptOptions> {
  constructor(
    private readonly pack: Pack,
    private readonly sessions: SessionStore,
    private readonly presenter: Presenter,
  ) {
    super(SCREEN_PROMPT);
  }

  override async beginDialog(dc: DialogContext, options?: ScreenPromptOptions): Promise<DialogTurnResult> {
    if (!options) throw new Error("ScreenPrompt needs a screen");
    const active = dc.activeDialog;
    if (active) active.state.options = options;
    await this.show(dc, options);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const activity = dc.context.activity;
    if (activity.type !== ActivityTypes.Message) return Dialog.EndOfTurn;
    const options = dc.activeDialog?.state.options as ScreenPromptOptions | undefined;
    if (!options) return dc.endDialog(undefined);
    const value = activity.value as Record<string, unknown> | undefined;
    const parsed: ParsedScreen =
      value && typeof value === "object" && "questionId" in value
        ? parseSubmittedScreen(options.screen, value)
        : parseTypedScreen(options.screen, activity.text ?? "");
    if (!parsed.ok) {
      await this.show(dc, options, SCREEN_RETRY_HINT);
      return Dialog.EndOfTurn;
    }
    const read = answerScreen(options.screen, parsed.button, parsed.ticked);
    if (!read.ok) {
      await this.show(dc, options, read.reason);
      return Dialog.EndOfTurn;
    }
    const result: ScreenResult = { kind: "screen", findings: read.findings, oneByOne: read.oneByOne };
    return dc.endDialog(result);
  }

  private async show(dc: DialogContext, options: ScreenPromptOptions, retryHint?: string) {
    const session = await this.sessions.get(dc.context);
    if (!session) return;
    const id = await this.presenter.send(dc.context, {
      kind: "screen",
      screen: options.screen,
      number: options.number,
      noted: notedLines(this.pack, session),
      mentioned: options.screen.items.flatMap((q) => {
        const sug = session.suggestions[q.id];
        return sug ? [prefillLabel(sug.evidence, displayAnswer(q, sug.value))] : [];
      }),
      ...(retryHint ? { retryHint } : {}),
    });
    session.pending = {
      id: `screen:${options.screen.id}`,
      seq: options.number,
      items: options.screen.items.map((q) => q.id),
      title: options.screen.title,
      ...(id ? { activityId: id } : {}),
    };
    await this.sessions.set(dc.context, session);
  }
}

/** How the clinician's screen answer reads back on the answered card ("None of these"). */
export function screenAnswerText(screen: Screen, findings: Findings, oneByOne: readonly FindingId[]): string {
  const yes = screen.items.filter((q) => (findings as Record<string, unknown>)[q.id] === true);
  const parts: string[] = [];
  if (yes.length > 0) parts.push(`Yes: ${yes.map((q) => q.text).join("; ")}`);
  if (oneByOne.length > 0) parts.push("the rest one by one");
  else parts.push(yes.length > 0 ? "the rest no" : "None of these");
  return parts.join(", ");
}
