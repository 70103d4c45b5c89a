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
  // `kept` stays in text order and free of overlaps, so one binary search finds any clash.
  const kept: T[] = [];
  for (const s of sorted) {
    const i = firstEndingAfter(kept, s.start);
    const next = kept[i];
    if (next && next.start < s.end) continue;
    kept.splice(i, 0, s);
  }
  return kept;
}

// The helpers below take spans in text order that do not overlap one another (what
// longestNonOverlapping returns), so starts and ends both rise and a binary search stands in for
// a scan of the whole list: a long message must not cost time growing with its length squared.

/** Index of the first span that ends after `at` (the list's length if none does). */
export function firstEndingAfter(sorted: readonly Span[], at: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as Span).end > at) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Index of the first span that starts at or after `at` (the list's length if none does). */
export function firstStartingFrom(sorted: readonly Span[], at: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as Span).start >= at) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The spans of the list that overlap `s`, in text order. */
export function overlapping<T extends Span>(sorted: readonly T[], s: Span): T[] {
  const out: T[] = [];
  for (let i = firstEndingAfter(sorted, s.start); i < sorted.length; i++) {
    const t = sorted[i] as T;
    if (t.start >= s.end) break;
    out.push(t);
  }
  return out;
}

/** Whether any span of the list overlaps `s`. */
export function overlapsAny(sorted: readonly Span[], s: Span): boolean {
  const t = sorted[firstEndingAfter(sorted, s.start)];
  return t !== undefined && t.start < s.end;
}

/**
 * "Does any of these spans overlap this one?" in log time, for spans that may overlap one another
 * (findings and numbers read by different patterns).
 */
export function overlapIndex(spans: readonly Span[]): (s: Span) => boolean {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  // The furthest end among the first i + 1 spans: whether one of them reaches past a point.
  const reach: number[] = [];
  let furthest = Number.NEGATIVE_INFINITY;
  for (const t of sorted) {
    furthest = Math.max(furthest, t.end);
    reach.push(furthest);
  }
  return (s) => {
    const last = firstStartingFrom(sorted, s.end) - 1;
    return last >= 0 && (reach[last] as number) > s.start;
  };
}
