// Words around a finding that change what it means, as data. All sources are matched whole-word
// on lower-cased text (see text.ts).

/** Before a finding: it is absent. Scope runs on through a list until a clause break. */
export const NEGATORS =
  "never had|has never had|never been|not had|hasn'?t had|no|nil|not|never|none|denies|denied|denying|without|w/o|negative for|neg for|-ve for|nor|free of|absence of|no evidence of|no signs? of|no hx of|no history of|no h/o|no new|no sign of|hasn'?t (?:got|had)|has not (?:got|had)|doesn'?t have|does not have|did not have|didn'?t have|no complaints? of|ruled out|excluded|nad";

// Doubt that names who it is about: "not sure if she has", "doesn't know whether he had".
const DOUBT_ABOUT =
  "(?:unsure|not sure|uncertain|not certain|unclear|not known|(?:doesn'?t|does not|don'?t|do not) know|(?:can'?t|cannot) (?:remember|recall)) (?:if|whether) (?:she|he|they|pt|the patient|patient) (?:has|have|had|is|was|were|gets?|got)(?: (?:had|got|been|any))*";

/** Before a finding: it is in doubt. */
export const DOUBTERS =
  DOUBT_ABOUT +
  "|(?<![a-z0-9)])\\?+|query|qry|possible|possibly|poss|maybe|might (?:have|be)|may (?:have|be)|could (?:have|be)|unsure (?:about|of|if|whether|re|regarding)?|not sure (?:about|of|if|whether|re|regarding)?|uncertain(?: about| if| whether| re| regarding)?|not known (?:if|whether)|unclear(?: if| whether)?|equivocal|vague|ruling out|rule out|r/o|to exclude|\\?\\s*if|ddx|differential(?:s)?(?: include)?|borderline|questionable|(?:doesn'?t|does not|don'?t|do not|didn'?t|did not) know(?: (?:about|of|if|whether))?|(?:can'?t|cannot|couldn'?t|could not) (?:remember|recall)(?: (?:about|if|whether))?|not certain(?: (?:about|of|if|whether))?|unknown";

/** After a finding (possibly after a list of them): it is absent, in doubt, or present. */
export const POST_NEGATIVE =
  "denied|nil|neg|negative|-ve|absent|not present|normal|nad|intact|ok|okay|fine|unremarkable|none|clear|unaffected|preserved|all normal|all fine|all ok|not reported|not a feature";
/** Short answers that only count at the end of a clause ("saddle: no." but not "retention, no incontinence"). */
export const POST_SHORT_NEGATIVE = "no|not|n|x|nope";
export const POST_DOUBT =
  "\\?+|query|unclear|uncertain|unsure|not sure|unknown|not known|(?:don'?t|doesn'?t|does not|do not) know|equivocal|possibly|\\?\\s*present";
export const POST_POSITIVE = "present|positive|\\+ve|reported";
export const POST_SHORT_POSITIVE = "\\+|yes|y";

/** Joins findings that share one answer after them: "bladder and bowel normal", "saddle/bladder: nil". */
export const POST_LIST_JOINER = "\\s*(?:/|&|\\+|and|or)\\s*";
/** Words between an answer and the findings it answers: "bladder and bowel are both normal". */
export const POST_FILLER = "[\\s:=\\-–]*(?:(?:all|both|are|is|was|were|seems?|reportedly)\\s+)*";

/**
 * Blanket statements ("no red flags", "nil RF", "neuro intact"): they answer no specific question,
 * and a negator that governs one of them stops there ("nil RF, saddle numbness" keeps the numbness).
 */
export const GENERIC =
  "red flags?(?: (?:sx|symptoms|signs|features|screen))?|rfs?|r/f|concerns?|worries|worrying (?:features|signs|sx|symptoms)|sinister (?:features|signs|sx|symptoms)|serious pathology|yellow flags?|other (?:sx|symptoms|issues|problems|concerns)|neuro(?:logy|logical)?(?: (?:deficit|deficits|sx|symptoms|signs|concerns|changes|issues|exam|findings))?|neuro(?:logically)? intact|issues|problems|anything else|other flags|flags";

/**
 * Clause breaks: a cue's scope ends here. Punctuation, contrast and positive-reporting words, a new
 * element that starts with a number ("no fever, 3/52 ..."), and mentions of the presenting pain
 * (handled in polarity.ts as anchors).
 */
export const BREAKERS =
  "[.;:!\\n]|\\?(?=\\s|$)|\\s-\\s|but|however|although|though|yet|except|apart from|other than|besides|\\+|with|w/|has|have|had|having|reports?|reporting|reported|c/o|complains?(?: of)?|complaining(?: of)?|describes|admits(?: to)?|presents?(?: with)?|presenting(?: with)?|developed|developing|started|starting|now|new|newly|also|positive for|\\+ve for|but has|then|whilst|while|plus|,\\s*(?=\\d)";
