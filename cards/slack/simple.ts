import { LABELS, questionLabel } from "../labels.js";
import type { AnsweredView, HelpView, NoticeView, WelcomeView } from "../views.js";
import { type Block, bold, bulletList, button, context, header, sections } from "./blocks.js";
import { ACTION_IDS } from "./question.js";

const TONE_EMOJI = {
  info: ":information_source:",
  warning: ":warning:",
  emergency: ":rotating_light:",
} as const;

export function welcomeBlocks(view: WelcomeView): Block[] {
  return [
    header(LABELS.welcomeTitle),
    ...sections({ text: LABELS.intendedUse }),
    ...sections({ raw: `:rotating_light: ${bold(LABELS.notForEmergencies)}` }),
    ...sections({ text: view.scope === "shared" ? LABELS.noPatientDetails : LABELS.noIdentifiers }),
    ...(view.reviewOverdue ? sections({ text: `:warning: ${LABELS.reviewOverdue}` }) : []),
    context(`${LABELS.region}: ${view.regionName} | ${LABELS.guidelineVersion}: ${view.rulesVersion}`),
    { type: "actions", elements: [button(ACTION_IDS.triage, LABELS.startTriage, { command: "triage" })] },
  ];
}

export function helpBlocks(view: HelpView): Block[] {
  return [
    header(LABELS.helpTitle),
    ...sections({ raw: bulletList(LABELS.helpLines) }),
    ...sections({ text: LABELS.helpAnswers }),
    context(view.scope === "shared" ? LABELS.noPatientDetails : LABELS.noIdentifiers),
    ...sections({ raw: `:rotating_light: ${bold(LABELS.notForEmergencies)}` }),
    { type: "actions", elements: [button(ACTION_IDS.triage, LABELS.startTriage, { command: "triage" })] },
  ];
}

export function answeredBlocks(view: AnsweredView): Block[] {
  return [
    context(questionLabel(view.number)),
    ...sections({ text: view.question }),
    ...sections({ heading: LABELS.answer, text: view.answer }),
  ];
}

export function noticeBlocks(view: NoticeView): Block[] {
  const blocks = sections({ raw: `${TONE_EMOJI[view.tone]} ${bold(LABELS.noticeTitle[view.tone])}` }).concat(
    sections({ text: view.text }),
  );
  if (view.actions?.length)
    blocks.push({
      type: "actions",
      elements: view.actions.map((a, i) => button(`notice_action_${i}`, a.title, a.data)),
    });
  return blocks;
}
