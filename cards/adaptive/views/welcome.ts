import { z } from "zod";
import { LABELS } from "../../labels.js";
import type { WelcomeView } from "../../views.js";
import { expandCard } from "../expand.js";
import template from "../templates/welcome.json" with { type: "json" };

const text = z.string().trim().min(1);

const WelcomeData = z.object({
  title: text,
  intendedUse: text,
  notForEmergencies: text,
  privacy: text,
  reviewWarnings: z.array(text).max(1),
  regionLabel: text,
  regionName: text,
  guidelineLabel: text,
  rulesVersion: text,
  startTriage: text,
});
type WelcomeData = z.infer<typeof WelcomeData>;

export function welcomeCard(view: WelcomeView): Record<string, unknown> {
  const data: WelcomeData = {
    title: LABELS.welcomeTitle,
    intendedUse: LABELS.intendedUse,
    notForEmergencies: LABELS.notForEmergencies,
    privacy: view.scope === "shared" ? LABELS.noPatientDetails : LABELS.noIdentifiers,
    reviewWarnings: view.reviewOverdue ? [LABELS.reviewOverdue] : [],
    regionLabel: LABELS.region,
    regionName: view.regionName,
    guidelineLabel: LABELS.guidelineVersion,
    rulesVersion: view.rulesVersion,
    startTriage: LABELS.startTriage,
  };
  return expandCard({
    name: "welcome",
    template,
    schema: WelcomeData,
    data,
    required: [data.notForEmergencies, data.privacy, ...data.reviewWarnings],
  });
}
