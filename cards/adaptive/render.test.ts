import { describe, expect, it } from "vitest";
import { z } from "zod";
import { renderWithAdaptiveCards } from "../../test/cards/adaptive-dom.js";
import {
  BOOL_QUESTION,
  CHOICE_QUESTION,
  everyOutcomeView,
  everyView,
  makeHugeOutcomeView,
  makeOutcomeView,
  makeQuestionView,
  NUMBER_QUESTION,
  WEEKS_QUESTION,
} from "../../test/cards/fixtures.js";
import { LABELS } from "../labels.js";
import { CardRenderError, collectStrings, expandCard } from "./expand.js";
import { renderAdaptive } from "./render.js";
import outcomeTemplate from "./templates/outcome.json" with { type: "json" };
import { byteSize, CARD_BYTE_BUDGET, outcomeCardRequest } from "./views/outcome.js";

type Json = Record<string, unknown>;

/** Builds an Adaptive Card binding such as `${name}` (a plain string, not a JS template). */
const binding = (name: string): string => `$${"{"}${name}}`;

/** Every object in the card with the given `type`, in document order. */
function ofType(card: unknown, type: string, out: Json[] = []): Json[] {
  if (Array.isArray(card)) for (const c of card) ofType(c, type, out);
  else if (card !== null && typeof card === "object") {
    const o = card as Json;
    if (o.type === type) out.push(o);
    for (const v of Object.values(o)) ofType(v, type, out);
  }
  return out;
}

function texts(card: unknown): string[] {
  return ofType(card, "TextBlock").map((t) => String(t.text));
}

// Elements every Teams client renders at schema 1.5 (no Media, no Table, no Image at all).
const ALLOWED_TYPES = new Set([
  "AdaptiveCard",
  "TextBlock",
  "Container",
  "FactSet",
  "ActionSet",
  "Input.Number",
  "Input.ChoiceSet",
  "Action.Submit",
  "Action.OpenUrl",
  "Action.ToggleVisibility",
]);

describe("renderAdaptive: every view", () => {
  it.each(everyView())(
    "%s expands cleanly, fits, and renders in the adaptivecards renderer",
    async (_, view) => {
      const { card, text } = renderAdaptive(view);
      expect(card.fallbackText).toBe(text);
      const strings = collectStrings(card);
      expect(strings.filter((s) => s.includes("${"))).toEqual([]);
      expect(Number(card.version)).toBeLessThanOrEqual(1.5);
      expect(byteSize(card)).toBeLessThan(CARD_BYTE_BUDGET);
      expect(text.trim().length).toBeGreaterThan(0);
      const types = new Set(strings.length ? collectTypes(card) : []);
      expect([...types].filter((t) => !ALLOWED_TYPES.has(t))).toEqual([]);

      const rendered = await renderWithAdaptiveCards(card);
      expect(rendered.parseErrors).toEqual([]);
      expect(rendered.validationErrors).toEqual([]);
      expect(rendered.element?.textContent?.length ?? 0).toBeGreaterThan(0);
    },
  );
});

function collectTypes(card: unknown, out: string[] = []): string[] {
  if (Array.isArray(card)) for (const c of card) collectTypes(c, out);
  else if (card !== null && typeof card === "object") {
    const o = card as Json;
    if (typeof o.type === "string") out.push(o.type);
    for (const v of Object.values(o)) collectTypes(v, out);
  }
  return out;
}

