import { isValidNhsNumber } from "./nhs-number.js";

// Patient identifiers the bot must never keep (RULES.md principle 7). Positions only: callers
// redact or mask, nothing here stores the matched text.

export type IdentifierKind = "nhs_number" | "date_of_birth" | "phone" | "email" | "postcode" | "name";

export interface IdentifierSpan {
  kind: IdentifierKind;
  start: number;
  end: number;
}

interface Detector {
  kind: IdentifierKind;
  re: RegExp;
  /** Which capture group is the identifier (default: the whole match). */
  group?: number;
  accept?: (m: RegExpExecArray) => boolean;
}

const MONTH = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?";
const NUMERIC_DATE = "\\d{1,2}[./-]\\d{1,2}[./-](?:\\d{4}|\\d{2})";
const WORDED_DATE = `\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH},?\\s+\\d{2,4}`;
const DOB_LABEL = "(?:d\\.?o\\.?b\\.?|date of birth|born(?:\\s+on|\\s+in)?)\\s*[:=-]?\\s*";

// Inward postcodes never use C, I, K, M, O or V, which keeps "S1 4wk" and the like out.
const POSTCODE = "(?<![a-z0-9])([a-z]{1,2}\\d[a-z\\d]?)\\s+(\\d[abd-hjlnp-uw-z]{2})(?![a-z0-9])";
const ORDINAL = /^\d(?:st|nd|rd|th)$/i;

const NAME_WORD = "[A-Z][a-z'’-]+";
// A lowercase word after a lowercase title is taken as a name unless it is an ordinary word.
const NOT_NAMES = new Set(
  "with has had is was and the a an to of for on in at says said thinks reports wants asked".split(" "),
);

const DETECTORS: Detector[] = [
  { kind: "email", re: /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/gi },
  {
    kind: "nhs_number",
    re: /(?<![\d/.])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d/])/g,
    accept: (m) => isValidNhsNumber(`${m[1]}${m[2]}${m[3]}`),
  },
  {
    kind: "phone",
    re: /(?<![\d/+.])(?:\+44\s?(?:\(0\)\s?)?\d(?:[\s-]?\d){8,9}|\(0\d{2,4}\)\s?\d{3,4}[\s-]?\d{3,4}|0\d(?:[\s-]?\d){8,9})(?![\d/])/g,
  },
  {
    kind: "date_of_birth",
    re: new RegExp(`${DOB_LABEL}(${NUMERIC_DATE}|${WORDED_DATE}|(?:19|20)\\d{2})(?![\\d/])`, "gi"),
    group: 1,
  },
  // A full date with a four-digit year is treated as a possible date of birth wherever it is:
  // clinical queries need no dates, and a missed DOB is worse than a redacted appointment date.
  { kind: "date_of_birth", re: /(?<![\d/.])\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d{2}(?![\d/])/g },
  {
    kind: "date_of_birth",
    re: new RegExp(`(?<![a-z0-9])${WORDED_DATE.replace("\\d{2,4}", "(?:19|20)\\d{2}")}`, "gi"),
  },
  {
    kind: "postcode",
    re: new RegExp(POSTCODE, "gi"),
    accept: (m) => !ORDINAL.test(m[2] ?? ""),
  },
  {
    kind: "name",
    re: new RegExp(
      `\\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\\.?\\s+((?:[A-Z]\\.?\\s+)?${NAME_WORD}(?:[ -]${NAME_WORD})?)`,
      "g",
    ),
    group: 1,
  },
  {
    kind: "name",
    re: /(?<![?a-z])(?:mr|mrs)\.?\s+([a-z][a-z'’-]+)/g,
    group: 1,
    accept: (m) => !NOT_NAMES.has((m[1] ?? "").toLowerCase()),
  },
  {
    kind: "name",
    re: /\b(?:patient|pt)?\s*name\s*[:=-]\s*([A-Za-z][A-Za-z'’-]+(?:\s+[A-Z][A-Za-z'’-]+)?)/gi,
    group: 1,
  },
];

function spansOf(text: string, d: Detector): IdentifierSpan[] {
  const out: IdentifierSpan[] = [];
  for (const m of text.matchAll(d.re)) {
    if (d.accept && !d.accept(m)) continue;
    const whole = m[0];
    const part = d.group === undefined ? whole : m[d.group];
    if (!part) continue;
    const start = (m.index ?? 0) + (d.group === undefined ? 0 : whole.lastIndexOf(part));
    out.push({ kind: d.kind, start, end: start + part.length });
  }
  return out;
}

/** Every identifier, earlier detectors winning overlaps (an NHS number is not also a phone number). */
export function findIdentifiers(text: string): IdentifierSpan[] {
  const taken: IdentifierSpan[] = [];
  for (const d of DETECTORS) {
    for (const s of spansOf(text, d)) {
      if (!taken.some((t) => s.start < t.end && t.start < s.end)) taken.push(s);
    }
  }
  return taken.sort((a, b) => a.start - b.start);
}

const PLACEHOLDER: Record<IdentifierKind, string> = {
  nhs_number: "[nhs number removed]",
  date_of_birth: "[date of birth removed]",
  phone: "[phone number removed]",
  email: "[email removed]",
  postcode: "[postcode removed]",
  name: "[name removed]",
};

export function redactIdentifiers(text: string): string {
  let out = "";
  let at = 0;
  for (const s of findIdentifiers(text)) {
    out += text.slice(at, s.start) + PLACEHOLDER[s.kind];
    at = s.end;
  }
  return out + text.slice(at);
}

/**
 * Same length as the input with identifiers blanked, so finding positions stay valid. Spans are in
 * text order (as findIdentifiers returns them); any part past the end of `text` is ignored.
 */
export function maskIdentifiers(text: string, spans: readonly IdentifierSpan[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const s of spans) {
    const start = Math.min(Math.max(s.start, at), text.length);
    const end = Math.min(s.end, text.length);
    if (end <= start) continue;
    parts.push(text.slice(at, start), " ".repeat(end - start));
    at = end;
  }
  parts.push(text.slice(at));
  return parts.join("");
}
