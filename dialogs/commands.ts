import { normaliseText } from "./answers.js";

// Words that work at any point of a conversation (docs/interfaces.md §2).

export type Command = "help" | "restart" | "back" | "cancel" | "triage" | "resume";

const COMMANDS: Array<[Command, RegExp]> = [
  ["help", /^(help|\/help|what can you do|how does this work|commands)$/],
  ["restart", /^(restart|start again|start over|reset|\/restart)$/],
  ["back", /^(back|go back|previous|undo|\/back)$/],
  ["cancel", /^(cancel|stop|quit|exit|abort|\/cancel)$/],
  [
    "triage",
    /^(triage|start|start triage|new triage|begin|\/triage|new patient|next patient|new case|another patient)$/,
  ],
  ["resume", /^(resume|carry on|continue)$/],
];

export function recogniseCommand(text: string | undefined): Command | undefined {
  if (!text) return undefined;
  const t = normaliseText(text)
    .replace(/^please /, "")
    .replace(/ please$/, "");
  return COMMANDS.find(([, re]) => re.test(t))?.[0];
}

/** A message that asks for a triage ("is this urgent APP?") rather than answering a question. */
export function asksForTriage(text: string | undefined): boolean {
  if (!text) return false;
  const t = normaliseText(text);
  return /\b(is (this|it) urgent|urgent app|how urgent|red flags?\??$|triage|should (i|we) refer|where (should|do) (i|we) (refer|send))\b/.test(
    t,
  );
}

/** "no, not saddle" / "not saddle": the clinician corrects a finding the bot noted. */
export function correctionWords(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const m = /^(?:no,? )?not (?:the )?(.+)$/.exec(normaliseText(text));
  return m?.[1];
}