describe("question cards keep docs/interfaces.md §2's submit data", () => {
  it("yes / no / not sure are three submits with exactly questionId and answer, plus restart", () => {
    const { card, text } = renderAdaptive(makeQuestionView(BOOL_QUESTION));
    const submits = (card.actions as Json[]).map((a) => ({ title: a.title, data: a.data, type: a.type }));
    expect(submits).toEqual([
      { type: "Action.Submit", title: "Yes", data: { questionId: "saddle_anaesthesia", answer: "yes" } },
      { type: "Action.Submit", title: "No", data: { questionId: "saddle_anaesthesia", answer: "no" } },
      {
        type: "Action.Submit",
        title: "Not sure",
        data: { questionId: "saddle_anaesthesia", answer: "unsure" },
      },
      { type: "Action.Submit", title: "Restart", data: { command: "restart" } },
    ]);
    expect(texts(card)).toContain("Question 4");
    expect(texts(card)).toContain(BOOL_QUESTION.text);
    expect(texts(card)).toContain(`${LABELS.whyAsked}: ${BOOL_QUESTION.why}`);
    expect(text).toContain("Yes / No / Not sure");
    expect(text).toContain(BOOL_QUESTION.text);
  });

  it("a number question has Input.Number 'answer' with its range, a {questionId} submit and a Not sure", () => {
    const { card, text } = renderAdaptive(makeQuestionView(NUMBER_QUESTION));
    const [input] = ofType(card, "Input.Number");
    expect(input).toMatchObject({ id: "answer", min: 0, max: 5 });
    const actions = card.actions as Json[];
    expect(actions[0]?.data).toEqual({ questionId: "motor_power_grade" });
    expect(actions[0]?.associatedInputs).toBeUndefined();
    expect(actions[1]?.data).toEqual({ questionId: "motor_power_grade", answer: "unsure" });
    // A half-typed number must not ride along with "Not sure" and override it.
    expect(actions[1]?.associatedInputs).toBe("none");
    expect(actions[2]?.data).toEqual({ command: "restart" });
    expect(text).toContain("a number from 0 to 5");
  });

  it("an unbounded number omits max rather than leaving a binding or null", () => {
    const { card } = renderAdaptive(makeQuestionView(WEEKS_QUESTION));
    const [input] = ofType(card, "Input.Number");
    expect(input).toMatchObject({ id: "answer", min: 0 });
    expect(input && "max" in input).toBe(false);
  });

  it("a choice question is one tap: a button per choice submitting its value, no input and no Send", () => {
    const { card, text } = renderAdaptive(makeQuestionView(CHOICE_QUESTION));
    expect(ofType(card, "Input.ChoiceSet")).toEqual([]);
    const sets = ofType(card.body, "ActionSet").filter((s) =>
      (s.actions as Json[]).every((a) => (a.data as Json | undefined)?.questionId === "body_area"),
    );
    const buttons = sets.flatMap((s) => s.actions as Json[]);
    expect(buttons.map((b) => b.title)).toEqual(CHOICE_QUESTION.choices?.map((c) => c.title));
    expect(buttons.map((b) => b.data)).toEqual(
      CHOICE_QUESTION.choices?.map((c) => ({ questionId: "body_area", answer: c.value })),
    );
    expect((card.actions as Json[]).map((a) => a.data)).toEqual([
      { questionId: "body_area", answer: "unsure" },
      { command: "restart" },
    ]);
    expect(JSON.stringify(card)).not.toContain(LABELS.sendAnswer);
    // The options are the buttons: no label repeats them; the fallback text still lists them.
    expect(texts(card).some((t) => t.includes("Lower back / "))).toBe(false);
    expect(text).toContain("Lower back / Upper or mid back / Neck / A limb joint or soft tissue / Not sure");
    expect(card.fallbackText).toBe(text);
  });

  it("shows the noted findings, retry hint and prefill with a one-tap confirm carrying the typed value", () => {
    const view = makeQuestionView(WEEKS_QUESTION, {
      noted: ["age 58"],
      retryHint: "Sorry, I did not catch that.",
      prefill: { answer: 3, display: "3 weeks", evidence: "started 3 weeks ago" },
    });
    const { card } = renderAdaptive(view);
    expect(texts(card)).toEqual(
      expect.arrayContaining([
        "Sorry, I did not catch that.",
        "I noted: age 58",
        'You mentioned "started 3 weeks ago" (3 weeks): is that right?',
      ]),
    );
    const confirm = ofType(card, "Action.Submit").find((a) => a.title === "Confirm: 3 weeks");
    expect(confirm?.data).toEqual({ questionId: "ces_symptom_weeks", answer: 3 });
    expect(confirm?.associatedInputs).toBe("none");
  });

  it("text a clinician typed that looks like a template binding is shown, not treated as a leftover", () => {
    const view = makeQuestionView(BOOL_QUESTION, {
      prefill: { answer: "yes", display: "Yes", evidence: binding("age") },
    });
    const { card } = renderAdaptive(view);
    expect(collectStrings(card).some((s) => s.includes("${"))).toBe(false);
    expect(texts(card).some((t) => t.includes("$ {age}"))).toBe(true);
  });

  it("rejects invalid view data instead of expanding a broken card", () => {
    expect(() => renderAdaptive(makeQuestionView({ ...BOOL_QUESTION, text: "  " }))).toThrow(/text/);
    expect(() => renderAdaptive(makeQuestionView({ ...CHOICE_QUESTION, choices: [] }))).toThrow(/choices/);
    expect(() => renderAdaptive(makeQuestionView({ ...NUMBER_QUESTION, min: 6, max: 5 }))).toThrow(/min/);
  });
});

