import { describe, expect, it } from "vitest";
import {
  BOOL_QUESTION,
  CHOICE_QUESTION,
  everyOutcomeView,
  everyView,
  makeHugeOutcomeView,
  makeOutcome,
  makeOutcomeView,
  makeQuestionView,
  NUMBER_QUESTION,
  WEEKS_QUESTION,
} from "../../test/cards/fixtures.js";
import { renderAdaptive } from "../adaptive/render.js";
import { LABELS } from "../labels.js";
import type { Block, Button, StaticSelect } from "./blocks.js";
import { SLACK_LIMITS } from "./limits.js";
import { outcomeMetadata } from "./metadata.js";
import { renderBlockKit } from "./render.js";

/** Every Slack limit the renderer promises to keep; returns the breaches found. */
function limitBreaches(blocks: Block[]): string[] {
  const out: string[] = [];
  if (blocks.length > SLACK_LIMITS.blocks) out.push(`${blocks.length} blocks`);
  const bytes = Buffer.byteLength(JSON.stringify({ blocks }));
  if (bytes >= SLACK_LIMITS.messageBytes) out.push(`${bytes} bytes`);
  const actionIds: string[] = [];
  for (const b of blocks) {
    if (b.type === "header" && b.text.text.length > SLACK_LIMITS.headerText) out.push("header too long");
    if (b.type === "section") {
      if (b.text.text.length > SLACK_LIMITS.sectionText) out.push(`section of ${b.text.text.length}`);
      if (b.accessory) actionIds.push(b.accessory.action_id);
    }
    if (b.type === "context" && b.elements.length > SLACK_LIMITS.contextElements)
      out.push("context elements");
    if (b.type === "actions") {
      for (const e of b.elements) {
        actionIds.push(e.action_id);
        if (e.type === "button" && e.text.text.length > SLACK_LIMITS.buttonText) out.push("button text");
        if (e.type === "static_select") {
          if (e.options.length > SLACK_LIMITS.selectOptions) out.push("too many options");
          for (const o of e.options) {
            if (o.text.text.length > SLACK_LIMITS.optionText) out.push("option text");
            if (o.value.length > SLACK_LIMITS.optionValue) out.push("option value");
          }
        }
      }
    }
  }
  if (new Set(actionIds).size !== actionIds.length) out.push(`duplicate action_id in ${actionIds.join(",")}`);
  return out;
}

function mrkdwnTexts(blocks: Block[]): string[] {
  return blocks.flatMap((b) =>
    b.type === "section" ? [b.text.text] : b.type === "context" ? b.elements.map((e) => e.text) : [],
  );
}

function unescapeMrkdwn(s: string): string {
  return s.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
}

function allText(blocks: Block[]): string {
  return unescapeMrkdwn(mrkdwnTexts(blocks).join("\n"));
}

function elements(blocks: Block[]): Array<Button | StaticSelect> {
  return blocks.flatMap((b) =>
    b.type === "actions"
      ? b.elements.filter((e): e is Button | StaticSelect => e.type !== "checkboxes")
      : b.type === "section" && b.accessory
        ? [b.accessory]
        : [],
  );
}

describe("renderBlockKit: every view", () => {
  it.each(everyView())("%s stays inside Slack's limits and escapes its text", (_, view) => {
    const { blocks, text } = renderBlockKit(view);
    expect(limitBreaches(blocks)).toEqual([]);
    expect(blocks.length).toBeGreaterThan(0);
    expect(text.length).toBeGreaterThan(0);
    // Outside a <url|title> link, `<` and `>` only appear as entities.
    for (const t of mrkdwnTexts(blocks))
      expect(t.replace(/<https?:[^<>|]+\|[^<>]*>/g, "")).not.toMatch(/[<>]/);
  });
});

