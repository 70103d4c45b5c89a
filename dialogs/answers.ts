import type { AnswerValue } from "../cards/views.js";
import { EXACT_WORD_NUMBERS } from "../rules/extract/numbers.js";
import type { Question } from "../rules/outcome.js";
import { fitsQuestion } from "./answer-schema.js";

// Reads a clinician's answer to one question, from a card submit or typed words. Anything it cannot
// read with certainty is "not understood" (the question is asked again): it never guesses.

export type Parsed = { ok: true; value: AnswerValue } | { ok: false };
type Stored = boolean | number | string;

const YES = /^(y|yes|yeah|yep|yup|ye|aye|true|positive|present|correct|affirmative|\+|\+ve)$/;
const NO = /^(n|no|nope|nah|none|nil|false|negative|absent|denies|-|-ve|not present)$/;
const UNSURE =
  /^(not sure|unsure|dont know|don't know|do not know|unknown|not known|dk|idk|\?|maybe|possibly|uncertain|n\/k|nk)$/;

export function normaliseText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/[.!,;]+$/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Reads a submit's `value` (docs/interfaces.md §2: `answer` from the buttons or the merged input). A number is an answer
 * only to a number question; whatever is read must then fit the question's schema.
 */
export function parseSubmittedAnswer(q: Question, raw: unknown): Parsed {
  if (raw === "unsure") return { ok: true, value: "unsure" };
  if (typeof raw === "number")
    return q.type === "number" ? checked(q, parseNumber(q, String(raw))) : NOT_READ;
  if (typeof raw === "string" && raw.length <= MAX_ANSWER_CHARS) return parseTypedAnswer(q, raw);
  return NOT_READ;
}

export function parseTypedAnswer(q: Question, text: string): Parsed {
  return checked(q, readTyped(q, text));
}

const NOT_READ: Parsed = { ok: false };
/** Longer than any answer anyone types; longer text is a message, not an answer. */
const MAX_ANSWER_CHARS = 200;

/** The last gate: a reading that does not fit the question (its kind, choices, range) is not an answer. */
function checked(q: Question, p: Parsed): Parsed {
  return p.ok && !fitsQuestion(q, p.value) ? NOT_READ : p;
}

function readTyped(q: Question, text: string): Parsed {
  const t = normaliseText(text);
  if (!t) return { ok: false };
  if (UNSURE.test(t)) return { ok: true, value: "unsure" };
  if (q.type === "bool") {
    if (YES.test(t)) return { ok: true, value: "yes" };
    if (NO.test(t)) return { ok: true, value: "no" };
    return { ok: false };
  }
  if (q.type === "choice") return parseChoice(q, t);
  if (q.type === "number") return parseNumber(q, t);
  return { ok: false };
}

const CHOICE_WORDS: Record<string, string[]> = {
  lumbar: ["lower back", "low back", "back", "lbp", "lumbar spine", "l spine"],
  thoracic: ["mid back", "middle back", "upper back", "thoracic spine", "t spine"],
  cervical: ["neck", "cervical spine", "c spine"],
  // Not "leg", "arm", "hand" or "foot": leg or arm pain is often nerve pain from the spine, and
  // "limb" skips the cauda equina questions. Those words get the options again.
  limb: ["joint", "limb", "knee", "hip", "shoulder", "ankle", "wrist", "elbow", "soft tissue"],
};

function parseChoice(q: Question, t: string): Parsed {
  const choices = q.choices ?? [];
  const key = t
    .replace(/&/g, "and")
    .replace(/[^a-z0-9 ]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const flat = (s: string) =>
    s
      .toLowerCase()
      .replace(/&/g, "and")
      .replace(/[^a-z0-9 ]/g, " ")
      .replace(/\s+/g, " ")
      .trim();
  const hits = choices.filter(
    (c) =>
      flat(c.value.replace(/_/g, " ")) === key ||
      flat(c.title) === key ||
      (CHOICE_WORDS[c.value] ?? []).includes(key),
  );
  // No "type 3 for Neck": the options are not numbered anywhere the clinician can see.
  if (hits.length === 1) return { ok: true, value: (hits[0] as { value: string }).value };
  return { ok: false };
}

const UNIT_WEEKS: Array<[RegExp, number]> = [
  [/^(d|day|days|\/7)$/, 1 / 7],
  [/^(w|wk|wks|week|weeks|\/52)$/, 1],
  [/^(m|mo|mth|mths|month|months|\/12)$/, 52 / 12],
  [/^(y|yr|yrs|year|years)$/, 52],
];

function parseNumber(q: Question, t: string): Parsed {
  const m =
    /^(?:grade |mrc |power |age )?([0-9]+(?:\.[0-9]+)?|[a-z]+)\s*(\/5|\/7|\/52|\/12|[a-z]+)?(?: (?:old|ago|now))?$/.exec(
      t,
    );
  if (!m) return { ok: false };
  const [, num = "", unitRaw] = m;
  // "a" and "an" are numbers only inside a phrase ("a week"); typed alone they mean nothing.
  let n = /^[0-9]/.test(num)
    ? Number(num)
    : num === "a" || num === "an"
      ? undefined
      : EXACT_WORD_NUMBERS[num];
  if (n === undefined || !Number.isFinite(n)) return { ok: false };
  const unit = unitRaw?.trim();
  if (q.unit === "days") {
    if (unit) {
      const conv = UNIT_WEEKS.find(([re]) => re.test(unit));
      if (!conv) return { ok: false };
      n = Math.round(n * conv[1] * 7 * 100) / 100;
    }
  } else if (q.unit === "weeks") {
    if (unit) {
      const conv = UNIT_WEEKS.find(([re]) => re.test(unit));
      if (!conv) return { ok: false };
      n = Math.round(n * conv[1] * 100) / 100;
    }
  } else if (q.unit === "MRC grade") {
    if (unit && unit !== "/5") return { ok: false };
    if (!Number.isInteger(n)) return { ok: false };
  } else if (unit && !(q.unit === "years" && /^(y|yr|yrs|year|years|yo)$/.test(unit))) {
    return { ok: false };
  }
  if ((q.min !== undefined && n < q.min) || (q.max !== undefined && n > q.max)) return { ok: false };
  return { ok: true, value: n };
}

/** The finding value the rules core stores for an answer (days asked, weeks kept: divideBy). */
export function toFindingValue(q: Question, v: AnswerValue): Stored {
  if (v === "unsure") return "unsure";
  if (q.type === "bool") return v === "yes";
  if (typeof v === "number" && q.divideBy) return v / q.divideBy;
  return v;
}

/** A stored finding value as the clinician answered it ("10 days", "Yes", "Neck"). */
export function displayAnswer(q: Question, v: Stored): string {
  if (v === "unsure") return "Not sure";
  if (q.type === "bool" || typeof v === "boolean") return v === true ? "Yes" : "No";
  if (q.type === "choice") return q.choices?.find((c) => c.value === v)?.title ?? String(v);
  const asked = toAnswerValue(v, q);
  const unit = q.unit === "weeks" || q.unit === "days" ? (asked === 1 ? q.unit.slice(0, -1) : q.unit) : "";
  if (unit) return `${asked} ${unit}`;
  return q.unit === "years" ? `${asked} years` : String(asked);
}

/** The answer form of a stored finding value (for prefilled confirmations). */
export function toAnswerValue(v: Stored, q?: Question): AnswerValue {
  if (v === true) return "yes";
  if (v === false) return "no";
  if (typeof v === "number" && q?.divideBy) return Math.round(v * q.divideBy * 100) / 100;
  return v;
}
