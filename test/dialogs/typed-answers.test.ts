import { describe, expect, it } from "vitest";
import { parseTypedAnswer } from "../../dialogs/answers.js";
import { loadPack } from "../../rules/packs/index.js";

const q = (id: string) => {
  const found = loadPack("NEL").questionById.get(id as never)?.public;
  if (!found) throw new Error(id);
  return found;
};

describe("typed answers that must be asked again rather than guessed", () => {
  it.each(["leg", "arm", "hand", "foot", "3", "4"])(
    "body area %j is not read (could skip the CES screen)",
    (t) => {
      expect(parseTypedAnswer(q("body_area"), t)).toEqual({ ok: false });
    },
  );

  it("clear body areas are read", () => {
    expect(parseTypedAnswer(q("body_area"), "lower back")).toEqual({ ok: true, value: "lumbar" });
    expect(parseTypedAnswer(q("body_area"), "knee")).toEqual({ ok: true, value: "limb" });
    expect(parseTypedAnswer(q("body_area"), "Neck")).toEqual({ ok: true, value: "cervical" });
  });

  it("a lone 'a' is not a number, 'a week' is", () => {
    expect(parseTypedAnswer(q("age"), "a")).toEqual({ ok: false });
    expect(parseTypedAnswer(q("ces_symptom_weeks"), "a")).toEqual({ ok: false });
    // The CES duration is asked in days: "1 week" is 7 days.
    expect(parseTypedAnswer(q("ces_symptom_weeks"), "1 week")).toEqual({ ok: true, value: 7 });
  });
});
