import { MSK_LABELS } from "./labels.js";
import type { MskQueryView } from "./views.js";

/** The query in plain text: notifications and clients that cannot show the card. */
export function mskQueryText(view: MskQueryView): string {
  const title = view.reminder ? MSK_LABELS.reminderTitle(view.number) : MSK_LABELS.queryTitle(view.number);
  const lines = [
    title,
    `${MSK_LABELS.route}: ${view.routeTitle} (${view.urgency})`,
    `${MSK_LABELS.yes}: ${view.yes.join(", ") || MSK_LABELS.none}`,
  ];
  if (view.unsure.length > 0) lines.push(`${MSK_LABELS.unsure}: ${view.unsure.join(", ")}`);
  lines.push(view.question ? `${MSK_LABELS.question}: ${view.question}` : MSK_LABELS.noQuestion);
  if (view.answered) lines.push(view.answered);
  return lines.join("\n");
}
