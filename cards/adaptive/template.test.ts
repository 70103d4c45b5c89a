import { describe, expect, it } from "vitest";
import { CardTemplate, TemplateError } from "./template.js";

// The templating subset the card templates use; anything more must be refused, not half-done.
// (Written as plain strings: `${name}` here is an Adaptive Card binding, not a JS template.)

const bind = (path: string) => `\${${path}}`;
const expand = (template: unknown, data: unknown) => new CardTemplate(template).expand(data);

describe("CardTemplate", () => {
  it("binds a whole-string path to its value, keeping the value's type", () => {
    const data = { title: "Back pain", min: 0, open: true, items: ["a"], data: { command: "triage" } };
    const template = {
      title: bind("title"),
      min: bind("min"),
      open: bind("open"),
      items: bind("items"),
      data: bind("data"),
    };
    expect(expand(template, data)).toEqual(data);
  });

  it("puts a binding's value into the text around it", () => {
    expect(expand({ text: `- ${bind("label")} (${bind("n")} of 4)` }, { label: "Age", n: 3 })).toEqual({
      text: "- Age (3 of 4)",
    });
    expect(expand({ text: `Question ${bind("n")}` }, { n: 3 })).toEqual({ text: "Question 3" });
  });

  it("repeats an object once per element of its $data list, in place, and drops it for an empty list", () => {
    const template = {
      body: [
        { type: "Head" },
        { type: "Line", $data: bind("lines"), text: `- ${bind("$data")}` },
        { type: "Fact", $data: bind("facts"), title: bind("title"), id: bind("$root.id") },
        { type: "Gone", $data: bind("none"), text: "never" },
      ],
    };
    const data = { id: "q1", lines: ["one", "two"], facts: [{ title: "Age" }], none: [] };
    expect(expand(template, data)).toEqual({
      body: [
        { type: "Head" },
        { type: "Line", text: "- one" },
        { type: "Line", text: "- two" },
        { type: "Fact", title: "Age", id: "q1" },
      ],
    });
  });

  it("reads nested paths, and $data bound to an object scopes the paths inside it", () => {
    const template = { a: bind("labels.why"), b: { $data: bind("inner"), c: bind("x"), d: bind("$root.x") } };
    expect(expand(template, { labels: { why: "Why" }, x: 1, inner: { x: 2 } })).toEqual({
      a: "Why",
      b: { c: 2, d: 1 },
    });
  });

  it("leaves a path with no value as written, so the card guard sees it", () => {
    expect(expand({ a: bind("missing"), b: `x ${bind("gone.too")}` }, {})).toEqual({
      a: bind("missing"),
      b: `x ${bind("gone.too")}`,
    });
  });

  it("refuses an expression or $when when the template is prepared", () => {
    expect(() => new CardTemplate({ a: bind("if(x, 1, 2)") })).toThrow(TemplateError);
    expect(() => new CardTemplate({ a: bind("x == 1") })).toThrow(TemplateError);
    expect(() => new CardTemplate({ a: [{ $when: bind("x"), b: 1 }] })).toThrow(TemplateError);
  });

  it("does not change the template it was given, so it can be expanded again", () => {
    const template = { body: [{ $data: bind("xs"), t: bind("$data") }] };
    const frozen = JSON.stringify(template);
    const t = new CardTemplate(template);
    expect(t.expand({ xs: ["a", "b"] })).toEqual({ body: [{ t: "a" }, { t: "b" }] });
    expect(t.expand({ xs: ["c"] })).toEqual({ body: [{ t: "c" }] });
    expect(JSON.stringify(template)).toBe(frozen);
  });
});
