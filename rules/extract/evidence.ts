import type { Span } from "./text.js";

// Evidence is kept in conversation state (the words behind a prefilled answer) and shown back to
// the clinician, so it holds only the words that carry the reading: the finding's own phrase, its
// cue ("denies"), its number ("3/52"). Whatever was typed between them is left out, since a name, a
// date or a phone number is often exactly there ("denies saddle anaesthesia, Jo Bloggs 07/1961, or
// bladder problems"). Each piece is a substring of the message; pieces that are not adjacent are
// joined with EVIDENCE_JOIN, and the whole is cut to EVIDENCE_MAX characters.

export const EVIDENCE_MAX = 60;
export const EVIDENCE_JOIN = " … ";

// Pieces this close are cited as one run of text ("saddle: no", "numbness, worsening"): spaces and
// punctuation can carry no identifier.
const ADJACENT = /^[\s,:;=/&+()\-–]{0,3}$/;

/**
 * The words of `pieces` as one short string, never including any part of `hidden` (identifier
 * spans), even where a piece runs across one.
 */
export function citeWords(text: string, pieces: readonly Span[], hidden: readonly Span[]): string {
  const sorted = [...pieces].sort((a, b) => a.start - b.start);
  const runs: Span[] = [];
  for (const p of sorted) {
    const last = runs.at(-1);
    if (last && (p.start <= last.end || ADJACENT.test(text.slice(last.end, p.start)))) {
      last.end = Math.max(last.end, p.end);
    } else runs.push({ start: p.start, end: p.end });
  }
  const words = runs
    .flatMap((r) => without(r, hidden))
    .map((r) => text.slice(r.start, r.end).trim())
    .filter((w) => w.length > 0);
  return fitToLimit(words).join(EVIDENCE_JOIN);
}

/** The parts of `span` outside every hidden span. */
function without(span: Span, hidden: readonly Span[]): Span[] {
  let parts: Span[] = [span];
  for (const h of hidden) {
    if (h.end <= span.start || h.start >= span.end) continue;
    parts = parts.flatMap((p) =>
      h.end <= p.start || h.start >= p.end
        ? [p]
        : [
            { start: p.start, end: h.start },
            { start: h.end, end: p.end },
          ].filter((q) => q.end > q.start),
    );
  }
  return parts;
}

/** Shortens the longest piece, keeping its opening words, until the whole fits EVIDENCE_MAX. */
function fitToLimit(words: string[]): string[] {
  const out = [...words];
  for (;;) {
    const excess = out.join(EVIDENCE_JOIN).length - EVIDENCE_MAX;
    if (excess <= 0) return out;
    let i = 0;
    for (let k = 1; k < out.length; k++) if ((out[k] as string).length > (out[i] as string).length) i = k;
    const w = out[i] as string;
    if (w.length <= 1) return out.slice(0, 1);
    const keep = Math.max(1, w.length - excess);
    // At a word edge where there is one, else mid-word; either way still a part of the message.
    const atWord = w.slice(0, keep + 1).replace(/\s+\S*$/, "");
    out[i] = (atWord.length > 0 && atWord.length <= keep ? atWord : w.slice(0, keep)).trimEnd();
  }
}
