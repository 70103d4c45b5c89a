import { fallbackText } from "../fallback-text.js";
import type { View } from "../views.js";
import { answeredCard } from "./views/answered.js";
import { helpCard } from "./views/help.js";
import { noticeCard } from "./views/notice.js";
import { outcomeCard } from "./views/outcome.js";
import { questionCard } from "./views/question.js";
import { welcomeCard } from "./views/welcome.js";

export interface AdaptiveMessage {
  /** Adaptive Card JSON (schema 1.5), ready for an attachment of type application/vnd.microsoft.card.adaptive. */
  card: Record<string, unknown>;
  /** Plain-text fallback for the activity's `text`: lists a question's answers (docs/interfaces.md §2). */
  text: string;
}

/** Renders a channel-neutral view as a Teams Adaptive Card. Throws CardRenderError on invalid data. */
export function renderAdaptive(view: View): AdaptiveMessage {
  return { card: cardFor(view), text: fallbackText(view) };
}

function cardFor(view: View): Record<string, unknown> {
  switch (view.kind) {
    case "welcome":
      return welcomeCard(view);
    case "help":
      return helpCard(view);
    case "question":
      return questionCard(view);
    case "answered":
      return answeredCard(view);
    case "outcome":
      return outcomeCard(view);
    case "notice":
      return noticeCard(view);
  }
}
