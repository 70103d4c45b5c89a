import { isValidNhsNumber } from "./nhs-number.js";
import { firstEndingAfter } from "./text.js";

// Patient identifiers the bot must never keep (docs/architecture.md). Positions only: callers
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
const DOB_LABEL =
  "(?:d\\.?o\\.?b\\.?|date of birth|y\\.?o\\.?b\\.?|year of birth|born(?:\\s+on|\\s+in)?)\\s*[:=-]?\\s*";
// Month names spelt out or cut short, and nothing longer ("decreased 2010" is not December).
const MONTH_NAME =
  "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
const MONTH_YEAR = `(?:0?[1-9]|1[0-2])[./-](?:\\d{4}|\\d{2})|${MONTH_NAME},?\\s+(?:\\d{4}|'?\\d{2})`;
const BIRTH_YEAR = "(?:19|20)\\d{2}";
const NOT_ONSET = "(?<!(?:since|from|until|till|started|starting|onset|began|begun)\\s+(?:in\\s+)?)";
// A month and a two-digit year with no label ("7/61") only where the year cannot be a clinical
// denominator: weeks /52, months /12, days /7, hours /24, scores out of 10, 30, 36, 40, 45, 48,
// 50, 60 or 80 (pain, ODI, Oxford scores, gestation, Snellen). Up to /30 is too common to take.
const CLINICAL_DENOMINATORS = new Set(["36", "40", "45", "48", "50", "52", "60", "80"]);

// Inward postcodes never use C, I, K, M, O or V, which keeps "S1 4wk" and the like out.
const POSTCODE = "(?<![a-z0-9])([a-z]{1,2}\\d[a-z\\d]?)\\s+(\\d[abd-hjlnp-uw-z]{2})(?![a-z0-9])";
const ORDINAL = /^\d(?:st|nd|rd|th)$/i;

const NAME_WORD = "[A-Z][a-z'’-]+";
// A lowercase word after a lowercase title is taken as a name unless it is an ordinary word.
const NOT_NAMES = new Set(
  "with has had is was and the a an to of for on in at says said thinks reports wants asked".split(" "),
);

const DETECTORS: Detector[] = [
  // Starts only where a run of address characters starts, and the local part is at most 64 of
  // them: a long run with no "@" (a pasted code or link) is then passed over once, not once per letter.
  { kind: "email", re: /(?<![a-z0-9._%+-])[a-z0-9._%+-]{1,64}@[a-z0-9.-]+\.[a-z]{2,}/gi },
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
    // "DOB 01/02/1960", "DOB 07/61", "born Jul 1961", "YOB 1961", "DOB: 1961".
    re: new RegExp(
      `${DOB_LABEL}(${NUMERIC_DATE}|${WORDED_DATE}|${MONTH_YEAR}|${BIRTH_YEAR})(?![\\d/]|\\.\\d)`,
      "gi",
    ),
    group: 1,
  },
  // A full date with a four-digit year is treated as a possible date of birth wherever it is:
  // clinical queries need no dates, and a missed DOB is worse than a redacted appointment date.
  { kind: "date_of_birth", re: /(?<![\d/.])\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d{2}(?![\d/])/g },
  {
    kind: "date_of_birth",
    re: new RegExp(`(?<![a-z0-9])${WORDED_DATE.replace("\\d{2,4}", "(?:19|20)\\d{2}")}`, "gi"),
  },
  // So is a month and a four-digit year ("07/1961", "07.1961", "July 1961"): no duration, grade
  // or score is written that way. After "since" or "onset" it dates the problem, not the patient.
  {
    kind: "date_of_birth",
    re: new RegExp(`${NOT_ONSET}(?<![\\d/.])(?:0?[1-9]|1[0-2])[./-]${BIRTH_YEAR}(?![\\d/]|\\.\\d)`, "gi"),
  },
  {
    kind: "date_of_birth",
    re: new RegExp(`${NOT_ONSET}(?<![a-z0-9])${MONTH_NAME},?\\s+${BIRTH_YEAR}(?![\\d/])`, "gi"),
  },
  {
    kind: "date_of_birth",
    // A slash only: "1.45" and "2.85" are decimals.
    re: new RegExp(`${NOT_ONSET}(?<![\\d/.a-z])(?:0?[1-9]|1[0-2])\\/(\\d{2})(?![\\d/]|\\.\\d)`, "gi"),
    accept: (m) => Number(m[1]) > 30 && !CLINICAL_DENOMINATORS.has(m[1] ?? ""),
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
  // Kept in text order, so one binary search finds a clash however many identifiers a paste holds.
  const taken: IdentifierSpan[] = [];
  for (const d of DETECTORS) {
    for (const s of spansOf(text, d)) {
      const i = firstEndingAfter(taken, s.start);
      const next = taken[i];
      if (!next || next.start >= s.end) taken.splice(i, 0, s);
    }
  }
  return taken;
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
