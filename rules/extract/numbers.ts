import { firstEndingAfter, overlapIndex, type Span } from "./text.js";

// Numbers clinicians type: age ("58M", "F 45", "62 yo"), power grades ("4/5", "MRC 3") and
// durations ("3/52", "5/7", "10 days", "2 wks"), each with the span it came from.

export interface NumberHit extends Span {
  value: number;
}

/** Number words with one exact value; a typed answer accepts only these. */
export const EXACT_WORD_NUMBERS: Readonly<Record<string, number>> = {
  zero: 0,
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};

// Vague amounts ("a few weeks", "a couple of weeks", "several days") are not read: a duration can
// lower urgency (three weeks of saddle numbness is not acute), so one the text does not state is
// asked, never guessed. "A fortnight" is exact.

// Weeks per unit. "/52" weeks, "/12" months, "/7" days, "/24" hours, as in clinical shorthand.
const UNIT_WEEKS: Array<[RegExp, number]> = [
  [/^(?:h|hrs?|hours?)$/, 1 / 168],
  [/^(?:d|dys?|days?|\/7)$/, 1 / 7],
  [/^(?:w|wks?|weeks?|\/52)$/, 1],
  [/^fortnights?$/, 2],
  [/^(?:m|mo|mths?|mnths?|months?|\/12)$/, 52 / 12],
  [/^(?:yrs?|years?)$/, 52],
  [/^\/24$/, 1 / 168],
];

const round = (n: number) => Math.round(n * 1000) / 1000;

function weeksOf(amount: number, unit: string): number | undefined {
  const u = unit.replace(/\s+/g, "");
  for (const [re, w] of UNIT_WEEKS) if (re.test(u)) return round(amount * w);
  return undefined;
}

function amountOf(word: string): number {
  const n = Number(word);
  return Number.isFinite(n) ? n : (EXACT_WORD_NUMBERS[word.trim()] ?? Number.NaN);
}

// --- power grades ---------------------------------------------------------------------------
const POWER = [
  // "4/5", "4+/5", "power 3/5"; not "L4/5" (a disc level) and not a date like "3/5/2020".
  /(?<![a-z0-9/.])(?:(?:power|mrc(?: grade)?|grade)\s*(?:of\s*)?)?([0-5])[+-]?\s*\/\s*5(?![\d/])/g,
  /(?<![a-z0-9/.])(?:power|mrc(?: grade)?|power grade)\s*(?:of\s*|is\s*|=\s*|:\s*)?([0-5])(?![\d/.])/g,
  /(?<![a-z0-9/.])grade\s*([0-5])\s+(?:power|weakness)/g,
];

export function findPowerGrades(lower: string): NumberHit[] {
  const out: NumberHit[] = [];
  // The same grades in text order, for a binary-search overlap check.
  const inOrder: NumberHit[] = [];
  for (const re of POWER) {
    for (const m of lower.matchAll(re)) {
      const start = m.index ?? 0;
      const hit = { start, end: start + m[0].length, value: Number(m[1]) };
      const i = firstEndingAfter(inOrder, hit.start);
      const next = inOrder[i];
      if (next && next.start < hit.end) continue;
      inOrder.splice(i, 0, hit);
      out.push(hit);
    }
  }
  return out;
}

// --- age -------------------------------------------------------------------------------------
const AGE_SUFFIX =
  "(?:yo|y/o|y\\.o\\.?|yrs? old|years? old|-year-old|-yr-old|yr-old|year-old|m|f|male|female|man|woman|lady|gent|gentleman|boy|girl|y|yr|yrs)";
const AGE_PATTERNS = [
  new RegExp(`(?<![a-z0-9/.])(\\d{1,3})\\s?${AGE_SUFFIX}(?![a-z0-9/])`, "g"),
  /(?<![a-z0-9/])(?:m|f|male|female)\s?(\d{1,3})(?![\d/a-z.])/g,
  /(?<![a-z0-9])(?:aged|age|age:)\s*(\d{1,3})(?![\d/])/g,
];
const NOT_AGE_BEFORE = /(?:from|of|over|for|x|last|past|since|>|<|~|approx\.?)\s*$/;
const YEARS_ONLY = /(?:y|yr|yrs)$/;

