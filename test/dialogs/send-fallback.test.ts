import type { Activity, TurnContext } from "botbuilder";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutcomeView, View } from "../../cards/views.js";
import { ChannelPresenter } from "../../src/channels/presenter.js";
import { createLogger } from "../../src/logging.js";
import { BOOL_QUESTION, makeOutcomeView, makeQuestionView } from "../cards/fixtures.js";
import { Workspace } from "../slack/workspace.js";
import { botHarness } from "./harness.js";
import { lastQuestion, outcomeOf, textOf } from "./replies.js";
import { runSteps } from "./steps.js";

// A message the channel refuses (Slack invalid_blocks or msg_too_long, Teams 400 or 413) must not
// fail the turn, which would wipe the triage and lose the route: the plain text goes instead, with
// the action, the further actions and the safety netting, and an outcome keeps its machine-readable
// decision (the Teams entity, the Slack metadata). A card that cannot be rendered does the same.

type Sent = Partial<Activity>;

/** Words the refusal's message carries, which must never reach the log. */
const REFUSAL_WORDS = "refused message quoted back: saddle numbness";

function refusal(channel: "slack" | "msteams"): Error {
  const err = new Error(`${REFUSAL_WORDS}`);
  return channel === "slack"
    ? Object.assign(err, { code: "slack_webapi_platform_error", data: { error: "invalid_blocks" } })
    : Object.assign(err, { name: "RestError", statusCode: 413 });
}

/** A turn context whose first `refusals` sends are refused by the channel. */
function channel(channelId: "slack" | "msteams", refusals: number) {
  const sent: Sent[] = [];
  let left = refusals;
  const context = {
    activity: { channelId, type: "message", conversation: { id: "conv" } },
    sendActivity: async (activity: Sent) => {
      if (left-- > 0) throw refusal(channelId);
      sent.push(activity);
      return { id: `m${sent.length}` };
    },
  } as unknown as TurnContext;
  return { context, sent };
}

function presenter() {
  const lines: string[] = [];
  const p = new ChannelPresenter(createLogger("debug", (line) => lines.push(line)));
  return { p, lines };
}

const outcome = (): OutcomeView => makeOutcomeView("ED_NOW");

describe("a refused message falls back to its plain text", () => {
  it("Teams: a refused outcome is sent as text with the action, further actions, safety netting and the entity", async () => {
    const { p, lines } = presenter();
    const { context, sent } = channel("msteams", 1);
    const view = outcome();
    const id = await p.send(context, view);
    expect(id).toBe("m1");
    expect(sent).toHaveLength(1);
    const plain = sent[0] ?? {};
    expect(plain.attachments).toBeUndefined();
    const o = view.outcome;
    expect(plain.text).toContain(o.action);
    expect(plain.text).toContain(o.safetyNet);
    expect(plain.text).toContain("Also do: Urgent APP: Urgent (R20)");
    expect(outcomeOf(plain)).toEqual({
      type: "mskTriageOutcome",
      route: "ED_NOW",
      urgency: o.urgency,
      rules: [{ id: "R02", source: "000 exclusions; GIRFT CES" }],
      additional: [{ route: "URGENT_APP", urgency: "urgent", rule: "R20" }],
      rulesVersion: o.rulesVersion,
    });
    const log = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(log).toContainEqual(
      expect.objectContaining({ event: "send_failed", view: "outcome", error: "RestError", status: 413 }),
    );
    expect(lines.join("\n")).not.toContain("saddle");
  });

  it("Slack: a refused outcome is sent as text with the metadata (additional actions included)", async () => {
    const { p, lines } = presenter();
    const { context, sent } = channel("slack", 1);
    await p.send(context, outcome());
    const plain = sent[0] ?? {};
    const data = plain.channelData as { blocks?: unknown; metadata?: unknown };
    expect(data.blocks).toBeUndefined();
    expect(data.metadata).toEqual({
      event_type: "msk_triage_outcome",
      event_payload: {
        route: "ED_NOW",
        urgency: "emergency",
        rules: [{ id: "R02", source: "000 exclusions; GIRFT CES" }],
        additional: [{ route: "URGENT_APP", urgency: "urgent", rule: "R20" }],
        rulesVersion: outcome().outcome.rulesVersion,
      },
    });
    expect(plain.text).toContain(outcome().outcome.safetyNet);
    expect(lines.join("\n")).toContain('"code":"invalid_blocks"');
    expect(lines.join("\n")).not.toContain("saddle");
  });

  it("a refused question is sent as text that lists its answers", async () => {
    const { p } = presenter();
    const { context, sent } = channel("msteams", 1);
    await p.send(context, makeQuestionView(BOOL_QUESTION, { stamp: { triage: "t1", seq: 2 } }));
    expect(sent[0]?.attachments).toBeUndefined();
    expect(sent[0]?.text).toMatch(/Answer: Yes \/ No \/ Not sure/);
  });

  it("if the plain text is refused too, the send fails (the turn error handler takes over)", async () => {
    const { p } = presenter();
    const { context, sent } = channel("slack", 2);
    await expect(p.send(context, outcome())).rejects.toThrow(REFUSAL_WORDS);
    expect(sent).toHaveLength(0);
  });
});

