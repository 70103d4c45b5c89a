// Adaptive Card templating, the part of the language our templates use: `${path}` bindings (a
// property path, `$data`, `$root.<path>`), text around a binding ("- ${$data}"), and `"$data"` on
// an object, which repeats it once per element of an array (an empty array drops it). A binding
// that is the whole string keeps its value's type (a number, a list, an object). A path with no
// value is left as written, so expand.ts's check for a leftover `${` refuses the card, as it did
// with adaptivecards-templating, whose expression engine (and its tens of MB and 0.1 s of
// start-up) nothing here needs. Anything else in a template (an expression, `$when`) is refused
// when the template is prepared.

/** A binding in a template string: a property path, optionally from `$data` or `$root`. */
const BINDING = /\$\{([^}]*)\}/g;
const PATH = /^(\$data|\$root|[A-Za-z_]\w*)(\.[A-Za-z_]\w*)*$/;
const RESERVED = new Set(["$data", "$when", "$root", "$index", "$host", "$_acTemplateVersion"]);

export class TemplateError extends Error {
  override name = "TemplateError";
}

/** A template string cut into text and paths: "- ${$data}" -> ["- ", ["$data"]]. */
type Part = string | readonly string[];
class Bound {
  constructor(
    readonly parts: readonly Part[],
    readonly source: string,
  ) {}
}
type Node = string | number | boolean | null | Bound | Node[] | { [key: string]: Node };

interface Scope {
  root: unknown;
  data: unknown;
}

/** Parses a template once; `expand` binds it to data as often as needed. */
export class CardTemplate {
  private readonly prepared: Node;

  constructor(template: unknown) {
    this.prepared = prepare(template);
  }

  expand(root: unknown): unknown {
    return expandNode(this.prepared, { root, data: root });
  }
}

function prepare(node: unknown): Node {
  if (typeof node === "string") return node.includes("${") ? parseString(node) : node;
  if (Array.isArray(node)) return node.map(prepare);
  if (node !== null && typeof node === "object") {
    if ("$when" in node) throw new TemplateError("$when is not supported: repeat over a list of zero or one");
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, prepare(v)]));
  }
  if (node === null || typeof node === "number" || typeof node === "boolean") return node;
  throw new TemplateError(`a template holds JSON only, not ${typeof node}`);
}

function parseString(source: string): Bound {
  const parts: Part[] = [];
  let last = 0;
  for (const m of source.matchAll(BINDING)) {
    const path = (m[1] ?? "").trim();
    if (!PATH.test(path)) throw new TemplateError(`only property paths can be bound: \${${path}}`);
    if (m.index > last) parts.push(source.slice(last, m.index));
    parts.push(path.split("."));
    last = m.index + m[0].length;
  }
  if (last < source.length) parts.push(source.slice(last));
  return new Bound(parts, source);
}

/** A path's value: `$root.a` from the root data, `$data` and `a.b` from the current repeat's. */
function lookup(path: readonly string[], scope: Scope): unknown {
  const [head, ...rest] = path;
  let value = head === "$root" ? scope.root : scope.data;
  const steps = head === "$root" || head === "$data" ? rest : path;
  for (const step of steps) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

function evaluate(bound: Bound, scope: Scope): unknown {
  const [only] = bound.parts;
  if (bound.parts.length === 1 && typeof only !== "string") {
    const value = lookup(only as readonly string[], scope);
    return value === undefined ? bound.source : value;
  }
  let out = "";
  for (const part of bound.parts) {
    if (typeof part === "string") {
      out += part;
      continue;
    }
    const value = lookup(part, scope);
    if (value === null) throw new TemplateError(`\${${part.join(".")}} is null inside text`);
    out += value === undefined ? `\${${part.join(".")}}` : String(value);
  }
  return out;
}

function expandNode(node: Node, scope: Scope): unknown {
  if (Array.isArray(node)) {
    const out: unknown[] = [];
    for (const item of node) {
      const expanded = expandNode(item, scope);
      if (Array.isArray(expanded)) out.push(...expanded);
      else if (expanded !== null) out.push(expanded);
    }
    return out;
  }
  if (typeof node !== "object" || node === null) return node;
  if (node instanceof Bound) return evaluate(node, scope);
  const repeat = node.$data;
  if (repeat === undefined) return expandObject(node, scope);
  const data = repeat instanceof Bound ? evaluate(repeat, scope) : repeat;
  if (!Array.isArray(data)) return expandObject(node, { root: scope.root, data });
  const copies = data.map((item) => expandObject(node, { root: scope.root, data: item }));
  if (copies.length === 0) return null;
  return copies.length === 1 ? copies[0] : copies;
}

function expandObject(node: { [key: string]: Node }, scope: Scope): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (!RESERVED.has(key)) out[key] = expandNode(value, scope);
  }
  return out;
}
