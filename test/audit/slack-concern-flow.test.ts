import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPack } from "../../rules/packs/index.js";
import { TEAM } from "../slack/fake-slack.js";
import { answerFrom, isOutcome, playTriage, postsIn } from "../slack/play.js";
import { formRequest } from "../slack/signed.js";
import { CLINICIAN, DM, findAction, Workspace } from "../slack/workspace.js";

// "Report a concern" through Slack's own transport (loopback fake Web API, signed requests): the
// outcome's button posts the prompt; a kind button, pressed with a note typed in the prompt's input
// (which Slack sends in the payload's state), gets the clinician's thanks. This workspace keeps no
// audit, so the thanks says the concern was not stored.

const pack = loadPack("NEL");
const ws = new Workspace();
beforeAll(() => ws.start());
afterAll(() => ws.stop());

describe("Report a concern in a Slack DM", () => {
  it("asks what was wrong, takes the kind and the typed note, and thanks the clinician", async () => {
    const where = { channel: DM };
    const played = await playTriage(
      ws,
      pack,
      { text: "triage", send: () => ws.dm("triage"), where: () => where },
      answerFrom(pack, { body_area: "lumbar", age: 40 } as never),
    );
    const outcome = played.outcomes.at(-1);
    if (!outcome) throw new Error("no outcome");
    const mark = ws.fake.calls.length;
    const concernId = (
      (outcome.args.blocks ?? []) as Array<{ elements?: Array<{ action_id: string; value?: string }> }>
    )
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.value?.includes('"reportConcern"'))?.action_id;
    if (!concernId) throw new Error("no Report a concern button");
    await ws.click(outcome, concernId);
    const prompt = postsIn(ws, where, mark).at(-1);
    if (!prompt || isOutcome(prompt)) throw new Error("no concern prompt");
    const blocks = (prompt.args.blocks ?? []) as Array<Record<string, unknown>>;
    expect(blocks.some((b) => b.type === "input")).toBe(true);

    const found = findAction(blocks, "concern_too_low");
    if (!found) throw new Error("no too_low button");
    const payload = {
      type: "block_actions",
      user: { id: CLINICIAN, team_id: TEAM },
      team: { id: TEAM },
      channel: { id: DM },
      container: { type: "message", message_ts: String(prompt.response?.ts), channel_id: DM },
      actions: [
        {
          type: "button",
          action_id: "concern_too_low",
          block_id: found.blockId,
          value: found.element.value,
          action_ts: "1.5",
        },
      ],
      state: { values: { concern_note: { note: { type: "plain_text_input", value: "felt more urgent" } } } },
      trigger_id: "trig.concern",
    };
    const before = ws.fake.calls.length;
    const res = await ws.send("/api/slack/interactions", formRequest({ payload: JSON.stringify(payload) }));
    expect(res.status).toBe(200);
    const thanks = postsIn(ws, where, before)
      .map((c) => String(c.args.text))
      .join("\n");
    expect(thanks).toContain("keeps no audit");
    const reported = ws.logs.find((l) => l.event === "concern_reported");
    expect(reported).toMatchObject({ kind: "too_low", linked: true, withNote: true, stored: false });
    expect(ws.logText).not.toContain("felt more urgent");
  });
});
