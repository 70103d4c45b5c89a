import { describe, expect, it } from "vitest";
import { renderWithAdaptiveCards } from "../../test/cards/adaptive-dom.js";
import { blockKitBreaches } from "../../test/slack/block-kit-limits.js";
import { mskQueryCard } from "../adaptive/views/msk-query.js";
import { mskQueryBlocks } from "../slack/msk-query.js";
import { mskQueryText } from "./fallback.js";
import type { MskQueryView } from "./views.js";

// The MSK team's query card, open and answered, on both platforms: valid, inside the limits, with
// the reply data and input ids the interface names, and the clinician's `${` never read as a binding.

const open: MskQueryView = {
  queryId: "5d2f0c1e-query",
  number: 7,
  reminder: false,
  askedAt: "3 Dec 2026, 10:02 UTC",
  routeTitle: "Emergency department now",
  route: "ED_NOW",
  urgency: "Emergency",
  yes: ["Saddle numbness"],
  unsure: ["Bladder or bowel change"],
  rules: ["R01 Suspected cauda equina: GIRFT"],
  rulesVersion: "NEL v1",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: what a clinician might type, literally
  question: "Is ED right? She said ${name} at triage.",
  routeChoices: [
    { value: "ED_NOW", title: "Emergency department now" },
    { value: "URGENT_APP", title: "Urgent APP" },
  ],
};
const answered: MskQueryView = { ...open, answered: "Agreed by Alex Physio, 3 Dec 2026, 10:15 UTC" };

describe("the MSK query card (Teams)", () => {
  it("open: route choice, note and three reply buttons with the interface's data", async () => {
    const card = mskQueryCard(open);
    const json = JSON.stringify(card);
    expect(json).toContain('"id":"route"');
    expect(json).toContain('"id":"note"');
    expect(json).toContain("She said $ {name} at triage.");
    expect((card.actions as Array<{ data: unknown }>).map((a) => a.data)).toEqual(
      ["agree", "change", "call"].map((reply) => ({ action: "mskReply", queryId: open.queryId, reply })),
    );
    const r = await renderWithAdaptiveCards(card);
    expect(r.parseErrors).toEqual([]);
    expect(r.validationErrors).toEqual([]);
  });

  it("answered: who and when, no inputs, no buttons", async () => {
    const card = mskQueryCard(answered);
    const json = JSON.stringify(card);
    expect(json).toContain(answered.answered);
    expect(json).not.toContain("Input.");
    expect(card.actions).toEqual([]);
    expect((await renderWithAdaptiveCards(card)).validationErrors).toEqual([]);
  });
});

describe("the MSK query message (Slack)", () => {
  it("open and answered messages stay inside Block Kit's limits; only the open one has inputs", () => {
    for (const view of [open, answered, { ...open, reminder: true }]) {
      const blocks = mskQueryBlocks(view);
      expect(blockKitBreaches({ text: mskQueryText(view), blocks })).toEqual([]);
      const inputs = blocks.filter((b) => b.type === "input");
      expect(inputs.length).toBe(view.answered ? 0 : 2);
    }
    const ids = JSON.stringify(mskQueryBlocks(open));
    expect(ids).toContain('"action_id":"route"');
    expect(ids).toContain('"action_id":"note"');
  });
});
