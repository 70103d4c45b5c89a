import { describe, expect, it } from "vitest";
import {
  extractFindings,
  findIdentifiers,
  isValidNhsNumber,
  redactIdentifiers,
} from "../../rules/extract/index.js";

const kinds = (text: string) => findIdentifiers(text).map((i) => i.kind);

describe("patient identifiers", () => {
  it("checks the NHS number's Modulus 11 digit", () => {
    expect(isValidNhsNumber("9434765919")).toBe(true);
    expect(isValidNhsNumber("9434765918")).toBe(false);
    expect(kinds("NHS 943 476 5919")).toEqual(["nhs_number"]);
    expect(kinds("NHS 943 476 5918")).toEqual([]);
  });

  it("finds each kind", () => {
    expect(kinds("DOB 01/02/1960")).toEqual(["date_of_birth"]);
    expect(kinds("born 3.4.1958")).toEqual(["date_of_birth"]);
    expect(kinds("07700 900123")).toEqual(["phone"]);
    expect(kinds("+44 20 7946 0958")).toEqual(["phone"]);
    expect(kinds("jane.doe@nhs.net")).toEqual(["email"]);
    expect(kinds("E1 6AN")).toEqual(["postcode"]);
    expect(kinds("SW1A 1AA")).toEqual(["postcode"]);
    expect(kinds("Mr Smith")).toEqual(["name"]);
    expect(kinds("seen by Dr Patel")).toEqual(["name"]);
  });

  it("does not mistake clinical numbers for identifiers", () => {
    expect(kinds("58M LBP 3/52, 5/7 saddle numbness, power 4/5, L4/5, S1 2wks, MRC 3, 62 yo F 45")).toEqual(
      [],
    );
  });

  it("finds a date of birth written as a month and year, or as a labelled year", () => {
    for (const text of [
      "07/1961",
      "07.1961",
      "7-1961",
      "Jo Bloggs 07/1961, LBP",
      "July 1961",
      "born Jul 1961",
      "7/61",
      "DOB 7/61",
      "DOB: 07/61",
      "DOB 3/52",
      "DOB 1961",
      "d.o.b. 1961",
      "YOB 1961",
      "year of birth: 1961",
      "born in 1961",
      "DOB Jul '61",
    ]) {
      expect(kinds(text), text).toEqual(["date_of_birth"]);
      expect(redactIdentifiers(text), text).toContain("[date of birth removed]");
      expect(redactIdentifiers(text), text).not.toMatch(/61(?!\d)/);
    }
  });

  it("does not take durations, grades, scores, decimals or onset dates for a month and year", () => {
    for (const text of [
      "3/52",
      "10/7",
      "4/5",
      "2/12",
      "18/12",
      "5/7",
      "2-3/52",
      "1/24",
      "pain 8/10",
      "OKS 12/48",
      "ODI 7/50",
      "32/40 pregnant",
      "6/60",
      "L4/5",
      "INR 2.85",
      "temp 37.8",
      "since March 2023",
      "LBP since 12/2023",
      "decreased 2010",
    ]) {
      expect(kinds(text), text).toEqual([]);
    }
  });

  it("keeps a month-and-year date of birth out of the findings and the evidence", () => {
    const text = "LBP, denies saddle anaesthesia, Jo Bloggs 07/1961, or bladder problems";
    const r = extractFindings(text);
    expect(r.identifiers.map((i) => i.kind)).toEqual(["date_of_birth"]);
    expect(r.findings.bladder_bowel_dysfunction).toBe(false);
    for (const words of Object.values(r.evidence)) expect(words).not.toContain("1961");
  });

  it("redacts every identifier and keeps the clinical words", () => {
    const text = "Mr Smith DOB 01/02/1960 NHS 943 476 5919 07700 900123 E1 6AN a@b.com: 58M LBP 3/52";
    const out = redactIdentifiers(text);
    expect(findIdentifiers(out)).toEqual([]);
    for (const raw of ["Smith", "1960", "5919", "900123", "6AN", "a@b.com"]) expect(out).not.toContain(raw);
    expect(out).toContain("[nhs number removed]");
    expect(out).toContain("58M LBP 3/52");
  });

  it("keeps identifier digits out of the findings", () => {
    const r = extractFindings("DOB 01/02/1960 saddle numbness");
    expect(r.findings).toEqual({ saddle_anaesthesia: true });
    expect(r.identifiers.map((i) => i.kind)).toEqual(["date_of_birth"]);
  });
});