describe("question messages keep docs/interfaces.md §3's values", () => {
  it("yes / no / not sure buttons carry the JSON value {questionId, answer}", () => {
    const { blocks, text } = renderBlockKit(makeQuestionView(BOOL_QUESTION));
    const buttons = elements(blocks).map((e) => [
      e.action_id,
      e.type === "button" ? JSON.parse(e.value) : null,
    ]);
    expect(buttons).toEqual([
      ["answer_yes", { questionId: "saddle_anaesthesia", answer: "yes" }],
      ["answer_no", { questionId: "saddle_anaesthesia", answer: "no" }],
      ["answer_unsure", { questionId: "saddle_anaesthesia", answer: "unsure" }],
      ["command_restart", { command: "restart" }],
    ]);
    expect(allText(blocks)).toContain(`*Question 4*\n${BOOL_QUESTION.text}`);
    expect(allText(blocks)).toContain(`${LABELS.whyAsked}: ${BOOL_QUESTION.why}`);
    expect(text).toContain("Yes / No / Not sure");
  });

  it("a power grade offers a select of 0-5 whose options carry the number", () => {
    const { blocks } = renderBlockKit(makeQuestionView(NUMBER_QUESTION));
    const select = elements(blocks).find((e): e is StaticSelect => e.type === "static_select");
    expect(select?.action_id).toBe("answer_select");
    expect(select?.options.map((o) => [o.text.text, JSON.parse(o.value)])).toEqual(
      [0, 1, 2, 3, 4, 5].map((n) => [String(n), { questionId: "motor_power_grade", answer: n }]),
    );
    expect(elements(blocks).map((e) => e.action_id)).toEqual([
      "answer_select",
      "answer_unsure",
      "command_restart",
    ]);
  });

  it("a duration is typed, never bucketed: no select, a hint to type it, and Not sure", () => {
    const { blocks, text } = renderBlockKit(makeQuestionView(WEEKS_QUESTION));
    expect(elements(blocks).map((e) => e.action_id)).toEqual(["answer_unsure", "command_restart"]);
    expect(allText(blocks)).toContain(LABELS.typeNumberSlack);
    expect(text).toContain("a number, at least 0 weeks");
  });

  it("a choice question is one tap: a button per choice with its value", () => {
    const { blocks } = renderBlockKit(makeQuestionView(CHOICE_QUESTION));
    expect(elements(blocks).some((e) => e.type === "static_select")).toBe(false);
    const choices = elements(blocks).filter(
      (e) => e.type === "button" && e.action_id.startsWith("answer_choice_"),
    ) as Button[];
    expect(choices.map((b) => JSON.parse(b.value))).toEqual(
      ["lumbar", "thoracic", "cervical", "limb"].map((answer) => ({ questionId: "body_area", answer })),
    );
    expect(choices.map((b) => b.text.text)).toEqual(CHOICE_QUESTION.choices?.map((c) => c.title));
    expect(new Set(choices.map((b) => b.action_id)).size).toBe(choices.length);
  });

  it("a prefill is shown with a confirm button carrying the typed value", () => {
    const view = makeQuestionView(WEEKS_QUESTION, {
      prefill: { answer: 3, display: "3 weeks", evidence: "since <3 weeks> & more" },
    });
    const { blocks } = renderBlockKit(view);
    const confirm = elements(blocks).find((e) => e.action_id === "answer_confirm");
    expect(confirm?.type === "button" && JSON.parse(confirm.value)).toEqual({
      questionId: "ces_symptom_weeks",
      answer: 3,
    });
    expect(mrkdwnTexts(blocks).join("\n")).toContain("since &lt;3 weeks&gt; &amp; more");
  });
});

