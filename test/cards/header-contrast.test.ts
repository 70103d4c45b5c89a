import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HEADER_STYLE } from "../../cards/adaptive/views/outcome.js";
import { renderAdaptive } from "../../cards/index.js";
import { ROUTE_CODES } from "../../rules/vocabulary.js";
import { makeOutcomeView } from "./fixtures.js";

// The outcome's header (route, urgency and clock, the action) must read at WCAG AA: 4.5:1 between
// its text and its background. The colours are the host's own: the Teams host config the Agents
// Playground renders cards with, read from the installed package, so a change there is noticed.

type StyleColours = { backgroundColor: string; foregroundColors: { default: { default: string } } };

function teamsHostContainerStyles(): Record<string, StyleColours> {
  const dir = path.resolve("node_modules/@microsoft/m365agentsplayground/dist/client/static/js");
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".js"))) {
    const js = readFileSync(path.join(dir, file), "utf8");
    const at = js.indexOf('"containerStyles":{');
    if (at < 0) continue;
    const start = at + '"containerStyles":'.length;
    let depth = 0;
    for (let i = start; i < js.length; i++) {
      if (js[i] === "{") depth++;
      else if (js[i] === "}" && --depth === 0) return JSON.parse(js.slice(start, i + 1));
    }
  }
  throw new Error("the Playground's Teams host config was not found");
}

/** #RRGGBB or Adaptive Cards' #AARRGGBB, composed over white where not opaque. */
function rgb(hex: string): [number, number, number] {
  const h = hex.replace("#", "");
  const [a, body] = h.length === 8 ? [Number.parseInt(h.slice(0, 2), 16) / 255, h.slice(2)] : [1, h];
  const c = [0, 2, 4].map((i) => Number.parseInt(body.slice(i, i + 2), 16));
  return c.map((v) => Math.round(v * a + 255 * (1 - a))) as [number, number, number];
}

function luminance([r, g, b]: [number, number, number]): number {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function contrast(fg: string, bg: string): number {
  const [a, b] = [luminance(rgb(fg)), luminance(rgb(bg))].sort((x, y) => y - x) as [number, number];
  return (a + 0.05) / (b + 0.05);
}

describe("outcome header contrast (WCAG AA)", () => {
  const styles = teamsHostContainerStyles();

  it("the contrast formula gives the known values", () => {
    expect(contrast("#000000", "#FFFFFF")).toBeCloseTo(21, 5);
    expect(contrast("#777777", "#FFFFFF")).toBeCloseTo(4.48, 2);
  });

  it.each(Object.entries(HEADER_STYLE))(
    "%s tone: default text on the %s style passes 4.5:1",
    (_tone, style) => {
      const s = styles[style];
      if (!s) throw new Error(`the host has no ${style} style`);
      const ratio = contrast(s.foregroundColors.default.default, s.backgroundColor);
      expect(ratio).toBeGreaterThanOrEqual(4.5);
    },
  );

  it.each(ROUTE_CODES.map((r) => [r]))("%s: the header's text uses the style's default colour", (route) => {
    const { card } = renderAdaptive(makeOutcomeView(route));
    const header = (card.body as Array<Record<string, unknown>>).find((b) => b.id === "header");
    expect(Object.values(HEADER_STYLE)).toContain(header?.style);
    for (const item of (header?.items ?? []) as Array<Record<string, unknown>>) {
      // A colour or subtle text would need its own check; the header keeps to the default.
      expect(item.color).toBeUndefined();
      expect(item.isSubtle).toBeUndefined();
    }
  });

  it("coloured text on the tinted styles would fail, which is why the header does not use it", () => {
    const attention = styles.attention as StyleColours & {
      foregroundColors: { attention: { default: string } };
    };
    expect(contrast(attention.foregroundColors.attention.default, attention.backgroundColor)).toBeLessThan(
      4.5,
    );
  });
});
