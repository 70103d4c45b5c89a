import { z } from "zod";
import type { AnswerValue } from "../cards/views.js";
import type { Question, QuestionType } from "../rules/outcome.js";

// What an answer to each kind of question may be, as zod schemas built from the pack's question.
// Every answer, submitted or typed, passes through `fitsQuestion` before it is recorded: a value of
// the wrong kind (a number to a yes/no question, a number for the body area) is never an answer.
// A new kind of question adds one entry to SCHEMAS; the compiler refuses a kind without one.

type SchemaFor = (q: Question) => z.ZodType<AnswerValue>;

const unsure = z.literal("unsure");

const boolAnswer: SchemaFor = () => z.enum(["yes", "no", "unsure"]);

const choiceAnswer: SchemaFor = (q) => {
  const values = (q.choices ?? []).map((c) => c.value).filter((v) => v !== "unsure");
  return values.length > 0 ? z.union([unsure, z.enum(values as [string, ...string[]])]) : unsure;
};

const numberAnswer: SchemaFor = (q) => {
  let n = z.number().finite();
  if (q.min !== undefined) n = n.min(q.min);
  if (q.max !== undefined) n = n.max(q.max);
  // Grades are whole numbers on their scale; 3.5 is not an MRC grade.
  const value = q.unit === "MRC grade" ? n.int() : n;
  return z.union([unsure, value]);
};

const SCHEMAS: Record<QuestionType, SchemaFor> = {
  bool: boolAnswer,
  choice: choiceAnswer,
  number: numberAnswer,
};

const cache = new WeakMap<Question, z.ZodType<AnswerValue>>();

/** The schema an answer to this question must satisfy. */
export function answerSchema(q: Question): z.ZodType<AnswerValue> {
  let s = cache.get(q);
  if (!s) {
    const make = SCHEMAS[q.type];
    // A question kind the bot does not know can have no valid answer: it is asked again, never guessed.
    s = make ? make(q) : z.never();
    cache.set(q, s);
  }
  return s;
}

/** True when `value` is an answer this question can take. */
export function fitsQuestion(q: Question, value: unknown): value is AnswerValue {
  return answerSchema(q).safeParse(value).success;
}
