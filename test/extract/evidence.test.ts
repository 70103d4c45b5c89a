import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { citeWords, EVIDENCE_JOIN, EVIDENCE_MAX } from "../../rules/extract/evidence.js";
import { extractFindings } from "../../rules/extract/index.js";

// Evidence is stored in conversation state and shown back to the clinician: it must carry the cue,
// the finding and its number, and nothing typed between them (where names and dates often are).

const pieces = (words: string | undefined) => (words ?? "").split(EVIDENCE_JOIN);

function expectCitedFrom(text: string, words: string | undefined, leftOut: readonly string[]) {
  expect(words, text).toBeTruthy();
  expect((words ?? "").length, `"${words}"`).toBeLessThanOrEqual(EVIDENCE_MAX);
  for (const piece of pieces(words)) expect(text, `"${words}"`).toContain(piece);
  for (const raw of leftOut) expect(words, text).not.toContain(raw);
}

describe("evidence carries the words that matter, not the words between", () => {
  it("cites a negated finding as its cue and its own words (the review's example)", () => {
    const text = "LBP, denies saddle anaesthesia, Jo Bloggs 07/1961, or bladder problems";
    const r = extractFindings(text);
    expect(r.findings.bladder_bowel_dysfunction).toBe(false);
    expect(r.evidence.bladder_bowel_dysfunction).toBe("denies … bladder problems");
    expectCitedFrom(text, r.evidence.bladder_bowel_dysfunction, ["Jo", "Bloggs", "1961"]);
  });

  it("leaves out names, dates of birth, phone numbers and NHS numbers between a cue and a finding", () => {
    for (const [text, id, want] of [
      ["no Jo Bloggs 07700 900123 saddle numbness", "saddle_anaesthesia", "no … saddle numbness"],
      ["denies Mr Smith DOB 01/02/1960 retention", "bladder_bowel_dysfunction", "denies … retention"],
      ["nil Jane Doe NHS 943 476 5919 incontinence", "bladder_bowel_dysfunction", "nil … incontinence"],
    ] as const) {
      const r = extractFindings(text);
      expect(r.findings[id], text).toBe(false);
      expect(r.evidence[id], text).toBe(want);
    }
  });

  it("cites a duration as the finding and the number, even across a blanked-out identifier", () => {
    const text = "saddle numbness 07700 900123 for 3 days";
    const r = extractFindings(text);
    expect(r.findings.ces_symptom_weeks).toBeCloseTo(3 / 7, 3);
    expect(r.evidence.ces_symptom_weeks).toBe("saddle numbness … 3 days");
  });

  it("cites worsening, progression and treatment as the finding and the word that qualifies it", () => {
    const cases = [
      ["saddle numbness, Jo Bloggs, worsening", "ces_worsening", "saddle numbness … worsening"],
      ["R foot drop Jo Bloggs progressing", "neuro_progressing", "foot drop … progressing"],
      ["#NOF Jo Bloggs 07700 900123 post ORIF", "recent_injury", "#NOF … post ORIF"],
    ] as const;
    for (const [text, id, want] of cases) {
      expect(extractFindings(text).evidence[id], text).toBe(want);
    }
  });

  it("never cites an identifier a finding's own words run across", () => {
    // Identifiers are blanked before reading, so "saddle <date> numbness" reads as one phrase.
    const r = extractFindings("saddle 01/02/1960 numbness");
    expect(r.findings.saddle_anaesthesia).toBe(true);
    expect(r.evidence.saddle_anaesthesia).toBe("saddle … numbness");
  });

  it("cites adjacent words as one run of the message", () => {
    expect(extractFindings("no saddle numbness").evidence.saddle_anaesthesia).toBe("no saddle numbness");
    expect(extractFindings("saddle: nil").evidence.saddle_anaesthesia).toBe("saddle: nil");
  });

  it("holds for any words typed between a cue and a finding", () => {
    const filler = fc.constantFrom(
      "Jo Bloggs",
      "07/1961",
      "DOB 3.4.1958",
      "07700 900123",
      "Mrs Patel",
      "E1 6AN",
      "jo.bloggs@nhs.net",
      "Flat 2 Acacia Avenue",
    );
    const cue = fc.constantFrom("no", "denies", "nil", "without", "?", "not sure about");
    const finding = fc.constantFrom("saddle numbness", "retention", "foot drop", "night pain", "weight loss");
    fc.assert(
      fc.property(cue, fc.array(filler, { minLength: 1, maxLength: 3 }), finding, (c, between, f) => {
        const text = `${c} ${between.join(" ")} ${f}`;
        const { findings, evidence } = extractFindings(text);
        expect(Object.keys(findings).length, text).toBeGreaterThan(0);
        const leftOut = between.flatMap((b) => b.split(" ")).filter((w) => !/^(?:no|DOB|Flat)$/.test(w));
        for (const words of Object.values(evidence)) expectCitedFrom(text, words, leftOut);
      }),
    );
  });
});

describe("citeWords", () => {
  it("cuts long evidence to the limit, each piece still a part of the message, opening words kept", () => {
    const text = `denies ${"x".repeat(20)} saddle numbness and tingling around the back passage and genitals since Friday`;
    const cue = { start: 0, end: 6 };
    const finding = { start: 28, end: text.length };
    const words = citeWords(text, [cue, finding], []);
    expect(words.length).toBeLessThanOrEqual(EVIDENCE_MAX);
    expect(words.startsWith("denies … saddle numbness")).toBe(true);
    for (const piece of pieces(words)) expect(text).toContain(piece);
  });

  it("drops the hidden parts of a piece", () => {
    const text = "saddle 01/02/1960 numbness";
    expect(citeWords(text, [{ start: 0, end: text.length }], [{ start: 7, end: 17 }])).toBe(
      "saddle … numbness",
    );
  });
});
