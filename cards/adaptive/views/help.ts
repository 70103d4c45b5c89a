import { z } from "zod";
import { LABELS } from "../../labels.js";
import type { HelpView } from "../../views.js";
import { expandCard } from "../expand.js";
import template from "../templates/help.json" with { type: "json" };

const text = z.string().trim().min(1);

const HelpData = z.object({
  title: text,
  lines: z.array(text).min(1),
  answers: text,
  privacy: text,
  notForEmergencies: text,
  startTriage: text,
});
type HelpData = z.infer<typeof HelpData>;

export function helpCard(view: HelpView): Record<string, unknown> {
  const data: HelpData = {
    title: LABELS.helpTitle,
    lines: [...LABELS.helpLines],
    answers: LABELS.helpAnswers,
    privacy: view.scope === "shared" ? LABELS.noPatientDetails : LABELS.noIdentifiers,
    notForEmergencies: LABELS.notForEmergencies,
    startTriage: LABELS.startTriage,
  };
  return expandCard({
    name: "help",
    template,
    schema: HelpData,
    data,
    required: [data.notForEmergencies, data.privacy],
  });
}
