import {
  POST_DOUBT,
  POST_FILLER,
  POST_LIST_JOINER,
  POST_NEGATIVE,
  POST_POSITIVE,
  POST_SHORT_NEGATIVE,
  POST_SHORT_POSITIVE,
} from "./cues.js";
import type { Polarity } from "./phrases.js";
import type { Cue, PhraseHit, Scan } from "./scan.js";
import { firstStartingFrom, type Span } from "./text.js";

// Decides whether each mentioned finding is present, absent or in doubt, from the cues around it.

export interface Reading {
  value: Polarity;
  /** From the cue to the finding, everything between included: for reasoning, never for display. */
  span: Span;
  /** What to cite: the finding's own words and the cue's, not the text between them. */
  words: Span[];
}

// How far a cue reaches. Every backward or forward look is cut to a window so reading a message
// costs time in proportion to its length: a pasted letter must not hold up the bot server. A
// clinician's negated list is far shorter than this ("no saddle numbness, retention or
// incontinence" is 45 characters).
export const CUE_REACH = 160;
const LIST_REACH = 160;
const JOINED_MAX = 12;

const CLAUSE_END = "(?=\\s*(?:[.,;:!?\\n)]|$|and(?![a-z])|but(?![a-z])))";
const WORD_END = "(?:(?<![a-z0-9])|(?![a-z0-9]))";
const sticky = (src: string) => new RegExp(src, "y");
const JOINER = sticky(POST_LIST_JOINER);
// The answer word is the last group: the filler before it ("are both") is not cited.
const POST: Array<{ re: RegExp; value: Polarity }> = [
  { re: sticky(`${POST_FILLER}((?:${POST_DOUBT})${WORD_END})`), value: "unsure" },
  { re: sticky(`${POST_FILLER}((?:${POST_NEGATIVE})${WORD_END})`), value: false },
  { re: sticky(`${POST_FILLER}((?:${POST_SHORT_NEGATIVE})${WORD_END})${CLAUSE_END}`), value: false },
  { re: sticky(`${POST_FILLER}((?:${POST_POSITIVE})${WORD_END})`), value: true },
  { re: sticky(`${POST_FILLER}((?:${POST_SHORT_POSITIVE})${WORD_END})${CLAUSE_END}`), value: true },
];
// What may stand between "?" and the finding it questions: other findings of the same list.
// "not sure if it's a fracture": the doubt reaches over the words that introduce the finding, and
// over the person it is about ("doesn't know her cancer history", "can't remember if she's had").
const LIST_GAP =
  /^[\s,/&+-]*(?:(?:if|whether)\s+)?(?:(?:it'?s|it is|this is|there'?s|there is|a|an|the|some|his|her|their|pt'?s|patient'?s|(?:she|he|they)(?:'s|'d|'ve)?|ever|any|still|currently|to)\s+)*(?:(?:and|or|nor)[\s,/&+-]*)*$/;

/** The text from `from` to `to` with each finding wholly inside it replaced by a space. */
function gapWithoutHits(lower: string, from: number, to: number, hits: readonly PhraseHit[]): string {
  let out = "";
  let at = from;
  for (let i = firstStartingFrom(hits, from); i < hits.length; i++) {
    const h = hits[i] as PhraseHit;
    // Hits do not overlap, so once one ends past `to` every later one does too.
    if (h.end > to) break;
    out += `${lower.slice(at, h.start)} `;
    at = h.end;
  }
  return out + lower.slice(at, to);
}

// A blanket word followed by "re"/"about" hands its cue on: "no concerns re CES".
const HANDS_ON = /^\s*(?:re|about|regarding|for|of|re:)\s*$/;

/** The cues that start before the hit and within reach of it, nearest (latest ending) first. */
function cuesBefore(hit: PhraseHit, cues: readonly Cue[]): Cue[] {
  const out: Cue[] = [];
  for (let i = firstStartingFrom(cues, hit.start) - 1; i >= 0; i--) {
    const c = cues[i] as Cue;
    if (c.start < hit.start - CUE_REACH) break;
    out.push(c);
  }
  return out.sort((a, b) => b.end - a.end);
}

function prefixCue(lower: string, hit: PhraseHit, s: Scan): Cue | undefined {
  let from = hit.start;
  for (const c of cuesBefore(hit, s.cues)) {
    if (c.kind === "breaker") return undefined;
    if (c.kind === "generic") {
      if (!HANDS_ON.test(gapWithoutHits(lower, c.end, from, s.hits))) return undefined;
      from = c.start;
      continue;
    }
    // Doubt words reach only the finding they stand by, or a list of findings right after them.
    if (c.kind === "doubter" && !LIST_GAP.test(gapWithoutHits(lower, c.end, hit.start, s.hits)))
      return undefined;
    // Across a comma a cue carries on only through a list that closes with "or"/"nor":
    // "no saddle numbness, retention or incontinence", not "no retention, sciatica R leg 8/52".
    const gap = gapWithoutHits(lower, Math.min(c.end, hit.start), hit.start, s.hits);
    if (gap.includes(",") && !inClosedList(lower, hit, s)) return undefined;
    return c;
  }
  return undefined;
}

// Hits stand as "H" so a list reads as its shape: "H, H or H".
const LIST_GOES_ON = /^(?:\s+[a-z]+){0,2}(?:\s*,\s*H(?:\s+[a-z]+){0,2})*\s*,?\s*(?:or|nor)\s+H/;
const LIST_CLOSER_BEFORE = /^\s*(?:or|nor)\s*$/;
const OWN_CLOSER = /\s(?:or|nor)\s/;

/**
 * Whether the finding after a comma is an item of a list that closes with "or"/"nor": either the
 * closing item itself (", or incontinence") or an item the list carries on from (", retention or
 * incontinence"). "no retention or incontinence, sciatica 3/12": the sciatica is a new element.
 */
function inClosedList(lower: string, hit: PhraseHit, s: Scan): boolean {
  // "denies saddle anaesthesia, urinary or bowel change": the closing "or" is inside the finding's
  // own words, so the finding is the list's last item.
  if (OWN_CLOSER.test(lower.slice(hit.start, hit.end))) return true;
  // Only called with a comma between the cue and the hit, so this search stays within reach.
  const comma = lower.lastIndexOf(",", hit.start - 1);
  if (LIST_CLOSER_BEFORE.test(gapWithoutHits(lower, comma + 1, hit.start, s.hits))) return true;
  const limit = Math.min(lower.length, hit.end + LIST_REACH);
  let after = "";
  let at = hit.end;
  for (let i = firstStartingFrom(s.hits, hit.end); i < s.hits.length; i++) {
    const h = s.hits[i] as PhraseHit;
    if (h.start >= limit) break;
    after += `${lower.slice(at, h.start)}H`;
    at = h.end;
  }
  after += lower.slice(at, Math.max(at, limit));
  return LIST_GOES_ON.test(after);
}

/** The hit that starts exactly at `at`, if any. */
function hitAt(hits: readonly PhraseHit[], at: number): PhraseHit | undefined {
  const h = hits[firstStartingFrom(hits, at)];
  return h?.start === at ? h : undefined;
}

function postCue(lower: string, hit: PhraseHit, hits: readonly PhraseHit[]): Reading | undefined {
  let at = hit.end;
  // Walk over findings joined to this one: "bladder and bowel normal", "saddle/bladder nil".
  for (let joined = 0; joined < JOINED_MAX; joined++) {
    JOINER.lastIndex = at;
    const j = JOINER.exec(lower);
    const next = j ? hitAt(hits, at + j[0].length) : undefined;
    if (!j || !next) break;
    at = next.end;
  }
  for (const { re, value } of POST) {
    re.lastIndex = at;
    const m = re.exec(lower);
    if (!m) continue;
    const end = at + m[0].length;
    const answer = { start: end - (m[1] ?? "").length, end };
    return { value, span: { start: hit.start, end }, words: [{ start: hit.start, end: hit.end }, answer] };
  }
  return undefined;
}

export function readHit(lower: string, hit: PhraseHit, s: Scan): Reading {
  const post = postCue(lower, hit, s.hits);
  const cue = prefixCue(lower, hit, s);
  // "not sure if bladder ok": the doubt governs the whole clause, so its "ok" is no denial.
  if (post?.value === false && cue?.kind === "doubter")
    return {
      value: "unsure",
      span: { start: cue.start, end: post.span.end },
      words: [{ start: cue.start, end: cue.end }, ...post.words],
    };
  if (post) return post;
  const own = { start: hit.start, end: hit.end };
  if (cue)
    return {
      value: cue.kind === "negator" ? false : "unsure",
      span: { start: cue.start, end: hit.end },
      words: [{ start: cue.start, end: cue.end }, own],
    };
  const says = hit.phrase.says;
  const value = typeof says === "function" ? says(lower.slice(hit.start, hit.end)) : (says ?? true);
  return { value, span: own, words: [own] };
}
