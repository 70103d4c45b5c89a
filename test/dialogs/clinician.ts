import type { Activity } from "botbuilder";
import type { Pack } from "../../rules/packs/index.js";
import type { Findings } from "../../rules/vocabulary.js";
import { lastOutcome, lastQuestion, type OutcomeEntity, screenItemsOf } from "./replies.js";

// A simulated clinician who knows a case's findings and answers whatever the bot asks, by card
// submit or by typing, over any transport (TestAdapter or HTTP). It knows nothing of the rules
// core's order: it only reads the question stamp on each card.

type Reply = Partial<Activity>;
export type Say = (activity: Partial<Activity>) => Promise<Reply[]>;
export type Answer = boolean | number | string;

export interface Played {
  /** Question ids in the order the bot asked them. */
  asked: string[];
  /** What the clinician answered, as rules-core finding values ("unsure" for not sure). */
  answers: Findings;
  /** Each step: what was said and the replies it got. */
  transcript: Array<{ said: Partial<Activity>; replies: Reply[] }>;
  outcome: OutcomeEntity | undefined;
  /** Outcome entities shown along the way (an emergency shows one before its last question). */
  outcomes: OutcomeEntity[];
  /** How many answers the clinician gave (a screen is one). */
  taps: number;
}

/** The answer a clinician who knows exactly these findings gives; missing details follow the pack. */
export function answerFrom(pack: Pack, findings: Findings, borough?: string) {
  return (questionId: string): Answer => {
    const given = (findings as Record<string, unknown>)[questionId];
    if (given !== undefined) return given as Answer;
    if (questionId === "borough") return borough ?? "unsure";
    const q = pack.questionById.get(questionId as never);
    if (q?.public.type === "bool" && q.data.absentMeans !== "unsure") return false;
    return "unsure";
  };
}

const TYPED_BOOL = { true: ["yes", "y", "yep"], false: ["no", "nope", "n"] };
const TYPED_AREA: Record<string, string> = {
  lumbar: "lower back",
  thoracic: "mid back",
  cervical: "neck",
  limb: "knee",
};

/** The words a clinician might type for an answer (varied by step so several forms are exercised). */
export function typed(pack: Pack, questionId: string, value: Answer, step: number): string {
  const q = pack.questionById.get(questionId as never)?.public;
  if (value === "unsure") return step % 2 ? "not sure" : "don't know";
  if (typeof value === "boolean") {
    const words = TYPED_BOOL[String(value) as "true" | "false"];
    return words[step % words.length] as string;
  }
  if (q?.type === "choice") return TYPED_AREA[String(value)] ?? String(value).replace(/_/g, " ");
  if (q?.unit === "weeks") return `${value} weeks`;
  if (q?.unit === "days") return `${value} days`;
  return String(value);
}

/** The `value` Teams sends for a card submit (Input.Number arrives as a string). */
export function submitted(questionId: string, value: Answer, pack?: Pack): Record<string, unknown> {
  // A finding kept in weeks but asked in days is entered in days, as the card asks.
  const q = pack?.questionById.get(questionId as never)?.public;
  const asked = typeof value === "number" && q?.divideBy ? Math.round(value * q.divideBy * 100) / 100 : value;
  const answer = typeof asked === "boolean" ? (asked ? "yes" : "no") : String(asked);
  return { questionId, answer };
}

export interface PlayOptions {
  /** How answers are given: card submits, typed words, or alternating. */
  mode?: "submit" | "typed" | "mixed";
  /** The first message (default "triage"). */
  opening?: string;
  /** Upper bound on questions; more means the conversation looped. */
  maxSteps?: number;
  /**
   * Messages the bot updated in place so far (the TestAdapter keeps them apart from replies): the
   * final outcome replaces an emergency card shown early.
   */
  updates?: () => Array<Partial<Activity>>;
}

export async function play(
  say: Say,
  pack: Pack,
  answer: (questionId: string) => Answer,
  options: PlayOptions = {},
): Promise<Played> {
  const mode = options.mode ?? "submit";
  const max = options.maxSteps ?? pack.questions.length + 2;
  const transcript: Played["transcript"] = [];
  const opening: Partial<Activity> = { type: "message", text: options.opening ?? "triage" };
  let replies = await say(opening);
  transcript.push({ said: opening, replies });
  const asked: string[] = [];
  const answers: Record<string, Answer> = {};
  const outcomes = replies.map(lastOutcomeOf).filter((o) => o !== undefined);
  let finalFromUpdate: OutcomeEntity | undefined;

  let seenUpdates = options.updates?.().length ?? 0;
  let taps = 0;
  const answered = new Set<string>();
  for (let step = 0; step < max; step++) {
    const last = replies.filter((r) => lastQuestion([r]) !== undefined).at(-1);
    const id = last ? lastQuestion([last]) : undefined;
    if (!id || !last) break;
    const items = screenItemsOf(last);
    let said: Partial<Activity>;
    if (items) {
      // A screen: tick what is present; any item unsure means "Not sure: ask one by one".
      const values = items.map((item) => [item, answer(item)] as const);
      const ticked = values.filter(([, v]) => v === true).map(([item]) => item);
      const button = values.some(([, v]) => v === "unsure") ? "unsure" : ticked.length ? "these" : "none";
      for (const [item, v] of values) {
        if (item in answers) throw new Error(`the screen listed ${item}, already answered`);
        asked.push(item);
        if (v === true || button !== "unsure") answers[item] = v === true;
      }
      said = { type: "message", value: { questionId: id, answer: button, items: ticked.join(",") } };
    } else {
      if (id in answers) throw new Error(`the bot asked ${id} again: ${asked.join(", ")}`);
      if (!asked.includes(id)) asked.push(id);
      const value = answer(id);
      answers[id] = value;
      // A number kept in another unit than asked (CES onset kept in weeks, asked in days).
      const q = pack.questionById.get(id as never)?.public;
      const given = typeof value === "number" && q?.divideBy ? value * q.divideBy : value;
      const useSubmit = mode === "submit" || (mode === "mixed" && step % 2 === 0);
      said = useSubmit
        ? { type: "message", value: submitted(id, given) }
        : { type: "message", text: typed(pack, id, given, step) };
    }
    answered.add(id);
    taps += 1;
    replies = await say(said);
    transcript.push({ said, replies });
    outcomes.push(...replies.map(lastOutcomeOf).filter((o) => o !== undefined));
    const updates = options.updates?.() ?? [];
    const updatedOutcomes = updates
      .slice(seenUpdates)
      .map(lastOutcomeOf)
      .filter((o) => o !== undefined);
    seenUpdates = updates.length;
    if (updatedOutcomes.length > 0) {
      outcomes.push(...updatedOutcomes);
      if (!lastOutcome(replies)) finalFromUpdate = updatedOutcomes.at(-1);
    }
  }
  if (lastQuestion(replies)) throw new Error(`no outcome after ${max} questions: ${asked.join(", ")}`);
  return {
    asked,
    answers: answers as Findings,
    transcript,
    outcome: lastOutcome(replies) ?? finalFromUpdate,
    outcomes,
    taps,
  };
}

function lastOutcomeOf(reply: Reply): OutcomeEntity | undefined {
  return lastOutcome([reply]);
}