describe("welcome, help, answered and notice cards", () => {
  it("welcome states intended use, not for emergencies, region and version, and starts a triage", () => {
    const { card } = renderAdaptive({
      kind: "welcome",
      scope: "shared",
      regionName: "North East London",
      rulesVersion: "NEL v1",
      reviewOverdue: true,
    });
    const all = collectStrings(card);
    expect(all).toEqual(
      expect.arrayContaining([
        LABELS.intendedUse,
        LABELS.notForEmergencies,
        LABELS.noPatientDetails,
        LABELS.reviewOverdue,
        "North East London",
        "NEL v1",
      ]),
    );
    expect(card.actions).toEqual([
      { type: "Action.Submit", title: "Start triage", data: { command: "triage" } },
    ]);
  });

  it("a personal welcome with a current guideline has no shared-scope or overdue warning", () => {
    const { card } = renderAdaptive({
      kind: "welcome",
      scope: "personal",
      regionName: "NEL",
      rulesVersion: "NEL v1",
      reviewOverdue: false,
    });
    const all = collectStrings(card);
    expect(all).not.toContain(LABELS.noPatientDetails);
    expect(all).not.toContain(LABELS.reviewOverdue);
    expect(all).toContain(LABELS.notForEmergencies);
  });

  it("an answered card shows the answer and has no actions left to click", () => {
    const { card } = renderAdaptive({ kind: "answered", number: 2, question: "Fever?", answer: "No" });
    expect(texts(card)).toEqual(["Question 2", "Fever?", "Answer: No"]);
    expect(card.actions).toBeUndefined();
    expect(ofType(card, "Action.Submit")).toEqual([]);
  });

  it("an emergency notice is styled as attention", () => {
    const { card } = renderAdaptive({
      kind: "notice",
      tone: "emergency",
      text: "Follow your local emergency process.",
    });
    expect(ofType(card, "Container")[0]?.style).toBe("attention");
  });
});

/** Multi-line texts are rendered one TextBlock per line. */
const linesOf = (s: string) =>
  s
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

