import { z } from "zod";
import type { ScreenButton } from "../rules/engine/screen-answer.js";
import type { Screen } from "../rules/outcome.js";
import type { FindingId } from "../rules/vocabulary.js";
import { normaliseText } from "./answers.js";

// Reads a clinician's answer to a screen, from a submit (Teams merges the ticked ids into
// `value.items` as a comma-separated string; Slack's transport puts its checkboxes there too) or
// typed words. It only reads: what the answer means is the rules core's (answerScreen). Anything
// it cannot read, or ids that are not this screen's items, re-asks.

export type ParsedScreen = { ok: true; button: ScreenButton; ticked: FindingId[] } | { ok: false };

// One schema for every screen, built once: building a zod schema per submit was about 5% of a
// turn's CPU under load (bench:bot profile). The screen's own id and items are checked after it.
const submitSchema = z
  .object({
    questionId: z.string(),
    answer: z.enum(["none", "these", "unsure"]),
    items: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((v) => (Array.isArray(v) ? v : (v ?? "").split(",")).map((s) => s.trim()).filter(Boolean)),
  })
  .loose();

export function parseSubmittedScreen(screen: Screen, value: unknown): ParsedScreen {
  const parsed = submitSchema.safeParse(value);
  if (!parsed.success || parsed.data.questionId !== `screen:${screen.id}`) return { ok: false };
  const ids = new Set<string>(screen.items.map((q) => q.id));
  if (!parsed.data.items.every((id) => ids.has(id))) return { ok: false };
  return { ok: true, button: parsed.data.answer, ticked: [...new Set(parsed.data.items as FindingId[])] };
}

const NONE = /^(none|no|n|nope|nil|none of these|none of them|neither|all no|no to all)$/;
const UNSURE = /^(not sure|unsure|don't know|dont know|do not know|ask one by one|one by one|\?)$/;

/** Typed: "none" or "no" = none; "not sure" = one by one; the items' numbers or words = these. */
export function parseTypedScreen(screen: Screen, text: string): ParsedScreen {
  const t = normaliseText(text);
  if (!t) return { ok: false };
  if (NONE.test(t)) return { ok: true, button: "none", ticked: [] };
  if (UNSURE.test(t)) return { ok: true, button: "unsure", ticked: [] };
  const parts = t
    .replace(/\b(and|plus|&)\b/g, ",")
    .split(/[,;]|\s+(?=\d)/)
    .map((p) => p.trim())
    .filter(Boolean);
  const ticked = new Set<FindingId>();
  for (const part of parts) {
    const n = /^\d+$/.test(part) ? Number(part) : undefined;
    const byNumber = n !== undefined ? screen.items[n - 1] : undefined;
    if (n !== undefined) {
      if (!byNumber) return { ok: false };
      ticked.add(byNumber.id);
      continue;
    }
    const hits = screen.items.filter((q) => mentions(q.text, q.id, part));
    if (hits.length !== 1) return { ok: false };
    ticked.add((hits[0] as { id: FindingId }).id);
  }
  return ticked.size > 0 ? { ok: true, button: "these", ticked: [...ticked] } : { ok: false };
}

/** A typed word names an item when it is a whole word of the item's question or of its id. */
function mentions(question: string, id: string, part: string): boolean {
  if (part.length < 3) return false;
  const words = (s: string) =>
    ` ${s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, " ")
      .trim()} `;
  return words(question).includes(` ${part} `) || words(id.replace(/_/g, " ")).includes(` ${part} `);
}
