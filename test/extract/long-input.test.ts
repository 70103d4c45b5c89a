import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EXTRACTION_LIMIT, extractFindings } from "../../rules/extract/index.js";

// A pasted letter or an adversarial message must not hold up the bot server (npm run bench prints
// the time): only the first EXTRACTION_LIMIT characters are read, and the reading itself looks
// only a bounded way back or ahead from each word. These tests check what comes back, not how fast.

const fill = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
const queries = readFileSync(new URL("../fixtures/quick-check-queries.jsonl", import.meta.url), "utf8")
  .split("\n")
  .filter((l) => l.trim().length > 0)
  .map((l) => (JSON.parse(l) as { text: string }).text);
const paste = fill(`${queries.join(". ")}. `, 12_000);

function expectEvidenceFrom(text: string, evidence: Record<string, string | undefined>) {
  for (const words of Object.values(evidence)) {
    expect((words ?? "").length).toBeLessThanOrEqual(60);
    for (const piece of (words ?? "").split(" … ")) expect(text).toContain(piece);
  }
}

describe("long and adversarial messages", () => {
  it("reads 4,000 characters of 'no not ' as nothing", () => {
    const r = extractFindings(fill("no not ", EXTRACTION_LIMIT));
    expect(r.findings).toEqual({});
    expect(r.truncated).toBeUndefined();
  });

  it("reads a 4,000-character negated list as the denials it repeats", () => {
    const r = extractFindings(fill("no saddle numbness, retention or incontinence. ", EXTRACTION_LIMIT));
    expect(r.findings).toEqual({ saddle_anaesthesia: false, bladder_bowel_dysfunction: false });
    expectEvidenceFrom(fill("no saddle numbness, retention or incontinence. ", EXTRACTION_LIMIT), r.evidence);
  });

  it("reads repeated findings, joiners and numbers as the findings they are", () => {
    expect(extractFindings(fill("saddle/bladder/", EXTRACTION_LIMIT)).findings).toMatchObject({
      saddle_anaesthesia: true,
      bladder_bowel_dysfunction: true,
    });
    expect(extractFindings(fill("R foot drop 3/7 ", EXTRACTION_LIMIT)).findings).toMatchObject({
      foot_drop: true,
      motor_onset_weeks: expect.closeTo(3 / 7, 3),
    });
    expect(extractFindings(fill("? ", EXTRACTION_LIMIT)).findings).toEqual({});
  });

  it("reads a long realistic paste up to the limit, the same as its first 4,000 characters alone", () => {
    const r = extractFindings(paste);
    expect(r.truncated).toBe(true);
    expect(r.findings).toMatchObject({ saddle_anaesthesia: true, bladder_bowel_dysfunction: true });
    const cut = paste.lastIndexOf(" ", EXTRACTION_LIMIT);
    const head = extractFindings(paste.slice(0, cut));
    expect(head.truncated).toBeUndefined();
    expect(r.findings).toEqual(head.findings);
    expect(r.evidence).toEqual(head.evidence);
    expectEvidenceFrom(paste, r.evidence);
  });

  it("ignores findings past the limit but still reports identifiers there", () => {
    const text = `${fill("back pain ", EXTRACTION_LIMIT + 100)} saddle numbness, DOB 07/1961`;
    const r = extractFindings(text);
    expect(r.truncated).toBe(true);
    expect(r.findings.saddle_anaesthesia).toBeUndefined();
    expect(r.identifiers.map((i) => i.kind)).toEqual(["date_of_birth"]);
    expect(r.identifiers[0]?.start).toBeGreaterThan(EXTRACTION_LIMIT);
  });

  it("reads a message right at the limit whole", () => {
    const text = `${fill("a ", EXTRACTION_LIMIT - 16)}saddle numbness`;
    expect(text.length).toBeLessThanOrEqual(EXTRACTION_LIMIT);
    const r = extractFindings(text);
    expect(r.truncated).toBeUndefined();
    expect(r.findings.saddle_anaesthesia).toBe(true);
  });
});