describe("outcome cards", () => {
  it("the emergency card carries the action, safety netting, disclaimer and an attention header", () => {
    const view = makeOutcomeView("ED_NOW");
    const { card, text } = renderAdaptive(view);
    const all = texts(card);
    for (const must of [
      view.outcome.action,
      ...linesOf(view.outcome.safetyNet),
      view.outcome.disclaimer,
      ...linesOf(view.notesSummary),
    ]) {
      expect(all).toContain(must);
    }
    expect(ofType(card, "Container")[0]?.style).toBe("attention");
    expect(text).toContain(view.outcome.action);
    expect(text).toContain(view.outcome.safetyNet);
    expect(card.actions).toEqual([
      { type: "Action.ToggleVisibility", title: LABELS.showMore, targetElements: ["details"] },
      { type: "Action.ToggleVisibility", title: LABELS.copyNotes, targetElements: ["notes"] },
      { type: "Action.Submit", title: "New triage", data: { command: "triage" } },
    ]);
  });

  it("the header comes first: route, urgency with its clock, the action and the contact", () => {
    const view = makeOutcomeView("MSCC_COORDINATOR", {
      contact: { text: "Acute oncology / MSCC co-ordinator", phone: "020 7946 0000" },
    });
    const [header] = renderAdaptive(view).card.body as Json[];
    expect(header?.id).toBe("header");
    expect(texts(header)).toEqual([
      view.outcome.title,
      "Emergency: now, same day",
      view.outcome.action,
      "Acute oncology / MSCC co-ordinator: 020 7946 0000",
    ]);
  });

  it("says the urgency once when the clock repeats it", () => {
    const { card } = renderAdaptive(makeOutcomeView("ROUTINE_PHYSIO", { clock: "routine" }));
    const all = texts(card);
    expect(all).toContain("Routine");
    expect(all.join("\n")).not.toMatch(/Routine: routine/i);
  });

  it.each([
    ["URGENT_APP", "warning"],
    ["CANCER_PATHWAY", "warning"],
    ["RHEUMATOLOGY", "emphasis"],
    ["ROUTINE_PHYSIO", "good"],
  ] as const)("%s has a %s header", (route, style) => {
    const { card } = renderAdaptive(makeOutcomeView(route));
    expect(ofType(card, "Container")[0]?.style).toBe(style);
  });

  it("shows why by source name, additional actions, links, referral; the rest behind Show more", () => {
    const view = makeOutcomeView("URGENT_APP", { mriCheck: "Check for MRI implants." });
    view.notAsked = [
      { id: "fever_or_unwell", question: "Fever, rigors or systemically unwell?", label: "Fever" },
    ];
    const { card } = renderAdaptive(view);
    const body = card.body as Json[];
    const details = body.find((b) => b.id === "details");
    const notes = body.find((b) => b.id === "notes");
    expect(details?.isVisible).toBe(false);
    expect(notes?.isVisible).toBe(false);
    const shown = texts(body.filter((b) => b.isVisible !== false));
    expect(shown).toEqual(
      expect.arrayContaining([
        `- ces-acute: ${view.outcome.rules[0]?.sourceText}`,
        "- Urgent APP: Urgent (R20)",
        "Before MRI: Check for MRI implants.",
        "Borough: Newham",
        "Provider: East London NHS FT",
        "Refer through EMIS.",
        "Self-referral: online form",
      ]),
    );
    // Sources by name only: the internal ids never reach the card.
    expect(JSON.stringify(card)).not.toContain(view.outcome.rules[0]?.source);
    const links = shown.find((t) => t.startsWith("- ["));
    expect(links?.split("\n")).toHaveLength(view.outcome.pathwayLinks.length);
    expect(texts(details)).toEqual(
      expect.arrayContaining([
        `- ces-acute (R02): ${view.outcome.rules[0]?.sourceText}`,
        "- Are any of them new or getting worse?",
        "- age over 55 at new onset",
        "- Fever",
        LABELS.notAsked,
        LABELS.uncertain,
      ]),
    );
    expect(shown).not.toContain(LABELS.notAsked);
  });

  it("an emergency keeps its header, why and the route's own safety netting in view; the rest is one tap away", () => {
    const view = makeOutcomeView("ED_NOW", { mriCheck: "Check for MRI implants." });
    const body = renderAdaptive(view).card.body as Json[];
    const shown = texts(body.filter((b) => b.isVisible !== false));
    const hidden = texts(body.find((b) => b.id === "details"));
    const [first, ...rest] = linesOf(view.outcome.safetyNet);
    expect(shown).toEqual(expect.arrayContaining([view.outcome.title, view.outcome.action, first]));
    expect(hidden).toEqual(
      expect.arrayContaining([...rest, "Before MRI: Check for MRI implants.", "Refer through EMIS."]),
    );
    for (const line of rest) expect(shown).not.toContain(line);
  });

  it("carries the extra actions other features add, before New triage", () => {
    const view = makeOutcomeView("URGENT_APP");
    view.actions = [
      { title: "Ask the MSK team", data: { action: "askMskTeam" } },
      { title: "Report a concern", data: { action: "reportConcern" } },
    ];
    const actions = renderAdaptive(view).card.actions as Json[];
    expect(actions.map((a) => a.title)).toEqual([
      LABELS.showMore,
      LABELS.copyNotes,
      "Ask the MSK team",
      "Report a concern",
      LABELS.newTriage,
    ]);
    expect(actions[2]).toEqual({
      type: "Action.Submit",
      title: "Ask the MSK team",
      data: { action: "askMskTeam" },
    });
  });

  it("an emergency shown before its deciding question carries that question with Yes / No / Not sure", () => {
    const view = makeOutcomeView("ED_NOW");
    view.pendingQuestion = {
      question: { ...BOOL_QUESTION, id: "cancer_history", text: "Current or past cancer?" },
      number: 5,
    };
    const { card, text } = renderAdaptive(view);
    const body = card.body as Json[];
    const at = body.findIndex((b) => texts(b).includes("Current or past cancer?"));
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(body.findIndex((b) => texts(b).includes(LABELS.why)));
    const buttons = ofType(body[at], "Action.Submit").map((a) => a.data);
    expect(buttons).toEqual([
      { questionId: "cancer_history", answer: "yes" },
      { questionId: "cancer_history", answer: "no" },
      { questionId: "cancer_history", answer: "unsure" },
    ]);
    expect(text).toContain("Current or past cancer?");
  });

  it("an outcome that replaced another says what changed and that action taken stands", () => {
    const view = makeOutcomeView("MSCC_COORDINATOR");
    view.changed = "Changed after 'Current or past cancer?' was answered Yes: was Emergency department now.";
    const { card, text } = renderAdaptive(view);
    const line = `${view.changed} ${LABELS.actionStands}`;
    expect(texts((card.body as Json[])[1])).toEqual([line]);
    expect(text).toContain(line);
  });

  it("refuses to render an outcome whose safety netting or disclaimer is empty", () => {
    expect(() => renderAdaptive(makeOutcomeView("ED_NOW", { safetyNet: "" }))).toThrow(/safetyNet/);
    expect(() => renderAdaptive(makeOutcomeView("ED_NOW", { disclaimer: " " }))).toThrow(/disclaimer/);
    expect(() => renderAdaptive(makeOutcomeView("ED_NOW", { action: "" }))).toThrow(/action/);
  });

  it("shows the review-overdue warning when the pack is past review", () => {
    const { card } = renderAdaptive(makeOutcomeView("ROUTINE_PHYSIO", { reviewOverdue: true }));
    expect(texts(card)).toContain(LABELS.reviewOverdue);
  });

  it("an implausibly large outcome stays under the size budget without losing the safety netting", () => {
    const view = makeHugeOutcomeView();
    const { card } = renderAdaptive(view);
    expect(byteSize(card)).toBeLessThanOrEqual(CARD_BYTE_BUDGET);
    expect(texts(card)).toEqual(expect.arrayContaining(linesOf(view.outcome.safetyNet)));
    expect(texts(card)).toContain(view.outcome.disclaimer);
  });

  it("shrinks the not-asked list to a count when the card would pass the budget, keeping the advice", () => {
    const view = makeHugeOutcomeView();
    view.notAsked = Array.from({ length: 400 }, (_, i) => ({
      id: "fever_or_unwell" as const,
      question: `A long red-flag question number ${i} that was not asked because the route was clear?`,
    }));
    const { card } = renderAdaptive(view);
    expect(byteSize(card)).toBeLessThanOrEqual(CARD_BYTE_BUDGET);
    expect(texts(card)).toContain("- 400 red flags (listed in the notes summary)");
    expect(texts(card)).toEqual(expect.arrayContaining(linesOf(view.outcome.safetyNet)));
    expect(texts(card)).toEqual(expect.arrayContaining(linesOf(view.notesSummary)));
  });

  it("renders each line of the safety netting, imaging and notes summary as its own text block", () => {
    const view = makeOutcomeView("ED_NOW", { safetyNet: "First line.\nSecond line." });
    view.notesSummary = "Outcome: ED\n- Saddle numbness: Yes\n- Age: 45";
    const all = texts(renderAdaptive(view).card);
    expect(all).toEqual(
      expect.arrayContaining(["First line.", "Second line.", "- Saddle numbness: Yes", "- Age: 45"]),
    );
    // Only the pathway links are one markdown list in one block.
    expect(all.filter((t) => t.includes("\n")).every((t) => t.startsWith("- ["))).toBe(true);
  });

  it("fails loudly rather than send a card Teams would reject", () => {
    const view = makeOutcomeView("ED_NOW");
    view.notesSummary = "x".repeat(40_000);
    expect(() => renderAdaptive(view)).toThrow(CardRenderError);
  });

  it.each(everyOutcomeView())("%s matches its snapshot", (_, view) => {
    expect(renderAdaptive(view)).toMatchSnapshot();
  });
});

