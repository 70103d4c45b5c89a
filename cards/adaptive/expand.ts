import * as ACData from "adaptivecards-templating";
import type { z } from "zod";

// adaptivecards-templating fails quietly: an unbound `${...}` stays in the card and a failed
// binding can drop an element. So every card goes through here: the data is checked first, the
// result is checked after, and any doubt throws instead of showing a clinician a broken card.

/** Highest schema Teams renders on every client (desktop, web, mobile). */
export const MAX_CARD_VERSION = 1.5;

export class CardRenderError extends Error {
  override name = "CardRenderError";
}

export interface ExpandRequest<T> {
  name: string;
  template: object;
  schema: z.ZodType<T>;
  data: T;
  /** Texts the expanded card must contain verbatim (safety netting, disclaimer, actions). */
  required: readonly string[];
}

export function expandCard<T>(req: ExpandRequest<T>): Record<string, unknown> {
  const parsed = req.schema.safeParse(req.data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new CardRenderError(`${req.name} card data is invalid: ${issues.join("; ")}`);
  }
  const data = neutraliseTemplateMarkers(parsed.data);
  const expanded = templateFor(req.template).expand({ $root: data }) as unknown;
  const card = dropNulls(expanded) as Record<string, unknown>;
  // One walk over the card's strings serves both checks.
  const strings = collectStrings(card);
  assertNoTemplateLeft(req.name, strings);
  assertVersion(req.name, card);
  assertContains(req.name, strings, req.required.map(neutraliseTemplateMarkers));
  return card;
}

// One prepared Template per template file: building it on every render was a large share of a
// turn's CPU under load (bench:bot). expand() does not change the template.
const templates = new WeakMap<object, ACData.Template>();
function templateFor(json: object): ACData.Template {
  let t = templates.get(json);
  if (!t) {
    t = new ACData.Template(json);
    templates.set(json, t);
  }
  return t;
}

/**
 * Text from a clinician's own message (prefill evidence) could contain `${`: it must not be
 * mistaken for an unbound binding, so data strings get a space inside the marker. Parts with no
 * marker are returned as they are, not copied: nearly all data has none.
 */
function neutraliseTemplateMarkers<T>(value: T): T {
  if (typeof value === "string") return (value.includes("${") ? value.replaceAll("${", "$ {") : value) as T;
  return rebuiltIfChanged(value, neutraliseTemplateMarkers, () => true) as T;
}

/**
 * Optional numbers (an input's min/max) bind to null when absent; the card simply omits them.
 * Parts with no null are returned as they are.
 */
function dropNulls(value: unknown): unknown {
  return rebuiltIfChanged(value, dropNulls, (v) => v !== null && v !== undefined);
}

/**
 * Applies `each` to the items of an array or the values of an object (those `keep` accepts), and
 * returns a new array or object only if that changed something; any other value as it is.
 */
function rebuiltIfChanged(
  value: unknown,
  each: (v: unknown) => unknown,
  keep: (v: unknown) => boolean,
): unknown {
  if (Array.isArray(value)) {
    const items = value.map(each);
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  if (value === null || typeof value !== "object") return value;
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (!keep(v)) {
      changed = true;
      continue;
    }
    const next = each(v);
    if (next !== v) changed = true;
    out[k] = next;
  }
  return changed ? out : value;
}

export function collectStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) collectStrings(v, out);
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      collectStrings(v, out);
    }
  }
  return out;
}

function assertNoTemplateLeft(name: string, strings: readonly string[]): void {
  const left = strings.find((s) => s.includes("${") || s === "$data" || s === "$when");
  if (left !== undefined)
    throw new CardRenderError(`${name} card kept a template marker: ${left.slice(0, 80)}`);
}

function assertVersion(name: string, card: Record<string, unknown>): void {
  const version = Number(card.version);
  if (!(version > 0 && version <= MAX_CARD_VERSION)) {
    throw new CardRenderError(`${name} card version ${String(card.version)} is not 1.0-${MAX_CARD_VERSION}`);
  }
}

function assertContains(name: string, strings: readonly string[], required: readonly string[]): void {
  const present = new Set(strings);
  const missing = required.filter((r) => !present.has(r));
  if (missing.length > 0) {
    throw new CardRenderError(
      `${name} card lost required text: ${missing.map((m) => m.slice(0, 60)).join(" | ")}`,
    );
  }
}
