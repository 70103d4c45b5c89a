import { fallbackText } from "../fallback-text.js";
import type { View } from "../views.js";
import { answeredCard } from "./views/answered.js";
import { helpCard } from "./views/help.js";
import { noticeCard } from "./views/notice.js";
import { outcomeCard } from "./views/outcome.js";
import { questionCard } from "./views/question.js";
import { screenCard } from "./views/screen.js";
import { welcomeCard } from "./views/welcome.js";

export interface AdaptiveMessage {
  /** Adaptive Card JSON (schema 1.5), ready for an attachment of type application/vnd.microsoft.card.adaptive. */
  card: Record<string, unknown>;
  /**
   * Plain-text fallback: also the card's own `fallbackText`. The channel layer sends it as the
   * activity's `summary` (the notification preview), not its `text`, which Teams would show as a
   * second bubble beside the card; it lists a question's answers.
   */
  text: string;
}

/** Renders a channel-neutral view as a Teams Adaptive Card. Throws CardRenderError on invalid data. */
export function renderAdaptive(view: View): AdaptiveMessage {
  const text = fallbackText(view);
  const card = cardFor(view);
  // An outcome card sets its own (shorter when the card is near the size limit). The card's copy
  // gets the same guard as its data: a typed `${` must not pass for a leftover binding.
  const own = typeof card.fallbackText === "string" ? card.fallbackText : text;
  return { card: { ...card, fallbackText: own.replaceAll("${", "$ {") }, text };
}

function cardFor(view: View): Record<string, unknown> {
  switch (view.kind) {
    case "welcome":
      return welcomeCard(view);
    case "help":
      return helpCard(view);
    case "question":
      return questionCard(view);
    case "screen":
      return screenCard(view);
    case "answered":
      return answeredCard(view);
    case "outcome":
      return outcomeCard(view);
    case "notice":
      return noticeCard(view);
  }
}
