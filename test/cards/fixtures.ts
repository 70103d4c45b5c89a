import type { AnsweredFinding, OutcomeView, QuestionView, View } from "../../cards/views.js";
import type { Outcome, PathwayLink, Question } from "../../rules/outcome.js";
import { ROUTE_CODES, type RouteCode, type Urgency } from "../../rules/vocabulary.js";

// Hand-made views for the card tests. The wording is placeholder text written for the tests (the
// real wording comes from the region packs); it only has to be plausible and distinct.

const ROUTE_SHAPE: Record<RouteCode, { title: string; urgency: Urgency; clock: string; action: string }> = {
  ED_NOW: {
    title: "Emergency department now",
    urgency: "emergency",
    clock: "now, same day",
    action: "Send the patient to the emergency department today; call 999 if they are unstable.",
  },
  MSCC_COORDINATOR: {
    title: "Phone the MSCC co-ordinator now",
    urgency: "emergency",
    clock: "now, same day",
    action: "Phone the acute oncology / MSCC co-ordinator straight away and follow their advice.",
  },
  ONCOLOGY_TEAM: {
    title: "Contact the patient's oncology team",
    urgency: "within_24h",
    clock: "within 24 hours",
    action: "Contact the oncology team caring for the patient within 24 hours.",
  },
  CANCER_PATHWAY: {
    title: "Suspected cancer pathway",
    urgency: "two_week",
    clock: "within 2 weeks",
    action: "Refer on the local urgent suspected-cancer pathway; consider myeloma bloods at 60 or over.",
  },
  SARCOMA_PATHWAY: {
    title: "Suspected sarcoma pathway",
    urgency: "two_week",
    clock: "within 2 weeks",
    action: "Use the suspected sarcoma referral guide: urgent ultrasound or the 2-week pathway.",
  },
  DIRECT_MRI: {
    title: "Direct-access MRI",
    urgency: "within_72h",
    clock: "within 3 days",
    action: "Book an MRI directly stating the suspicion, take WCC and CRP today, and refer for an opinion.",
  },
  VFF_PATHWAY: {
    title: "Vertebral fragility fracture pathway",
    urgency: "urgent",
    clock: "the service's urgent slot",
    action: "Arrange an X-ray, give analgesia and review bone health.",
  },
  FRACTURE_CLINIC: {
    title: "Fracture clinic",
    urgency: "within_72h",
    clock: "within 3 days",
    action: "Refer to the fracture or acute soft-tissue clinic.",
  },
  URGENT_APP: {
    title: "Urgent advanced practice physiotherapy",
    urgency: "urgent",
    clock: "the service's urgent slot",
    action: "Refer to tier 2 marked urgent, with safety netting.",
  },
  URGENT_PHYSIO: {
    title: "Urgent physiotherapy",
    urgency: "urgent",
    clock: "the service's urgent slot",
    action: "Refer to tier 1 physiotherapy marked urgent.",
  },
  RHEUMATOLOGY: {
    title: "Rheumatology",
    urgency: "standard",
    clock: "non-urgent redirect",
    action: "Refer to rheumatology or ask for Advice & Guidance.",
  },
  RADIOLOGY: {
    title: "Radiology for the lump",
    urgency: "standard",
    clock: "non-urgent redirect",
    action: "Request a local ultrasound of the lump first.",
  },
  NON_MSK: {
    title: "Not for community MSK",
    urgency: "standard",
    clock: "non-urgent redirect",
    action: "Manage in primary care or refer to the relevant specialty.",
  },
  PAEDIATRIC: {
    title: "Paediatric pathway",
    urgency: "standard",
    clock: "non-urgent redirect",
    action: "Use the local paediatric pathway; adult community MSK does not see under-16s.",
  },
  ROUTINE_APP: {
    title: "Routine advanced practice physiotherapy",
    urgency: "routine",
    clock: "routine",
    action: "Refer to tier 2 for a specialist opinion.",
  },
  ROUTINE_PHYSIO: {
    title: "Routine physiotherapy",
    urgency: "routine",
    clock: "routine",
    action: "Refer to tier 1 physiotherapy and offer digital self-management.",
  },
};