export function findAge(lower: string): NumberHit | undefined {
  const found: NumberHit[] = [];
  for (const re of AGE_PATTERNS) {
    for (const m of lower.matchAll(re)) {
      const start = m.index ?? 0;
      const value = Number(m[1]);
      const text = m[0];
      const before = lower.slice(Math.max(0, start - 12), start);
      if (value > 110 || NOT_AGE_BEFORE.test(before)) continue;
      // "3m hx" is three months; from 16 up "67M hx renal ca" is a 67-year-old man (the bot's
      // scope starts at 16, and longer spans are written "18/12" or "18 months"; "18m ago" still is).
      if (/\d\s?m$/.test(text) && (value < 16 || /^\s*ago/.test(lower.slice(start + text.length)))) continue;
      if (YEARS_ONLY.test(text) && value < 16) continue;
      found.push({ start, end: start + text.length, value });
    }
  }
  return found.sort((a, b) => a.start - b.start)[0];
}

// --- durations -------------------------------------------------------------------------------
const NUM = "\\d+(?:\\.\\d+)?";
const WORD_NUM = "an|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve";
const DURATIONS: Array<{ re: RegExp; weeks: (m: RegExpExecArray) => number | undefined }> = [
  {
    // "3/52", "2-3/52" (the lower bound: the more recent onset is the more urgent reading).
    re: new RegExp(`(?<![a-z0-9/.])(${NUM})(?:\\s*-\\s*${NUM})?\\s*(/)\\s*(52|12|7|24)(?![\\d/])`, "g"),
    weeks: (m) => weeksOf(amountOf(m[1] ?? ""), `/${m[3]}`),
  },
  {
    re: new RegExp(
      `(?<![a-wyz0-9/.])(${NUM})(?:\\s*(?:-|to)\\s*${NUM})?\\s*-?\\s*(days?|dys?|d|wks?|weeks?|w|fortnights?|months?|mths?|mnths?|mo|m|years?|yrs?|hours?|hrs?|h)(?![a-z])`,
      "g",
    ),
    weeks: (m) => weeksOf(amountOf(m[1] ?? ""), m[2] ?? ""),
  },
  {
    re: new RegExp(
      `(?<![a-z0-9])(${WORD_NUM})\\s+(days?|weeks?|fortnights?|months?|years?|hours?)(?![a-z])`,
      "g",
    ),
    weeks: (m) => weeksOf(amountOf(m[1] ?? ""), m[2] ?? ""),
  },
  { re: /(?<![a-z])(?:since )?yesterday(?![a-z])/g, weeks: () => round(1 / 7) },
  {
    re: /(?<![a-z])(?:since )?(?:today|this morning|this am|this afternoon|this evening|tonight|last night|overnight)(?![a-z])/g,
    weeks: () => 0,
  },
  { re: /(?<![a-z])last week(?![a-z])/g, weeks: () => 1 },
];

export function findDurations(lower: string, taken: readonly Span[]): NumberHit[] {
  const isTaken = overlapIndex(taken);
  // In text order and free of overlaps, so a binary search finds a clash.
  const out: NumberHit[] = [];
  for (const { re, weeks } of DURATIONS) {
    for (const m of lower.matchAll(re)) {
      const start = m.index ?? 0;
      const hit = { start, end: start + m[0].length, value: weeks(m) ?? Number.NaN };
      if (!Number.isFinite(hit.value) || isTaken(hit)) continue;
      const i = firstEndingAfter(out, hit.start);
      const next = out[i];
      if (next && next.start < hit.end) continue;
      out.splice(i, 0, hit);
    }
  }
  return out;
}
