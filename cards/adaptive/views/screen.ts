import { z } from "zod";
import { FINDING_IDS } from "../../../rules/vocabulary.js";
import { LABELS, notedLabel, questionLabel } from "../../labels.js";
import type { ScreenView } from "../../views.js";
import { expandCard } from "../expand.js";
import template from "../templates/screen.json" with { type: "json" };

// A screen: one multi-select list of the topic's open findings and three buttons. Every button
// carries the ticked items (Teams merges the input `items` into the submit), so ticked items are
// yes whichever is pressed; only Restart leaves them behind.

const text = z.string().trim().min(1);

const ScreenData = z.object({
  questionId: z.string().regex(/^screen:[a-z0-9_-]+$/),
  questionLabel: text,
  title: text,
  whyLine: text,
  hint: text,
  retryHints: z.array(text).max(1),
  notedLines: z.array(text).max(1),
  mentioned: z.array(text),
  items: z.array(z.object({ title: text, value: z.enum(FINDING_IDS) })).min(1),
  noneLabel: text,
  theseLabel: text,
  unsureLabel: text,
  restartLabel: text,
});
type ScreenData = z.infer<typeof ScreenData>;

export function screenCard(view: ScreenView): Record<string, unknown> {
  const data: ScreenData = {
    questionId: `screen:${view.screen.id}`,
    questionLabel: questionLabel(view.number),
    title: view.screen.title,
    whyLine: `${LABELS.whyAsked}: ${view.screen.why}`,
    hint: LABELS.screenHint,
    retryHints: view.retryHint ? [view.retryHint] : [],
    notedLines: view.noted.length > 0 ? [notedLabel(view.noted)] : [],
    mentioned: view.mentioned ?? [],
    items: view.screen.items.map((q) => ({ title: q.text, value: q.id })),
    noneLabel: LABELS.screenNone,
    theseLabel: LABELS.screenThese,
    unsureLabel: LABELS.screenUnsure,
    restartLabel: LABELS.restart,
  };
  return expandCard({
    name: "screen",
    template,
    schema: ScreenData,
    data,
    required: [data.title, ...data.items.map((i) => i.title), ...data.retryHints, ...data.mentioned],
  });
}
