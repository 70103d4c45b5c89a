import { describe, expect, it } from "vitest";
import { CONCERN_CHOICES, concernCard } from "../../cards/concern.js";
import { CONCERN_KINDS } from "../../src/audit/record.js";
import { renderWithAdaptiveCards } from "../cards/adaptive-dom.js";

// The Teams concern prompt: a card Teams renders (schema 1.5, no errors in the adaptivecards
// renderer), one submit per kind, and the note input every submit carries.

describe("the concern prompt card", () => {
  it("renders without errors and offers every kind of concern with the optional note", async () => {
    const card = concernCard({ concern: "c-1", triage: "t-1", retryHint: "Please choose one." });
    expect(Number(card.version)).toBeLessThanOrEqual(1.5);
    const rendered = await renderWithAdaptiveCards(card);
    expect(rendered.parseErrors).toEqual([]);
    expect(rendered.validationErrors).toEqual([]);
    const actions = card.actions as Array<{ type: string; data: Record<string, string> }>;
    expect(actions.map((a) => a.data.kind)).toEqual([...CONCERN_KINDS]);
    expect(CONCERN_CHOICES.map((c) => c.kind)).toEqual([...CONCERN_KINDS]);
    expect(actions.every((a) => a.data.action === "reportConcern" && a.data.triage === "t-1")).toBe(true);
    const note = (card.body as Array<Record<string, unknown>>).find((e) => e.type === "Input.Text");
    expect(note).toMatchObject({ id: "note", maxLength: 500 });
    expect(rendered.element?.textContent).toContain("Please choose one.");
  });
});
