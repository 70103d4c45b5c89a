import { describe, expect, it } from "vitest";
import { decide } from "../../rules/engine/decide.js";
import { reviewedOutcome } from "../../rules/engine/review.js";
import { loadPack } from "../../rules/packs/index.js";
import { type Findings, ROUTE_CODES, urgencyRank } from "../../rules/vocabulary.js";

// A route chosen by the MSK team on review is described by the core like any other route: its own
// title, action and time frame, never less urgent than the pack ever uses it, and the reasons kept.

const pack = loadPack("NEL");
const ces: Findings = { body_area: "lumbar", age: 58, saddle_anaesthesia: true, ces_symptom_weeks: 1 };

describe("reviewedOutcome", () => {
  it("keeps the core's outcome when the team keeps the route", () => {
    const original = decide(pack, ces, { today: "2026-12-03" });
    expect(reviewedOutcome(pack, ces, original.route, { today: "2026-12-03" })).toEqual(original);
  });

  it("describes the chosen route and keeps the rules that fired as the reasons", () => {
    const original = decide(pack, ces, { today: "2026-12-03" });
    const reviewed = reviewedOutcome(pack, ces, "URGENT_APP", { today: "2026-12-03" });
    expect(reviewed.route).toBe("URGENT_APP");
    expect(reviewed.title).toBe(pack.data.routes.URGENT_APP.title);
    expect(reviewed.action).toBe(pack.data.routes.URGENT_APP.action);
    expect(reviewed.urgency).toBe("urgent");
    expect(reviewed.rules.map((r) => r.id)).toEqual(expect.arrayContaining(original.rules.map((r) => r.id)));
    // The route the team replaced is not listed as something still to do.
    expect(reviewed.additional.map((a) => a.route)).not.toContain(original.route);
  });

  it("every route the pack uses can be chosen, at an urgency no lower than any rule gives it", () => {
    for (const route of ROUTE_CODES) {
      const rules = pack.rules.filter((r) => r.data.route === route);
      if (rules.length === 0) {
        expect(() => reviewedOutcome(pack, ces, route)).toThrow(RangeError);
        continue;
      }
      const reviewed = reviewedOutcome(pack, { body_area: "lumbar", age: 40 }, route);
      expect(reviewed.route).toBe(route);
      expect(urgencyRank(reviewed.urgency)).toBe(Math.max(...rules.map((r) => r.rank)));
    }
  });
});
