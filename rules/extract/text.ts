// Text helpers shared by the extractor. Everything works on a lower-cased copy that keeps every
// character at its index, so a match can be sliced out of the original text as evidence.

export function lowerSameLength(text: string): string {
  let out = "";
  for (const ch of text) {
    const lower = ch.toLowerCase();
    out += lower.length === ch.length ? lower : ch;
  }
  return out;
}

export interface Span {
  start: number;
  end: number;
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Splits a pattern at its top-level "|" so each alternative can compete on length. */
function alternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === "]") inClass = false;
    } else if (ch === "[") inClass = true;
    else if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (ch === "|" && depth === 0) {
      out.push(source.slice(from, i));
      from = i + 1;
    }
  }
  out.push(source.slice(from));
  return out.filter((a) => a.length > 0);
}

// A word edge only where the pattern's own edge is a letter or digit: "?CES" and "#NOF" still match.
const EDGE_START = "(?:(?![a-z0-9])|(?<![a-z0-9]))";
const EDGE_END = "(?:(?<![a-z0-9])|(?![a-z0-9]))";

/** One global regex per top-level alternative of the pattern, each matched at word edges. */
export function compileWords(source: string): RegExp[] {
  return alternatives(source).map((alt) => new RegExp(`${EDGE_START}(?:${alt})${EDGE_END}`, "g"));
}

/** Every match of any alternative, overlapping ones included (callers choose). */
export function allMatches(lower: string, regexes: readonly RegExp[]): Span[] {
  const out: Span[] = [];
  for (const re of regexes) {
    for (const m of lower.matchAll(re)) {
      if (m[0].length === 0) continue;
      const start = m.index ?? 0;
      out.push({ start, end: start + m[0].length });
    }
  }
  return out;
}

/** Longest first, then leftmost; keeps only spans that overlap nothing already kept. */
export function longestNonOverlapping<T extends Span>(spans: readonly T[]): T[] {
  const sorted = [...spans].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: T[] = [];
  for (const s of sorted) if (!kept.some((k) => overlaps(k, s))) kept.push(s);
  return kept.sort((a, b) => a.start - b.start);
}
