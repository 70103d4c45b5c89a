import { z } from "zod";
import { MSK_LABELS } from "../../msk-team/labels.js";
import type { MskQueryView } from "../../msk-team/views.js";
import { expandCard } from "../expand.js";
import template from "../templates/msk-query.json" with { type: "json" };

// The query card in the MSK team's Teams channel. Open, it carries the route choice, the note and
// the three reply buttons (their data as in docs/interfaces.md); answered, it only says who
// answered and when, so nobody answers twice.

const text = z.string().trim().min(1);
const choice = z.object({ title: text, value: text });

const MskQueryData = z.object({
  queryId: text,
  title: text,
  style: z.enum(["warning", "default"]),
  anonymised: text,
  facts: z.array(choice).min(1),
  lists: z.array(z.object({ heading: text, items: z.array(text).min(1) })),
  questionHeading: text,
  questionText: text,
  open: z.array(z.object({ routeLabel: text, noteLabel: text, routeChoices: z.array(choice).min(1) })).max(1),
  answered: z.array(text).max(1),
  replies: z.array(z.object({ title: text, reply: z.enum(["agree", "change", "call"]) })),
});
type MskQueryData = z.infer<typeof MskQueryData>;

export function mskQueryCard(view: MskQueryView): Record<string, unknown> {
  const open = view.answered === undefined;
  const data: MskQueryData = {
    queryId: view.queryId,
    title: view.reminder ? MSK_LABELS.reminderTitle(view.number) : MSK_LABELS.queryTitle(view.number),
    style: view.reminder && open ? "warning" : "default",
    anonymised: MSK_LABELS.anonymised,
    facts: [
      { title: MSK_LABELS.route, value: `${view.routeTitle} (${view.route})` },
      { title: MSK_LABELS.urgency, value: view.urgency },
      { title: MSK_LABELS.askedAt, value: view.askedAt },
      { title: MSK_LABELS.guideline, value: view.rulesVersion },
    ],
    lists: [
      { heading: MSK_LABELS.yes, items: view.yes.length > 0 ? view.yes : [MSK_LABELS.none] },
      ...(view.unsure.length > 0 ? [{ heading: MSK_LABELS.unsure, items: view.unsure }] : []),
      ...(view.rules.length > 0 ? [{ heading: MSK_LABELS.rules, items: view.rules }] : []),
    ],
    questionHeading: MSK_LABELS.question,
    questionText: view.question ?? MSK_LABELS.noQuestion,
    open: open
      ? [{ routeLabel: MSK_LABELS.newRoute, noteLabel: MSK_LABELS.note, routeChoices: view.routeChoices }]
      : [],
    answered: view.answered ? [view.answered] : [],
    replies: open
      ? [
          { title: MSK_LABELS.agree, reply: "agree" },
          { title: MSK_LABELS.change, reply: "change" },
          { title: MSK_LABELS.call, reply: "call" },
        ]
      : [],
  };
  const required = [data.title, data.questionText, ...data.answered];
  return expandCard({ name: "msk-query", template, schema: MskQueryData, data, required });
}
