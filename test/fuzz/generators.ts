import type { Question } from "../../rules/outcome.js";

// Seeded generators for the server fuzz run: a small PRNG (mulberry32) and the pieces activities
// and Slack payloads are built from. The same seed gives the same run.

export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
export const chance = (rng: Rng, p: number) => rng() < p;
export const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));

const WORDS = [
  "yes",
  "no",
  "not sure",
  "y",
  "n",
  "1",
  "0",
  "0.5",
  "99",
  "-1",
  "3 weeks",
  "2/52",
  "grade 3",
  "60",
  "lower back",
  "neck",
  "knee",
  "leg",
  "back",
  "cancel",
  "restart",
  "back",
  "help",
  "triage",
  "forget me",
  "is this urgent APP?",
  "new saddle numbness",
  "urinary retention",
  "fever and iv drug use",
  "history of cancer",
  "not saddle",
  "",
  " ",
  "???",
  "<at>MSK</at>",
  "NHS 943 476 5919",
  "DOB 01/02/1960",
  "\u0000",
  "😀",
  "a".repeat(300),
];

/** A typed message: words, joined words, or noise. */
export function typedText(rng: Rng): string {
  const r = rng();
  if (r < 0.6) return pick(rng, WORDS);
  if (r < 0.85) return Array.from({ length: int(rng, 2, 6) }, () => pick(rng, WORDS)).join(" ");
  if (r < 0.95) return randomString(rng, int(rng, 1, 80));
  return "x".repeat(int(rng, 1_000, 60_000));
}

export function randomString(rng: Rng, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++)
    s += String.fromCharCode(int(rng, 0, 1) ? int(rng, 32, 126) : int(rng, 0, 0x2fff));
  return s;
}

/** Any JSON value, of bounded size and depth. */
export function jsonValue(rng: Rng, depth = 0): unknown {
  const r = rng();
  if (depth > 3 || r < 0.5) {
    return pick(rng, [
      0,
      1,
      0.5,
      99,
      -1,
      1e308,
      Number.MAX_SAFE_INTEGER,
      true,
      false,
      null,
      "",
      "yes",
      "no",
      "unsure",
      "lumbar",
      "limb",
      "3",
      "elbow",
      randomString(rng, int(rng, 0, 12)),
    ]);
  }
  if (r < 0.75) return Array.from({ length: int(rng, 0, 3) }, () => jsonValue(rng, depth + 1));
  return Object.fromEntries(
    Array.from({ length: int(rng, 0, 3) }, () => [randomString(rng, 4), jsonValue(rng, depth + 1)]),
  );
}

/** A valid answer to the question, as a card would submit it. */
export function validAnswer(rng: Rng, q: Question): string | number {
  if (chance(rng, 0.15)) return "unsure";
  if (q.type === "bool") return pick(rng, ["yes", "no"]);
  if (q.type === "choice") return pick(rng, q.choices ?? [{ value: "unsure", title: "" }]).value;
  const lo = q.min ?? 0;
  const hi = q.max ?? 120;
  return q.unit === "MRC grade"
    ? int(rng, lo, hi)
    : Math.round((lo + rng() * Math.min(hi - lo, 120)) * 10) / 10;
}

/** A submitted `answer` that may or may not fit: valid, another kind's value, or any JSON. */
export function fuzzedAnswer(rng: Rng, q: Question): unknown {
  const r = rng();
  if (r < 0.4) return validAnswer(rng, q);
  if (r < 0.6)
    return pick(rng, [1, 0, 0.5, 99, -3, 3, 6, 3.5, "1", "0", "99", "7", "true", "elbow", "lumbar", "yes"]);
  return jsonValue(rng);
}
