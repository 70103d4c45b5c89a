import type { BoolFindingId, FindingId, Findings } from "../vocabulary.js";
import { type Anchor, bindDuration, CES_IDS, MOTOR_IDS, sortAnchors } from "./binding.js";
import { findBodyArea, isNerveHit } from "./body-area.js";
import { childRedFlagWords } from "./child.js";
import {
  cesWorsening,
  lumpConcern,
  managedFractureWords,
  minorMechanismSpan,
  OLDER_AGE,
} from "./context-rules.js";
import { citeWords } from "./evidence.js";
import { findIdentifiers, type IdentifierSpan, maskIdentifiers } from "./identifiers.js";
import { neuroProgressing } from "./neuro-progression.js";
import { findAge, findDurations, findPowerGrades } from "./numbers.js";
import type { Polarity } from "./phrases.js";
import { type Reading, readHit } from "./polarity.js";
import { scan } from "./scan.js";
import { lowerSameLength, type Span } from "./text.js";

// Free text -> findings (docs/clinical-rules.md), with the words each came from. Pure: no I/O, no model.

export interface Extraction {
  findings: Findings;
  /**
   * The words each finding came from: its own phrase, with its cue or number, each piece a part of
   * the message, joined by " … " where they are apart; never the text between; at most 60
   * characters (see evidence.ts).
   */
  evidence: Partial<Record<FindingId, string>>;
  /** Identifiers anywhere in the message, beyond EXTRACTION_LIMIT too. */
  identifiers: IdentifierSpan[];
  /** Durations tied to something that is not a finding (e.g. "LBP 3/52" -> the back pain), kept for display only. */
  context: { painWeeks?: number };
  /** Set when the message was longer than EXTRACTION_LIMIT and only its start was read. */
  truncated?: true;
}

/**
 * Only the first EXTRACTION_LIMIT characters of a message are read for findings; the rest is
 * ignored. A clinician's query is a line or two, far shorter; a pasted letter would otherwise hold
 * up the bot server while it is read. Nothing is lost for safety: a finding not read is a question
 * still asked.
 */
export const EXTRACTION_LIMIT = 4000;

/** Where to stop reading: the limit, moved back to a word edge if one is near. */
function readUpTo(text: string): number {
  if (text.length <= EXTRACTION_LIMIT) return text.length;
  const space = text.lastIndexOf(" ", EXTRACTION_LIMIT);
  return space > EXTRACTION_LIMIT - 40 ? space : EXTRACTION_LIMIT;
}

// When a finding is mentioned more than once, the reading that can only raise urgency wins
// (a yes or an unsure never lowers urgency, docs/clinical-rules.md): present beats unsure beats absent.
const rank = (v: unknown): number => (v === true ? 2 : v === "unsure" ? 1 : 0);

