import { describe, expect, it } from "vitest";
import base from "../../rules/packs/base.json" with { type: "json" };
import bnssg from "../../rules/packs/bnssg.json" with { type: "json" };
import { buildPack, loadAllPacks, loadPack } from "../../rules/packs/index.js";
import nel from "../../rules/packs/nel.json" with { type: "json" };
import { PATHWAY_KEYS, REGIONS, ROUTE_CODES, URGENCY_LEVELS } from "../../rules/vocabulary.js";

// The packs are clinical content as data; a typo must fail at load, naming the field, rather
// than quietly mis-route (hazard H16). Each broken pack below is a copy with one deliberate fault.

// biome-ignore lint/suspicious/noExplicitAny: the copies are edited freely to break them
type Json = any;
const copy = (x: unknown): Json => JSON.parse(JSON.stringify(x));

function buildWith(edit: (b: Json, o: Json) => void, overlay: unknown = nel) {
  const b = copy(base);
  const o = copy(overlay);
  edit(b, o);
  return () => buildPack(b, o);
}

const ruleIndex = (id: string) => (base.rules as Array<{ id: string }>).findIndex((r) => r.id === id);

describe("region packs", () => {
  it("all three load, validate and compile", () => {
    const packs = loadAllPacks();
    expect(packs.map((p) => p.data.region)).toEqual([...REGIONS]);
    for (const p of packs) {
      expect(p.rules.length).toBeGreaterThanOrEqual(28); // NWL and BNSSG drop R16
      expect(p.rulesVersion).toContain(p.data.guideline.version);
    }
  });

  it("every route has a title and action, every urgency a clock, every pathway key an https link", () => {
    for (const p of loadAllPacks()) {
      for (const r of ROUTE_CODES) expect(p.data.routes[r]?.title, `${p.data.region} ${r}`).toBeTruthy();
      for (const u of URGENCY_LEVELS)
        expect(p.data.urgencies[u]?.clock, `${p.data.region} ${u}`).toBeTruthy();
      for (const k of PATHWAY_KEYS) {
        const link = p.data.pathways[k];
        expect(link, `${p.data.region} ${k}`).toBeDefined();
        expect(new URL(link?.url ?? "").protocol).toBe("https:");
      }
    }
  });

  it("every rule and every question cites a source", () => {
    for (const p of loadAllPacks()) {
      for (const r of p.data.rules) expect(r.source.trim(), r.id).not.toBe("");
      for (const q of p.data.questions) expect(q.source.trim(), q.id).not.toBe("");
    }
  });

  it("rules are in decision order in every region: numeric, with R30 (a child's red flag) after R10", () => {
    for (const p of loadAllPacks()) {
      const ids = p.data.rules.map((r) => r.id);
      const expected = [...ids].sort().filter((id) => id !== "R30");
      expected.splice(expected.indexOf("R10") + 1, 0, "R30");
      expect(ids, p.data.region).toEqual(expected);
    }
  });

  it("the region overlays differ from the base as the region differences (docs/clinical-rules.md) says", () => {
    const ids = (r: (typeof REGIONS)[number]) => loadPack(r).data.rules.map((x) => x.id);
    expect(ids("NEL")).toContain("R16");
    expect(ids("NWL")).not.toContain("R16");
    expect(ids("BNSSG")).not.toContain("R16");
    expect(ids("BNSSG")).toContain("R07B");
    expect(Object.keys(loadPack("NEL").data.referral.boroughs)).toHaveLength(7);
    expect(loadPack("NWL").data.referral.boroughs).toEqual({});
    expect(loadPack("BNSSG").data.referral.boroughs).toEqual({});
  });
});

describe("an invalid pack fails loudly, naming the field", () => {
  it("an unknown route", () => {
    const i = ruleIndex("R02");
    expect(buildWith((b) => (b.rules[i].route = "ED_LATER"))).toThrow(new RegExp(`rules\\.${i}\\.route`));
  });

  it("an unknown urgency", () => {
    expect(buildWith((b) => (b.rules[2].urgency = "asap"))).toThrow(/rules\.2\.urgency/);
  });

  it("a rule without a source, or a question with a blank source", () => {
    expect(buildWith((b) => delete b.rules[3].source)).toThrow(/rules\.3\.source/);
    expect(buildWith((b) => (b.questions[2].source = " "))).toThrow(/questions\.2\.source/);
  });

  it("a misspelt finding id in a condition", () => {
    expect(buildWith((b) => (b.rules[1].when = { fact: "saddle_numbness" }))).toThrow(/rules\.1\.when/);
    expect(
      buildWith(
        (b) => (b.rules[1].when = { all: [{ fact: "saddle_anaesthesia" }, { fact: "saddle_numbness" }] }),
      ),
    ).toThrow(/rules\.1\.when/);
  });

  it("an unknown term names the term", () => {
    expect(buildWith((b) => (b.rules[1].when = { term: "nope" }))).toThrow(/nope/);
  });

  // Found by this file: the error once said only `unknown term "nope"`, leaving the reviewer to search.
  it("an unknown term also names the rule or question that uses it", () => {
    expect(buildWith((b) => (b.rules[1].when = { term: "nope" }))).toThrow(/rules\.1/);
    expect(buildWith((b) => (b.questions[2].askWhen = { term: "nope" }))).toThrow(/questions\.2/);
  });

  it("a duplicate rule id", () => {
    expect(buildWith((b) => (b.rules[5].id = b.rules[4].id))).toThrow(/rules\.5\.id: duplicate rule id R05/);
  });

  it("an overlay that edits, removes or inserts after a rule the base does not have", () => {
    expect(buildWith((_b, o) => (o.rules.replace.R99 = { ...o.rules.replace.R29, id: "R99" }))).toThrow(
      /R99/,
    );
    expect(buildWith((_b, o) => (o.rules = { remove: ["R42"] }))).toThrow(/R42/);
    expect(buildWith((_b, o) => (o.rules.insertAfter = { R77: [] }), bnssg)).toThrow(/R77/);
  });

  it("a screen skipped when it cannot change the route that holds a concern, or an item a rule negates", () => {
    const screen = (b: Json, id: string) => b.flow.find((s: Json) => s.screen === id);
    expect(buildWith((b) => (screen(b, "concern").onlyIfRouteCanChange = true))).toThrow(/is a concern/);
    const referral = (b: Json) => screen(b, "referral");
    expect(
      buildWith((b) => {
        const i = b.rules.findIndex((r: Json) => r.id === "R28");
        b.rules[i].when = { all: [b.rules[i].when, { not: { fact: referral(b).items[0] } }] };
      }),
    ).toThrow(/under "not"; onlyIfRouteCanChange not allowed/);
  });

  it("an http (not https) pathway link", () => {
    expect(buildWith((b) => (b.pathways.CES.url = "http://example.org/ces"))).toThrow(/pathways\.CES\.url/);
  });

  it("an unknown region or a malformed guideline date in an overlay", () => {
    expect(buildWith((_b, o) => (o.region = "XYZ"))).toThrow(/region/);
    expect(buildWith((_b, o) => (o.guideline.review = "17/11/2027"))).toThrow(/guideline\.review/);
  });

  it("a rule id that is not R + two digits (+ letter)", () => {
    expect(buildWith((b) => (b.rules[0].id = "R1"))).toThrow(/rules\.0\.id/);
  });

  it("the unmodified copies build, so the failures above are the edits' doing", () => {
    expect(buildWith(() => {})).not.toThrow();
    expect(buildWith(() => {}, bnssg)).not.toThrow();
  });
});
