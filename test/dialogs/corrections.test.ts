import { describe, expect, it } from "vitest";
import { correctionOf } from "../../dialogs/correction.js";
import { applyExtraction, newSession, type TriageSession } from "../../dialogs/session.js";
import { loadPack, type Pack } from "../../rules/packs/index.js";
import type { FindingId } from "../../rules/vocabulary.js";
import { botHarness } from "./harness.js";
import { textOf } from "./replies.js";

// "no, not X" removes a finding noted from the clinician's message. Removing a noted red flag can
// lower urgency, so it is read narrowly: whole words of the finding's label, and never text that
// answers the question on screen.

const pack = loadPack("NEL");
const QUERY = "is this urgent APP? 50M LBP 3/52, new leg weakness, saddle numbness";
const REMOVED = /Removed from the noted findings/;

function noted(findings: Record<string, unknown>, pending?: FindingId): TriageSession {
  const s = applyExtraction(newSession("NEL"), { findings, evidence: {} } as never);
  if (pending) s.pending = { id: pending, seq: 1 };
  return s;
}

/** The real pack with one question's label changed, to make a label share a word with an answer. */
function withLabel(id: FindingId, label: string): Pack {
  const byId = new Map(pack.questionById);
  const q = byId.get(id);
  if (!q) throw new Error(id);
  byId.set(id, { ...q, data: { ...q.data, label } });
  return { ...pack, questionById: byId } as Pack;
}

describe("corrections match whole words of a noted finding", () => {
  it("'not weak' does not name 'New limb weakness'; 'not weakness' and 'no, not limb weakness' do", () => {
    const s = noted({ motor_weakness: true, saddle_anaesthesia: true }, "body_area");
    expect(correctionOf(pack, s, "not weak")).toBeUndefined();
    expect(correctionOf(pack, s, "no, not the wea")).toBeUndefined();
    const fixed = correctionOf(pack, s, "not weakness");
    expect(fixed?.label).toBe("New limb weakness");
    expect(fixed?.session.answers.motor_weakness).toBeUndefined();
    expect(fixed?.session.answers.saddle_anaesthesia).toBe(true);
    expect(correctionOf(pack, s, "no, not limb weakness")?.label).toBe("New limb weakness");
  });

  it("the finding's id words work too ('not saddle anaesthesia')", () => {
    const s = noted({ saddle_anaesthesia: true }, "body_area");
    expect(correctionOf(pack, s, "no, not saddle anaesthesia")?.label).toBe("Saddle numbness");
  });

  it("only noted findings are corrected, never answers given on a card", () => {
    const s = noted({}, "body_area");
    s.answers.motor_weakness = true;
    s.how.motor_weakness = "asked";
    s.order.push("motor_weakness");
    expect(correctionOf(pack, s, "not weakness")).toBeUndefined();
  });
});

describe("text that answers the question on screen is an answer, not a correction", () => {
  // No label in the packs shares a word with an answer today, so one is made to.
  const shared = withLabel("saddle_anaesthesia", "Saddle numbness present");

  it("'not present' answers a yes/no question", () => {
    const s = noted({ saddle_anaesthesia: true }, "motor_weakness");
    expect(correctionOf(shared, s, "not present")).toBeUndefined();
  });

  it("the same words correct the noted finding when they are not an answer to the open question", () => {
    const s = noted({ saddle_anaesthesia: true }, "age");
    expect(correctionOf(shared, s, "not present")?.label).toBe("Saddle numbness present");
  });
});

describe("corrections through the bot", () => {
  it("'not weak' leaves the noted weakness; 'no, not weakness' removes it", async () => {
    const bot = botHarness();
    const first = await bot.say(QUERY);
    expect(textOf(first)).toMatch(/I noted:.*new limb weakness/i);
    const loose = await bot.say("not weak");
    expect(textOf(loose)).not.toMatch(REMOVED);
    const exact = await bot.say("no, not weakness");
    expect(textOf(exact)).toMatch(/Removed from the noted findings: New limb weakness\./);
    const notedLines = textOf(exact)
      .split("\n")
      .filter((l) => l.startsWith("I noted:"));
    expect(notedLines.length).toBeGreaterThan(0);
    for (const line of notedLines) expect(line).not.toMatch(/weakness/i);
  });
});