export function extractFindings(message: string): Extraction {
  const identifiers = findIdentifiers(message);
  const text = message.slice(0, readUpTo(message));
  const lower = lowerSameLength(maskIdentifiers(text, identifiers));
  const s = scan(lower);
  const findings: Findings = {};
  const evidence: Partial<Record<FindingId, string>> = {};
  const cite = (words: readonly Span[]) => citeWords(text, words, identifiers);

  const setBool = (id: BoolFindingId, value: Polarity, words: readonly Span[]) => {
    const had = findings[id];
    if (had !== undefined && rank(had) >= rank(value)) return;
    findings[id] = value;
    evidence[id] = cite(words);
  };

  const values = new Map<(typeof s.hits)[number], Polarity>();
  for (const hit of s.hits) {
    const reading = readHit(lower, hit, s);
    const suspicion = suspicionValue(lower, reading);
    const valueFor = (id: BoolFindingId) => (isSuspicion(id) ? suspicion : reading.value);
    values.set(
      hit,
      hit.phrase.ids.length > 0 && hit.phrase.ids.every(isSuspicion) ? suspicion : reading.value,
    );
    if (hit.phrase.group) {
      // "?CES" or "CES symptoms": some CES symptom is there, not which; "no CES sx" answers nothing.
      if (reading.value === false) continue;
      for (const id of hit.phrase.ids) setBool(id, "unsure", reading.words);
    } else {
      const managed = reading.value === true ? managedFractureWords(lower, hit) : undefined;
      if (managed && hit.phrase.ids.includes("suspected_fracture")) {
        setBool("recent_injury", true, managed);
        continue;
      }
      for (const id of hit.phrase.ids) setBool(id, valueFor(id), reading.words);
    }
  }

  // Details said apart from the finding they qualify ("saddle numbness 2/52, worsening").
  const positive = s.hits.filter((h) => values.get(h) === true);
  const worse = cesWorsening(lower, positive, s.cues);
  if (worse) setBool("ces_worsening", worse.value, worse.words);
  const progressing = neuroProgressing(lower, positive, s);
  if (progressing) setBool("neuro_progressing", progressing.value, progressing.words);
  const concern = findings.lump === true ? lumpConcern(lower) : undefined;
  if (concern) setBool("lump_concerning", concern.value, concern.words);

  const powers = findPowerGrades(lower);
  const weakest = [...powers].sort((a, b) => a.value - b.value)[0];
  if (weakest) {
    findings.motor_power_grade = weakest.value;
    evidence.motor_power_grade = cite([weakest]);
    // A grade below 5 is weakness, whatever words surround it.
    if (weakest.value < 5) setBool("motor_weakness", true, [weakest]);
  }

  const age = findAge(lower);
  if (age) {
    findings.age = age.value;
    evidence.age = cite([age]);
  }

  const child = childRedFlagWords(lower, positive, age?.value);
  if (child) setBool("child_red_flag", true, child);

  const mechanism = minorMechanismSpan(lower, s.hits);
  if (mechanism && ((age && age.value >= OLDER_AGE) || findings.osteoporosis_risk === true))
    setBool("minor_trauma_fragile", true, [mechanism]);

  const anchors = sortAnchors([
    ...s.hits.filter((h) => values.get(h) !== false).map((hit): Anchor => ({ kind: "hit", hit })),
    ...s.painAnchors.map((span): Anchor => ({ kind: "pain", span })),
  ]);
  const context: Extraction["context"] = {};
  const taken = [...powers, ...(age ? [age] : []), ...s.hits];
  for (const d of findDurations(lower, taken)) {
    for (const a of bindDuration(lower, d, anchors)) {
      // The finding and the number only: "saddle numbness … 3/7", not what was typed between.
      const span = a.kind === "hit" ? a.hit : a.span;
      const words = cite([span, d]);
      if (a.kind === "pain") {
        context.painWeeks ??= d.value;
        continue;
      }
      const ids = a.hit.phrase.ids;
      const target = ids.some((id) => CES_IDS.has(id))
        ? "ces_symptom_weeks"
        : ids.some((id) => MOTOR_IDS.has(id))
          ? "motor_onset_weeks"
          : undefined;
      if (!target) continue;
      const had = findings[target];
      // Several onsets: the most recent one is the one the question asks about, and the more urgent.
      if (typeof had === "number" && had <= d.value) continue;
      findings[target] = d.value;
      evidence[target] = words;
    }
  }

  const nerveSpans = [...s.hits.filter((h) => isNerveHit(h) && values.get(h) !== false), ...powers];
  const area = findBodyArea(lower, s.hits, nerveSpans);
  if (area) {
    findings.body_area = area.area;
    evidence.body_area = cite([area]);
  }
  // A fracture named in a spinal story of an older or osteoporotic person, with no high-energy
  // mechanism, is the vertebral fragility fracture question (docs/clinical-rules.md); the trauma question
  // ("bony tenderness, deformity, unable to bear weight?") is still asked if it could matter.
  const fragile =
    findings.osteoporosis_risk === true ||
    findings.minor_trauma_fragile === true ||
    (age !== undefined && age.value >= OLDER_AGE);
  // Only a fracture word: signs ("can't weight bear", "bony tenderness") keep the trauma reading.
  const fractureHits = s.hits.filter((h) => h.phrase.ids.includes("suspected_fracture"));
  const onlyBare =
    fractureHits.length > 0 && fractureHits.every((h) => BARE_FRACTURE.test(lower.slice(h.start, h.end)));
  if (
    onlyBare &&
    fragile &&
    (area?.area === "lumbar" || area?.area === "thoracic") &&
    findings.high_energy_trauma !== true &&
    findings.suspected_fracture !== undefined
  ) {
    const value = findings.suspected_fracture;
    const words = evidence.suspected_fracture;
    delete findings.suspected_fracture;
    delete evidence.suspected_fracture;
    if (rank(value) > rank(findings.vff_suspected) || findings.vff_suspected === undefined) {
      findings.vff_suspected = value;
      if (words) evidence.vff_suspected = words;
    }
  }

  return text.length < message.length
    ? { findings, evidence, identifiers, context, truncated: true }
    : { findings, evidence, identifiers, context };
}

const BARE_FRACTURE = /^(?:fractures?|fractured|#|fx)$/;
// Words that say the clinician does not know; a query mark or "possible" before a suspicion is the
// suspicion itself ("?discitis" answers "Do you suspect infection?" with yes).
const DOES_NOT_KNOW =
  /(?<![a-z])(?:not sure|unsure|uncertain|unclear|not certain|unknown|not known|(?:don'?t|dont|doesn'?t|does not|do not) know|(?:can'?t|cannot) (?:remember|recall)|equivocal|maybe|might|may|could)(?![a-z])/;

// A child's red flag is asked as a suspicion too ("possible slipped upper femoral epiphysis",
// "suspected non-accidental injury"), so "?SUFE" answers it with yes.
const isSuspicion = (id: BoolFindingId) => id.endsWith("_suspected") || id === "child_red_flag";

/**
 * A "do you suspect ...?" finding's value from a reading in doubt: "query osteoporotic fracture"
 * suspects the fracture (yes) while the osteoporosis it names stays unsure.
 */
function suspicionValue(lower: string, reading: Reading): Polarity {
  if (reading.value !== "unsure") return reading.value;
  return DOES_NOT_KNOW.test(lower.slice(reading.span.start, reading.span.end)) ? "unsure" : true;
}
