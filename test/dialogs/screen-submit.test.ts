import { describe, expect, it } from "vitest";
import { parseSubmittedScreen } from "../../dialogs/screen-answers.js";
import { nextQuestion } from "../../rules/engine/next-question.js";
import type { Screen } from "../../rules/outcome.js";
import { loadPack } from "../../rules/packs/index.js";

// A screen's submit (Teams: ticked ids as one comma-separated string; Slack: an array) is read
// only if it names this screen and ticks only this screen's items; anything else re-asks.

const pack = loadPack("NEL");
const next = nextQuestion(pack, { body_area: "lumbar", age: 45 });
if (next.done || next.kind !== "screen") throw new Error("expected the cauda equina screen");
const ces: Screen = next.screen;

describe("parseSubmittedScreen", () => {
  it("reads Teams' comma-separated ticks, trimmed and without repeats", () => {
    expect(
      parseSubmittedScreen(ces, {
        questionId: "screen:ces",
        answer: "these",
        items: "saddle_anaesthesia, sexual_dysfunction,saddle_anaesthesia",
        triage: "t-1",
      }),
    ).toEqual({ ok: true, button: "these", ticked: ["saddle_anaesthesia", "sexual_dysfunction"] });
  });

  it("reads Slack's array of ticks, and no ticks at all", () => {
    expect(
      parseSubmittedScreen(ces, {
        questionId: "screen:ces",
        answer: "these",
        items: ["bilateral_leg_symptoms"],
      }),
    ).toEqual({ ok: true, button: "these", ticked: ["bilateral_leg_symptoms"] });
    expect(parseSubmittedScreen(ces, { questionId: "screen:ces", answer: "none" })).toEqual({
      ok: true,
      button: "none",
      ticked: [],
    });
  });

  it("re-asks for another screen's submit, an item not on this screen, or an unknown button", () => {
    expect(parseSubmittedScreen(ces, { questionId: "screen:neuro", answer: "none" })).toEqual({ ok: false });
    expect(parseSubmittedScreen(ces, { questionId: "ces", answer: "none" })).toEqual({ ok: false });
    expect(
      parseSubmittedScreen(ces, {
        questionId: "screen:ces",
        answer: "these",
        items: "saddle_anaesthesia,foot_drop",
      }),
    ).toEqual({ ok: false });
    expect(parseSubmittedScreen(ces, { questionId: "screen:ces", answer: "all" })).toEqual({ ok: false });
    expect(parseSubmittedScreen(ces, { questionId: "screen:ces", answer: "these", items: 3 })).toEqual({
      ok: false,
    });
    expect(parseSubmittedScreen(ces, "screen:ces")).toEqual({ ok: false });
  });
});
