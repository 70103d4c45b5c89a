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