describe("outcome messages", () => {
  it("the emergency outcome carries the action, safety netting and disclaimer, as Teams does", () => {
    const view = makeOutcomeView("ED_NOW");
    const { blocks, text } = renderBlockKit(view);
    const shown = allText(blocks);
    for (const must of [
      view.outcome.action,
      view.outcome.safetyNet,
      view.outcome.disclaimer,
      view.outcome.imaging,
    ]) {
      expect(shown).toContain(must);
    }
    expect(blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: ":rotating_light: Emergency department now", emoji: true },
    });
    expect(text).toContain(view.outcome.safetyNet);
    expect(elements(blocks).map((e) => [e.action_id, e.type === "button" && JSON.parse(e.value)])).toEqual([
      ["command_triage", { command: "triage" }],
    ]);
  });

  it.each(everyOutcomeView())("%s says the same as its Teams card", (_, view) => {
    const slack = allText(renderBlockKit(view).blocks);
    const teams = JSON.stringify(renderAdaptive(view).card);
    for (const t of [
      view.outcome.action,
      view.outcome.safetyNet,
      view.outcome.disclaimer,
      view.outcome.rulesVersion,
    ]) {
      expect(slack).toContain(t);
      expect(teams).toContain(JSON.stringify(t).slice(1, -1));
    }
  });

  it("links are mrkdwn <url|title>, one per pathway link", () => {
    const { blocks } = renderBlockKit(
      makeOutcomeView("ED_NOW", {
        pathwayLinks: [
          {
            key: "CES",
            title: "CES <pathway> & leaflet",
            publisher: "GIRFT",
            url: "https://example.org/a?b=1&c=2",
          },
          { key: "MSCC", title: "MSCC", publisher: "NICE", url: "https://example.org/ng234" },
        ],
      }),
    );
    const raw = mrkdwnTexts(blocks).join("\n");
    expect(raw).toContain("• <https://example.org/a?b=1&amp;c=2|CES &lt;pathway&gt; &amp; leaflet> (GIRFT)");
    expect(raw).toContain("• <https://example.org/ng234|MSCC> (NICE)");
    expect(raw.match(/<https:/g)).toHaveLength(2);
  });

  it("a very long outcome is split across sections, nothing in the safety netting lost", () => {
    const view = makeHugeOutcomeView();
    const { blocks } = renderBlockKit(view);
    expect(limitBreaches(blocks)).toEqual([]);
    const safety = blocks.filter(
      (b) => b.type === "section" && unescapeMrkdwn(b.text.text).includes("Safety point"),
    );
    expect(safety.length).toBeGreaterThan(1);
    const joined = allText(blocks).replace(/\s+/g, " ");
    expect(joined).toContain(view.outcome.safetyNet.replace(/\s+/g, " "));
    expect(joined).toContain(view.outcome.disclaimer);
    for (const r of view.outcome.rules) expect(joined).toContain(`${r.name} (${r.id})`);
  });

  it("an outcome past the block limit shrinks the not-asked list and the summary, never the advice", () => {
    const view = makeHugeOutcomeView();
    view.notAsked = Array.from({ length: 400 }, (_, i) => ({
      id: "fever_or_unwell" as const,
      question: `A long red-flag question number ${i} that was not asked because the route was clear?`,
    }));
    view.notesSummary = Array.from({ length: 1500 }, (_, i) => `- red flag ${i}: Not sure`).join("\n");
    const { blocks } = renderBlockKit(view);
    expect(limitBreaches(blocks)).toEqual([]);
    const joined = allText(blocks).replace(/\s+/g, " ");
    expect(joined).toContain(view.outcome.safetyNet.replace(/\s+/g, " "));
    expect(joined).toContain(view.outcome.action);
    expect(joined).toContain(view.outcome.disclaimer);
    expect(joined).toContain("400 red flags (listed in the notes summary)");
    expect(joined).toContain("[Shortened:");
  });
});

describe("outcomeMetadata", () => {
  it("is docs/interfaces.md §3's msk_triage_outcome event", () => {
    const outcome = makeOutcome("CANCER_PATHWAY");
    expect(outcomeMetadata(outcome)).toEqual({
      event_type: "msk_triage_outcome",
      event_payload: {
        route: "CANCER_PATHWAY",
        urgency: "two_week",
        rules: [{ id: "R02", source: "000 exclusions; GIRFT CES" }],
        additional: [{ route: "URGENT_APP", urgency: "urgent", rule: "R20" }],
        rulesVersion: "NEL v1 (effective 2025-11-17, review 2027-11-17)",
      },
    });
  });
});

describe("the limit checker used above", () => {
  it("reports too many blocks, long text, long buttons and duplicate action ids", () => {
    const b = (id: string, label: string): Button => ({
      type: "button",
      action_id: id,
      text: { type: "plain_text", text: label },
      value: "{}",
    });
    const blocks: Block[] = [
      ...Array.from({ length: 50 }, (): Block => ({ type: "divider" })),
      { type: "section", text: { type: "mrkdwn", text: "x".repeat(3001) } },
      { type: "actions", elements: [b("a", "y".repeat(76)), b("a", "ok")] },
    ];
    expect(limitBreaches(blocks)).toEqual([
      "52 blocks",
      "section of 3001",
      "button text",
      "duplicate action_id in a,a",
    ]);
  });
});
