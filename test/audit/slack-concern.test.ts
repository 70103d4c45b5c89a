import { describe, expect, it } from "vitest";
import { concernBlocks } from "../../cards/concern.js";
import { outcomeBlocks } from "../../cards/slack/outcome.js";
import { REPORT_CONCERN_ACTION } from "../../src/audit/auditing-presenter.js";
import { actionValue } from "../../src/channels/slack/payloads.js";
import { fromBlockAction } from "../../src/channels/slack/to-activity.js";
import { makeOutcomeView } from "../cards/fixtures.js";

// Slack's side of "Report a concern": the outcome's button, the prompt's kind buttons and note
// input, and the click arriving as the same submit value Teams sends (note merged in).

type Json = Record<string, unknown>;
const buttons = (blocks: unknown[]) =>
  (blocks as Json[])
    .filter((b) => b.type === "actions")
    .flatMap((b) => b.elements as Json[])
    .filter((e) => e.type === "button");

describe("Report a concern in Slack", () => {
  it("every outcome message has the button, with the contract's action in its value", () => {
    const concern = buttons(
      outcomeBlocks({ ...makeOutcomeView("ROUTINE_PHYSIO"), actions: [REPORT_CONCERN_ACTION] }),
    ).find((b) => JSON.parse(String(b.value)).action === "reportConcern");
    expect(concern).toBeDefined();
    expect(actionValue.safeParse(JSON.parse(String(concern?.value))).success).toBe(true);
  });

  it("the prompt offers the four kinds and an optional note", () => {
    const blocks = concernBlocks({ concern: "c-1", triage: "t-1" });
    const kinds = buttons(blocks).map((b) => JSON.parse(String(b.value)));
    expect(kinds.map((k) => k.kind)).toEqual(["too_low", "too_high", "wrong_pathway", "other"]);
    expect(
      kinds.every((k) => k.action === "reportConcern" && k.triage === "t-1" && k.concern === "c-1"),
    ).toBe(true);
    const input = (blocks as Json[]).find((b) => b.type === "input");
    expect(input).toMatchObject({ optional: true, element: { type: "plain_text_input", action_id: "note" } });
  });

  it("a kind button's click carries the typed note from the message's state", () => {
    const value = JSON.stringify({ action: "reportConcern", kind: "too_low", triage: "t-1", concern: "c-1" });
    const parsed = fromBlockAction(
      {
        type: "block_actions",
        user: { id: "U1" },
        team: { id: "T1" },
        channel: { id: "D1" },
        container: { message_ts: "10.1", channel_id: "D1" },
        actions: [{ action_id: "concern_too_low", value, action_ts: "11.1" }],
        state: { values: { concern_note: { note: { type: "plain_text_input", value: "should be ED" } } } },
      },
      "UBOT",
    );
    expect(parsed.ok && parsed.activity.value).toEqual({
      action: "reportConcern",
      kind: "too_low",
      triage: "t-1",
      concern: "c-1",
      note: "should be ED",
    });
  });
});