export const SAFETY_NET_CES =
  "Tell the patient, and write it down: go to the emergency department at once, day or night, with new saddle numbness, bladder or bowel changes, loss of genital feeling, or pain, numbness or weakness in both legs.";
export const DISCLAIMER =
  "This supports, not replaces, clinical judgement. If the patient is unwell now, follow your local emergency process.";

const LINKS: PathwayLink[] = [
  { key: "CES", title: "Cauda equina pathway", publisher: "GIRFT", url: "https://example.org/ces" },
  { key: "MSCC", title: "Spinal metastases and MSCC", publisher: "NICE", url: "https://example.org/ng234" },
];

export function makeOutcome(route: RouteCode, overrides: Partial<Outcome> = {}): Outcome {
  const shape = ROUTE_SHAPE[route];
  return {
    route,
    urgency: shape.urgency,
    title: shape.title,
    action: shape.action,
    clock: shape.clock,
    pathways: LINKS.map((l) => l.key),
    pathwayLinks: LINKS,
    rules: [
      {
        id: "R02",
        name: "ces-acute",
        source: "000 exclusions; GIRFT CES",
        sourceText:
          "NEL ICS MSK MRI imaging & referral criteria (Nov 2025): exclusions; GIRFT CES pathway (2023)",
        onUncertainty: false,
      },
    ],
    additional: [{ route: "URGENT_APP", urgency: "urgent", rule: "R20", title: "Urgent APP" }],
    uncertain: ["ces_worsening"],
    suspicionFlags: ["age over 55 at new onset"],
    child: false,
    imaging: "Community MSK arranges imaging when it would change management.",
    safetyNet:
      route === "ED_NOW" ? SAFETY_NET_CES : `Safety netting for ${route}: re-refer if red flags appear.`,
    referral: {
      borough: "newham",
      boroughName: "Newham",
      provider: "East London NHS FT",
      text: "Refer through EMIS.",
      selfReferral: "online form",
    },
    region: "NEL",
    rulesVersion: "NEL v1 (effective 2025-11-17, review 2027-11-17)",
    reviewOverdue: false,
    disclaimer: DISCLAIMER,
    ...overrides,
  };
}

const ANSWERS: AnsweredFinding[] = [
  { id: "saddle_anaesthesia", question: "New numbness in the saddle area?", answer: "Yes", how: "asked" },
  {
    id: "ces_worsening",
    question: "Are any of them new or getting worse?",
    answer: "Not sure",
    how: "asked",
  },
  { id: "age", question: "How old is the patient?", answer: "58", how: "noted" },
];

export function makeOutcomeView(route: RouteCode, overrides: Partial<Outcome> = {}): OutcomeView {
  return {
    kind: "outcome",
    outcome: makeOutcome(route, overrides),
    answers: ANSWERS,
    notAsked: [{ id: "fever_or_unwell", question: "Fever, rigors or systemically unwell?" }],
    notesSummary: [
      "MSK red-flag screen (NEL v1)",
      ...ANSWERS.map((a) => `- ${a.question} ${a.answer}`),
      "- Not asked: Fever, rigors or systemically unwell?",
      `Route: ${route}`,
    ].join("\n"),
  };
}

export const BOOL_QUESTION: Question = {
  id: "saddle_anaesthesia",
  type: "bool",
  text: "New numbness in the saddle area, genitals or buttocks?",
  why: "Saddle numbness is a cauda equina warning sign.",
  source: "000 exclusions",
  judgement: false,
};

export const NUMBER_QUESTION: Question = {
  id: "motor_power_grade",
  type: "number",
  text: "Power of the weakest muscle group (0-5)?",
  why: "Grade 3 or less changes the urgency.",
  source: "000 §Urgent tier 2",
  min: 0,
  max: 5,
  unit: "MRC grade",
  judgement: false,
};

export const WEEKS_QUESTION: Question = {
  id: "ces_symptom_weeks",
  type: "number",
  text: "When did the most recent of these symptoms start?",
  why: "Under two weeks is treated as acute.",
  source: "000 exclusions",
  min: 0,
  unit: "weeks",
  judgement: false,
};