describe("the expansion guard", () => {
  const view = makeOutcomeView("ED_NOW");

  it("throws when a template no longer shows the safety netting", () => {
    const body = (outcomeTemplate.body as Json[]).filter(
      (el) => !JSON.stringify(el).includes(binding("safetyNetLines")),
    );
    expect(body.length).toBeLessThan(outcomeTemplate.body.length);
    const request = outcomeCardRequest(view, false);
    expect(() => expandCard(request)).not.toThrow();
    expect(() => expandCard({ ...request, template: { ...outcomeTemplate, body } })).toThrow(
      /lost required text: Tell the patient/,
    );
  });

  it("throws when a binding is left unexpanded", () => {
    expect(() =>
      expandCard({
        name: "t",
        template: {
          type: "AdaptiveCard",
          version: "1.5",
          body: [{ type: "TextBlock", text: binding("missing") }],
        },
        schema: z.object({}),
        data: {},
        required: [],
      }),
    ).toThrow(/template marker/);
  });

  it("throws on a schema version Teams mobile may not render", () => {
    expect(() =>
      expandCard({
        name: "t",
        template: { type: "AdaptiveCard", version: "1.6", body: [] },
        schema: z.object({}),
        data: {},
        required: [],
      }),
    ).toThrow(/version/);
  });

  it("the renderer harness itself reports broken cards (so the checks above can fail)", async () => {
    const broken = {
      type: "AdaptiveCard",
      version: "1.5",
      body: [
        { type: "Table.Bogus" },
        { type: "Input.Number", id: "answer" },
        { type: "Input.Number", id: "answer" },
      ],
    };
    const r = await renderWithAdaptiveCards(broken);
    expect(r.parseErrors.length + r.validationErrors.length).toBeGreaterThan(1);
  });
});
