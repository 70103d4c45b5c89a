import fc from "fast-check";
import type { Pack } from "../../rules/packs/index.js";
import {
  BODY_AREAS,
  BOOL_FINDINGS,
  type FindingId,
  type Findings,
  NUMBER_FINDINGS,
  type NumberFindingId,
} from "../../rules/vocabulary.js";

// Random findings that parseCase would accept: every finding id, every valid value including
// "unsure", numbers inside their ranges with the clinical boundaries over-represented.

const BOUNDARIES: Record<NumberFindingId, number[]> = {
  age: [0, 15, 15.9, 16, 19, 20, 55, 56, 120],
  ces_symptom_weeks: [0, 1, 1.9, 2, 2.1, 3, 520],
  motor_power_grade: [0, 3, 4, 5],
  motor_onset_weeks: [0, 4, 5.9, 6, 10, 520],
};
const MAX: Record<NumberFindingId, number> = {
  age: 120,
  ces_symptom_weeks: 520,
  motor_power_grade: 5,
  motor_onset_weeks: 520,
};

export function numberValue(id: NumberFindingId): fc.Arbitrary<number> {
  return fc.oneof(
    fc.constantFrom(...BOUNDARIES[id]),
    fc.integer({ min: 0, max: MAX[id] }),
    ...(id === "motor_power_grade" ? [] : [fc.double({ min: 0, max: MAX[id], noNaN: true })]),
  );
}

/** Every value a finding can take (absent excluded), "unsure" included. */
export function anyValue(id: FindingId, pack: Pack): fc.Arbitrary<unknown> {
  if ((NUMBER_FINDINGS as readonly string[]).includes(id))
    return fc.oneof(numberValue(id as NumberFindingId), fc.constant("unsure"));
  if (id === "body_area") return fc.constantFrom(...BODY_AREAS, "unsure");
  if (id === "borough") {
    const boroughs = Object.keys(pack.data.referral.boroughs);
    return boroughs.length ? fc.constantFrom(...boroughs) : fc.constant(undefined);
  }
  return fc.constantFrom(true, false, "unsure");
}

/** Definite (not unsure, not absent) values of a finding, for "x = v versus x = unsure". */
export function definiteValueOf(id: FindingId): fc.Arbitrary<unknown> {
  if ((NUMBER_FINDINGS as readonly string[]).includes(id)) return numberValue(id as NumberFindingId);
  if (id === "body_area") return fc.constantFrom(...BODY_AREAS);
  return fc.constantFrom(true, false);
}

/** Finding ids that a case may carry (borough only where the pack has a borough table). */
export function findingIds(pack: Pack): FindingId[] {
  const ids = pack.data.questions.map((q) => q.id);
  return Object.keys(pack.data.referral.boroughs).length ? ids : ids.filter((id) => id !== "borough");
}

/**
 * Sparse findings: a handful of ids, so that every route, not only the emergencies, comes up often.
 * The body area and the number details are present more often than other findings, because most
 * conditions read them; bool answers lean to "no" as real answers do.
 */
export function findingsArb(pack: Pack, maxKeys = 10): fc.Arbitrary<Findings> {
  const ids = findingIds(pack);
  const often = ids.filter((id) => id === "body_area" || (NUMBER_FINDINGS as readonly string[]).includes(id));
  const rest = ids.filter((id) => !often.includes(id));
  const oftenArb = fc.tuple(
    ...often.map((id) =>
      fc.oneof(
        { weight: id === "body_area" ? 3 : 1, arbitrary: anyValue(id, pack) },
        { weight: 1, arbitrary: fc.constant(undefined) },
      ),
    ),
  );
  return fc.tuple(oftenArb, fc.subarray(rest, { maxLength: maxKeys })).chain(([oftenValues, keys]) =>
    fc.tuple(...keys.map((id) => leaningValue(id, pack))).map((values) => {
      const out: Record<string, unknown> = {};
      often.forEach((k, i) => {
        if (oftenValues[i] !== undefined) out[k] = oftenValues[i];
      });
      keys.forEach((k, i) => {
        if (values[i] !== undefined) out[k] = values[i];
      });
      return out as Findings;
    }),
  );
}

/** A full case: a value for every finding the pack asks about (bools mostly "no"). */
export function fullCaseArb(pack: Pack): fc.Arbitrary<Findings> {
  const ids = findingIds(pack).filter((id) => pack.questionById.get(id)?.data.askable !== false);
  return fc.tuple(...ids.map((id) => leaningValue(id, pack, 12))).map((values) => {
    const out: Record<string, unknown> = {};
    ids.forEach((k, i) => {
      if (values[i] !== undefined) out[k] = values[i];
    });
    return out as Findings;
  });
}

function leaningValue(id: FindingId, pack: Pack, noWeight = 3): fc.Arbitrary<unknown> {
  if (!(BOOL_FINDINGS as readonly string[]).includes(id)) return anyValue(id, pack);
  return fc.oneof(
    { weight: noWeight, arbitrary: fc.constant(false) },
    { weight: 2, arbitrary: fc.constant(true) },
    { weight: 1, arbitrary: fc.constant("unsure") },
  );
}
