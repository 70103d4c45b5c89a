import { describe, expect, it } from "vitest";
import { decide } from "../../rules/engine/decide.js";
import { loadPack } from "../../rules/packs/index.js";
import { cleanNote } from "../../src/audit/concerns.js";
import { fromEntity, toEntity } from "../../src/audit/entity.js";
import { keyedHasher } from "../../src/audit/hash.js";
import { outcomeAudit } from "../../src/audit/record.js";

// The audit record of an outcome: codes, counts and times from the decision and the answers, and
// nothing a clinician typed or anyone's id.

const pack = loadPack("NEL");
const answers = {
  body_area: "lumbar",
  age: 58,
  saddle_anaesthesia: true,
  night_pain: "unsure",
  fever: false,
} as const;

function record() {
  return outcomeAudit({
    triageId: "3f0c2a4e-1b2c-4d5e-8f90-123456789abc",
    stage: "final",
    outcome: decide(pack, answers),
    answers,
    freeText: true,
    startedAt: new Date("2026-11-30T10:00:10Z"),
    shownAt: new Date("2026-11-30T10:02:40.500Z"),
    channel: "msteams",
    scope: "personal",
    user: keyedHasher("k")("user", "29:1abc-user-id"),
  });
}

describe("outcome audit record", () => {
  it("keeps the route, rules, findings answered yes or unsure, counts and times", () => {
    const r = record();
    expect(r.at).toBe("2026-11-30T10:02Z");
    expect(r.secondsToOutcome).toBe(151);
    expect(r.answers).toBe(5);
    expect(r.findingsYes).toEqual(["saddle_anaesthesia"]);
    expect(r.findingsUnsure).toContain("night_pain");
    expect(r.findingsUnsure).not.toContain("fever");
    expect(r.rules.length).toBeGreaterThan(0);
    expect(r.route).toBe(decide(pack, answers).route);
    expect(r.freeText).toBe(true);
  });

  it("holds no user id, only its keyed hash, which differs by key", () => {
    const r = record();
    expect(JSON.stringify(r)).not.toContain("29:1abc-user-id");
    expect(r.user).toMatch(/^[0-9a-f]{24}$/);
    expect(keyedHasher("other")("user", "29:1abc-user-id")).not.toBe(r.user);
    expect(keyedHasher("k")("conversation", "29:1abc-user-id")).not.toBe(r.user);
  });

  it("survives the trip to a table entity and back", () => {
    const r = { ...record(), msk: { queryId: "Q12", askedAt: "2026-11-30T10:05Z" } };
    expect(fromEntity(toEntity(r))).toEqual(r);
  });
});

describe("a concern's note", () => {
  it("is stored without identifiers, trimmed and capped", () => {
    const note = cleanNote("  Mr Oliver Quennell 943 476 5919, DOB 14/03/1961, SW1A 1AA: should be ED  ");
    expect(note).not.toMatch(/Quennell|943 476 5919|14\/03\/1961|SW1A 1AA/);
    expect(note).toContain("should be ED");
    expect(cleanNote("x".repeat(2000))?.length).toBe(500);
    expect(cleanNote("   ")).toBeUndefined();
  });
});