export const CHOICE_QUESTION: Question = {
  id: "body_area",
  type: "choice",
  text: "Where is the main problem?",
  why: "Spinal problems have more red flags to check.",
  source: "all",
  choices: [
    { value: "lumbar", title: "Lower back" },
    { value: "thoracic", title: "Upper or mid back" },
    { value: "cervical", title: "Neck" },
    { value: "limb", title: "A limb joint or soft tissue" },
  ],
  judgement: false,
};

export function makeQuestionView(question: Question, extra: Partial<QuestionView> = {}): QuestionView {
  return { kind: "question", question, number: 4, noted: [], ...extra };
}

/** One of every view kind and question type, with and without the optional parts. */
export function everyNonOutcomeView(): Array<[string, View]> {
  return [
    [
      "welcome personal",
      {
        kind: "welcome",
        scope: "personal",
        regionName: "North East London",
        rulesVersion: "NEL v1",
        reviewOverdue: false,
      },
    ],
    [
      "welcome shared overdue",
      {
        kind: "welcome",
        scope: "shared",
        regionName: "BNSSG",
        rulesVersion: "BNSSG 2020",
        reviewOverdue: true,
      },
    ],
    ["help", { kind: "help", scope: "shared" }],
    ["question bool", makeQuestionView(BOOL_QUESTION)],
    [
      "question bool with extras",
      makeQuestionView(BOOL_QUESTION, {
        noted: ["age 58", "saddle numbness"],
        retryHint: "Sorry, I did not understand that answer.",
        prefill: { answer: "yes", display: "Yes", evidence: "numb bum" },
      }),
    ],
    ["question number", makeQuestionView(NUMBER_QUESTION)],
    [
      "question weeks with prefill",
      makeQuestionView(WEEKS_QUESTION, {
        prefill: { answer: 3, display: "3 weeks", evidence: "started 3 weeks ago" },
      }),
    ],
    ["question choice", makeQuestionView(CHOICE_QUESTION)],
    ["answered", { kind: "answered", number: 4, question: BOOL_QUESTION.text, answer: "Not sure" }],
    ["notice info", { kind: "notice", tone: "info", text: "Triage cancelled." }],
    ["notice warning", { kind: "notice", tone: "warning", text: "That card was already answered." }],
    [
      "notice emergency",
      {
        kind: "notice",
        tone: "emergency",
        text: "Something went wrong. If the patient is unwell now, follow your local emergency process.",
      },
    ],
  ];
}

export function everyOutcomeView(): Array<[string, OutcomeView]> {
  return ROUTE_CODES.map((route) => [`outcome ${route}`, makeOutcomeView(route)]);
}

export function everyView(): Array<[string, View]> {
  return [...everyNonOutcomeView(), ...everyOutcomeView()];
}

/** An outcome far larger than any real one: for the size and splitting guards. */
export function makeHugeOutcomeView(): OutcomeView {
  const many = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
  const view = makeOutcomeView("ED_NOW", {
    safetyNet: many(40, (i) => `Safety point ${i}: return at once if symptom ${i} appears & <worsens>.`).join(
      " ",
    ),
    rules: many(29, (i) => ({
      id: `R${String(i + 1).padStart(2, "0")}`,
      name: `rule-${i}`,
      source: "000 exclusions; NICE NG234; GIRFT CES national pathway for suspected cauda equina",
      sourceText:
        "NEL ICS MSK MRI imaging & referral criteria (Nov 2025): exclusions; NICE NG234 (2023); GIRFT CES",
      onUncertainty: i % 2 === 0,
    })),
    additional: many(14, (i) => ({
      route: "URGENT_APP",
      urgency: "urgent",
      rule: `R${i + 10}`,
      title: `Additional ${i}`,
    })),
    suspicionFlags: many(8, (i) => `flag ${i}`),
  });
  view.notAsked = many(45, (i) => ({
    id: "fever_or_unwell",
    question: `Not asked question number ${i} about a red flag?`,
  }));
  view.notesSummary = many(60, (i) => `- Red flag question ${i} in full words: answer Not sure`).join("\n");
  return view;
}