describe("a card that cannot be rendered keeps the outcome's decision", () => {
  // A pathway link that is not a web address is refused by the Teams renderer.
  const badLink = (): OutcomeView =>
    makeOutcomeView("ED_NOW", {
      pathwayLinks: [{ key: "CES", title: "Cauda equina pathway", publisher: "GIRFT", url: "not a link" }],
    });

  it("Teams: the plain text carries the entity", async () => {
    const { p, lines } = presenter();
    const { context, sent } = channel("msteams", 0);
    await p.send(context, badLink());
    expect(lines.join("\n")).toContain("render_failed");
    expect(sent[0]?.attachments).toBeUndefined();
    expect(outcomeOf(sent[0] ?? {})?.route).toBe("ED_NOW");
    expect(sent[0]?.text).toContain(badLink().outcome.safetyNet);
  });

  it("Slack: the plain text carries the metadata", async () => {
    const { p, lines } = presenter();
    const { context, sent } = channel("slack", 0);
    // Safety netting is never shortened, so one this long cannot fit a Slack message.
    const view = makeOutcomeView("ED_NOW", {
      safetyNet: "Return at once if anything worsens. ".repeat(1500),
    });
    await p.send(context, view);
    expect(lines.join("\n")).toContain("render_failed");
    const data = sent[0]?.channelData as { blocks?: unknown; metadata?: { event_type: string } };
    expect(data.blocks).toBeUndefined();
    expect(data.metadata?.event_type).toBe("msk_triage_outcome");
  });
});

describe("the render cache", () => {
  const teams = channel("msteams", 0).context;
  const cached = (p: ChannelPresenter) => (p as unknown as { rendered: Map<string, unknown> }).rendered;

  it("keeps a question without prefill, unstamped, and stamps a copy for each triage", () => {
    const { p } = presenter();
    const a = p.toActivity(teams, makeQuestionView(BOOL_QUESTION, { stamp: { triage: "triage-a", seq: 3 } }));
    const b = p.toActivity(teams, makeQuestionView(BOOL_QUESTION, { stamp: { triage: "triage-b", seq: 3 } }));
    expect(cached(p).size).toBe(1);
    expect([...cached(p).keys()].join()).not.toMatch(/triage-a|triage-b/);
    const data = (x: Sent) => JSON.stringify(x.attachments?.[0]?.content);
    expect(data(a)).toContain('"triage":"triage-a"');
    expect(data(a)).not.toContain("triage-b");
    expect(data(b)).toContain('"triage":"triage-b"');
    // The cached render itself was not stamped.
    const plain = p.toActivity(teams, makeQuestionView(BOOL_QUESTION));
    expect(data(plain)).not.toContain('"triage"');
  });

  it("never keeps an outcome or a question with a prefill (the clinician's own words)", () => {
    const { p } = presenter();
    const views: View[] = [
      outcome(),
      makeQuestionView(BOOL_QUESTION, {
        prefill: { answer: "no", display: "No", evidence: "denies saddle sx" },
      }),
    ];
    for (const v of views) p.toActivity(teams, v);
    expect(cached(p).size).toBe(0);
  });
});

describe("through the bot", () => {
  it("Teams: a refused early emergency outcome still reaches the clinician and the triage goes on", async () => {
    const bot = botHarness();
    const real = bot.adapter.sendActivities.bind(bot.adapter);
    let refused = 0;
    bot.adapter.sendActivities = async (context, activities) => {
      if (refused === 0 && activities.some((a) => outcomeOf(a) && a.attachments?.length)) {
        refused += 1;
        throw refusal("msteams");
      }
      return real(context, activities);
    };
    const turns = await runSteps(bot, [
      ["triage", { asks: "body_area" }],
      ["lower back", { asks: "age" }],
      ["45", { asks: "screen:ces" }],
      ["1", { asks: "ces_symptom_weeks" }],
      // The emergency card carries the cancer question; refused, its plain text still asks it.
      ["10 days", { outcome: "ED_NOW" }],
      ["no", { outcome: "ED_NOW", noQuestion: true }],
    ]);
    expect(refused).toBe(1);
    const early = turns[4] ?? [];
    const plain = early.find((r) => outcomeOf(r));
    expect(plain?.attachments).toBeUndefined();
    expect(plain?.text).toMatch(/What to do now: .*emergency department/i);
    expect(plain?.text).toMatch(/Safety netting: /);
    expect(plain?.text).toMatch(/cancer\?.*Yes \/ No \/ Not sure/i);
    expect(bot.errors.join("\n")).toContain("send_failed");
    expect(bot.errors.join("\n")).not.toContain("turn_failed");
  });

  describe("Slack", () => {
    const ws = new Workspace();
    beforeAll(() => ws.start());
    afterAll(() => ws.stop());

    it("a question refused as invalid_blocks is posted as text and the typed answer carries on", async () => {
      let mark = ws.fake.calls.length;
      ws.fake.failures.set("chat.postMessage", "invalid_blocks");
      await ws.dm("triage");
      const posts = ws.fake.of("chat.postMessage", mark);
      expect(posts).toHaveLength(2);
      expect(posts[0]?.args.blocks).toBeDefined();
      expect(posts[1]?.args.blocks).toBeUndefined();
      expect(String(posts[1]?.args.text)).toMatch(/Question 1: [\s\S]*Answer: /);
      expect(ws.logs).toContainEqual(
        expect.objectContaining({ event: "send_failed", channel: "slack", code: "invalid_blocks" }),
      );
      expect(ws.logs).not.toContainEqual(expect.objectContaining({ event: "turn_failed" }));
      mark = ws.fake.calls.length;
      await ws.dm("lower back");
      expect(
        textOf(ws.fake.of("chat.postMessage", mark).map((c) => ({ text: String(c.args.text) }))),
      ).toMatch(/Question 2:/);
    });
  });
});
