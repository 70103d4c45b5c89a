import type { BoolFindingId } from "../vocabulary.js";

// The words clinicians use for each yes/no finding (docs/clinical-rules.md), as data. Patterns are regular-
// expression sources matched whole-word against lower-cased text; where two phrases overlap the
// longer one wins ("saddle numbness" is not also "numbness"). Misspellings seen in real messages
// are folded into the patterns (anaesthesia / anesthesia / anasthesia, incontinence / incontinance).

export type Polarity = true | false | "unsure";

export interface Phrase {
  re: string;
  ids: readonly BoolFindingId[];
  /** What the words say on their own, before any cue around them ("afebrile" says no). */
  says?: Polarity | ((matched: string) => Polarity);
  /**
   * Group words ("CES symptoms"): a positive or doubtful mention makes every id unsure (we know a
   * symptom of the group is there, not which); a negated one answers nothing, like "no red flags".
   */
  group?: boolean;
  /** Body words inside this phrase do not name the main area ("foot drop", "cervical ca"). */
  hidesArea?: boolean;
}

const DOUBT_PREFIX = /^(?:\?|query|qry|possible|poss|possibly|r\/o|rule out|exclude)/;
const doubtOrYes = (m: string): Polarity => (DOUBT_PREFIX.test(m) ? "unsure" : true);

// Sensation words, including the usual misspellings of anaesthesia and paraesthesia.
const NUMB =
  "an?a?e?s?thes\\w*|an?a?e?sth\\w*|numb\\w*|par[ae]?e?s?th\\w*|hyp[oa]e?s?th\\w*|tingl\\w*|sensory (?:loss|change|changes|disturbance)|sensation (?:loss|change|changes)|pins (?:and|&|n) needles|p ?& ?n|sx|symptoms?|loss|changes?|sensation|sens[a-z]*";
// Where saddle numbness is felt, in clinicians' and patients' words ("numb around the back passage").
const SADDLE_AREA =
  "saddle(?: area| region)?|perine\\w*|perin[ie]al|perianal|perianal(?: area| region)?|genitals?|genital area|groin|buttocks|bum|anus|anal area|back passage|rectum|private parts|privates|penis|scrotum|vagina|vulva|labia";
const BODY_CA =
  "breast|prostate|prostatic|lung|renal|kidney|thyroid|bowel|colon|colorectal|rectal|bladder|ovarian|cervical|uterine|endometrial|oesophageal|gastric|pancreatic|skin|testicular|liver|brain|head and neck";
// A named cancer. "Malignancy" alone is what clinicians write when they suspect one ("suspects
// malignancy", "?malignancy"): it names a history only with a site or a history word before it.
const CANCER_STAGE = "(?:(?:metastatic|advanced|stage \\d|invasive)\\s+)?";
const CANCER_NAMED = `${CANCER_STAGE}(?:(?:${BODY_CA})\\s+)?(?:ca|cancer|carcinoma|tumou?r)|${CANCER_STAGE}(?:${BODY_CA})\\s+malignancy|ca\\.?\\s+(?:${BODY_CA})|mye?loma|lymphoma|leuka?emia|melanoma|sarcoma|hodgkin'?s`;
const CANCER = `${CANCER_NAMED}|malignancy`;
const HISTORY =
  "known|personal|k/c|hx of|hx|h/o|history of|previous|prev\\.?|pmh:?|pmhx:?|past|background of|bg|treated|had|remission from|survivor of|old";
const SUSPECT =
  "\\?\\s*|query\\s+|qry\\s+|possible\\s+|poss\\.?\\s+|r/o\\s+|rule out\\s+|suspected\\s+|suspects?\\s+|suspicion of\\s+|suspicious (?:of|for)\\s+|concerns? (?:about|re|for|of)\\s+|concerned (?:about|re)\\s+|worried (?:about|re)\\s+|worry re\\s+|\\?\\s*underlying\\s+";
const METS =
  "mets|metastas[ie]s|metastatic (?:disease|deposits?)|bony mets|bone mets|spinal mets|secondaries|secondary deposits|mscc|metastatic (?:spinal )?cord compression";
const PAST_MEDICAL =
  "pmh|pmhx|past medical (?:history|hx)|medical (?:history|hx)|past (?:history|hx)|pmh\\s*(?:/|&|and)\\s*dh";
const NOTHING =
  "nil(?: (?:of note|significant|relevant|else|known))?|none(?: (?:of note|significant|relevant|known))?|nothing (?:of note|significant|relevant)|nad|unremarkable|clear";
const RELATIVE =
  "mum|mother|dad|father|sister|brother|son|daughter|aunt|uncle|grand(?:mother|father|ma|pa)|parents?|siblings?|cousin|wife|husband|partner";
const REPLACEMENT =
  "tkr|thr|tka|tha|tsr|tkrs|thrs|(?:total )?(?:hip|knee|shoulder) replacement|(?:hip|knee|shoulder|total|reverse) arthroplasty|hemiarthroplasty";
const PAIN = "pain|lbp|back pain|neck pain";
const SPINAL_OP =
  "(?:micro)?discectomy|decompression|(?:spinal )?fusion|laminectomy|laminotomy|foraminotomy|acdf|spinal surgery|back surgery|spinal op(?:eration)?";
const JOINT = "joint|knee|ankle|wrist|elbow|shoulder|hip|mtp|toe|finger|hand|foot";
const TENDON = "achilles|quads?|quadriceps|patellar|biceps|triceps|tendon|hamstring|pec(?:toralis)?";
const WORSE =
  "worsening|worse|getting worse|progres+ive|progres+ing|increasing|spreading|new|newly|new onset|recent onset|deteriorating";

export const PHRASES: readonly Phrase[] = [
  // --- cauda equina ---
  { re: `saddle(?:[\\s-]+(?:area|region))?(?:[\\s-]+(?:${NUMB}))?`, ids: ["saddle_anaesthesia"] },
  {
    re: `(?:${WORSE})\\s+saddle(?:[\\s-]+(?:area|region))?(?:[\\s-]+(?:${NUMB}))?`,
    ids: ["saddle_anaesthesia", "ces_worsening"],
  },
  {
    re: "(?:no|loss of|lost|absent|nil|reduced|altered|decreased|diminished) saddle sensation",
    ids: ["saddle_anaesthesia"],
  },
  {
    re: `(?:numb\\w*|altered sensation|reduced sensation|loss of sensation|an?a?e?sth\\w*) (?:(?:in|of|around|over) )?(?:the |his |her )?(?:${SADDLE_AREA})`,
    ids: ["saddle_anaesthesia"],
  },
  {
    re: `(?:${SADDLE_AREA}) (?:is |are |feels? |feeling |gone |going |now )?(?:numb|numbness|dead|an?a?e?sth\\w*)`,
    ids: ["saddle_anaesthesia"],
  },
  {
    re: "(?:perianal|perineal|genital|groin|buttock) (?:numbness|an?a?e?sth\\w*|par\\w*)|numb bum|numb groin",
    ids: ["saddle_anaesthesia"],
  },
  {
    re: "bladder(?:\\s*(?:/|and|&|\\+|or)\\s*bowels?)?(?:\\s+(?:sx|symptoms?|dysfunction|issues|problems|changes?|disturbance|control|function|habit|involvement))?|bowels?(?:\\s*(?:/|and|&|\\+|or)\\s*bladder)?(?:\\s+(?:sx|symptoms?|dysfunction|issues|problems|changes?|disturbance|control|function|habit|involvement))?|b\\s?(?:&|\\+|and|/)\\s?b(?:\\s+(?:sx|symptoms?|dysfunction|issues|problems|changes?))?|(?:urinary|urine)(?:\\s*(?:/|and|&|\\+|or)\\s*(?:bowels?|faecal|fecal))?\\s+(?:sx|symptoms?|dysfunction|issues|problems|changes?|disturbance|control|function|involvement)",
    ids: ["bladder_bowel_dysfunction"],
  },
  {
    re: "(?:urinary |urine |painless |acute |chronic )?reten[st]ion|(?:not|unable to|can'?t|cannot) pass(?:ing)? (?:urine|water)|(?:urinary |urine |faecal |fecal |bowel |bladder |double )?incontin\\w*(?: of (?:urine|faeces|stool|bowels?))?|(?:can'?t|cannot|unable to|difficulty|trouble|struggling to) (?:pee|wee|urinate|pass urine|void)(?: properly)?|(?:urinary |urine )?(?:hesitancy|frequency)|(?:weak|poor|reduced|slow) (?:urinary )?stream|(?:difficulty|trouble|problems?) (?:passing urine|passing water|urinating|voiding|starting (?:to pass urine|urination|a stream))|(?:loss|lost) of (?:bladder|bowel|anal|sphincter) (?:control|sensation|tone)|(?:reduced|lax|decreased|poor|absent|loss of) (?:anal|sphincter|pr) tone|(?:anal|pr) tone (?:reduced|lax|decreased|poor|absent)|(?:can'?t|cannot|unable to) (?:feel|sense|tell) (?:when |if )?(?:(?:his|her|their|my|the) )?(?:bladder(?: is)?(?: full)?|need to (?:pee|wee|urinate)|(?:the |a )?full bladder)|waterworks(?: (?:sx|symptoms?|problems?|issues|changes?))?|(?:changes?|problems?|issues|trouble) (?:in|with) (?:(?:his|her|their|the) )?(?:waterworks|bladder|bowels?)|not feeling (?:bladder )?fullness|sphincter (?:disturbance|dysfunction|sx|symptoms?|problems?|issues|involvement|control|function)|urinary urgency|wet (?:himself|herself|themselves)|leaking urine|soiling|catheteri[sz]ed|(?:high|raised|large) (?:pvr|post[- ]void residual)|pvr",
    ids: ["bladder_bowel_dysfunction"],
  },
  // Said of normal function: "passing urine ok". "not passing urine" is a longer phrase above.
  {
    re: "passing (?:urine|water)(?: (?:normally|fine|ok|okay|well))?|(?:peeing|weeing|urinating|voiding) (?:normally|fine|ok|okay|well)",
    ids: ["bladder_bowel_dysfunction"],
    says: false,
  },
  {
    re: `(?:${WORSE})\\s+(?:urinary |painless )?(?:retention|incontin\\w*)`,
    ids: ["bladder_bowel_dysfunction", "ces_worsening"],
  },
  {
    re: "sexual (?:dysfunction|sx|symptoms|problems|function)|erectile (?:dysfunction|problems)|impoten\\w*|(?:loss of|reduced|altered) (?:genital sensation|sexual function|sensation during sex)|ejaculat\\w* (?:problems|difficulty|dysfunction)|(?:difficulty|unable to) (?:achieve|get) (?:an )?erection",
    ids: ["sexual_dysfunction"],
  },
  {
    re: "(?:bilateral|bilat\\.?|b/l|bil\\.?)\\s+(?:leg|lower limb|ll)s?(?:\\s+(?:sx|symptoms))?|(?:bilateral|bilat\\.?|b/l) (?:sx|symptoms)|both legs|both lower limbs|both feet|both calves|both thighs|legs bilaterally|feet bilaterally|(?:bilateral|bilat\\.?|b/l) (?:leg |lower limb )?(?:radicular|radic)(?: (?:pain|sx|symptoms))?",
    ids: ["bilateral_leg_symptoms"],
  },
  // "leg numbness both sides": the side words after a leg symptom in the same clause.
  {
    re: "(?<=(?:legs?|lower limbs?|sciatica|thighs?|calf|calves|feet|foot)(?![a-z])[^,.;:!?\\n]{0,30})(?:(?:on|in|down|affecting) )?(?:both sides|bilaterally)",
    ids: ["bilateral_leg_symptoms"],
  },
  {
    re: "(?:pain )?radiat\\w* (?:(?:down|into|to) )?both (?:legs|lower limbs)",
    ids: ["bilateral_leg_symptoms", "radiculopathy"],
  },
  {
    re: "(?:bilateral|bilat\\.?|b/l|bil\\.?|alternating|double)\\s+sciatica",
    ids: ["bilateral_leg_symptoms", "radiculopathy"],
  },
  {
    re: "(?:bilateral|bilat\\.?|b/l) (?:leg |lower limb )?(?:numbness|par\\w*|pins (?:and|&) needles)",
    ids: ["bilateral_leg_symptoms", "sensory_deficit"],
  },
  {
    re: "(?:bilateral|bilat\\.?|b/l) (?:leg |lower limb )?weakness",
    ids: ["bilateral_leg_symptoms", "motor_weakness"],
  },
  {
    re: "ces|c\\.e\\.s\\.?|cauda equina(?: syndrome)?(?: (?:sx|symptoms|signs|features))?|ces (?:sx|symptoms|signs|features)|cauda equina compression|cauda",
    ids: ["saddle_anaesthesia", "bladder_bowel_dysfunction"],
    group: true,
  },
  {
    re: "(?:worsening|progressive|progressing|deteriorating|evolving) (?:ces|cauda equina)(?: (?:sx|symptoms|signs))?",
    ids: ["saddle_anaesthesia", "bladder_bowel_dysfunction", "ces_worsening"],
    group: true,
  },

  // --- neurology ---
  {
    re: "weakness|weaknes|weekness|weak (?:leg|legs|arm|arms|foot|ankle|hand|hands|grip|ankle dorsiflexion|df|ehl|toe extension|quads?|hip flexion|hip flexors?)|motor (?:loss|deficit|weakness)|myotomal (?:weakness|loss)|reduced power|power reduced|loss of power|(?:reduced|weak) (?:ehl|ankle df|dorsiflexion|plantarflexion|grip)|paresis|(?:legs?|arms?|hands?|grip|foot|ankle|quads?) (?:is |are |feels? |feeling |going |now )?weak(?:er|ened)?",
    ids: ["motor_weakness"],
  },
  {
    re: "(?:progres+ive|progres+ing|worsening|increasing|deteriorating|spreading) (?:leg |arm |motor )?(?:weakness|loss of power)",
    ids: ["motor_weakness", "neuro_progressing"],
  },
  { re: "foot ?drop|drop ?foot|dropped foot|(?:l|r|left|right) ?fd", ids: ["foot_drop"], hidesArea: true },
  {
    re: "numbness|numb\\w*|numness|numbnes|numb(?: (?:leg|foot|feet|toes|arm|hand|hands|fingers|thigh|shin))?|sensory (?:loss|deficit|change|changes|disturbance)|(?:reduced|altered|decreased|loss of|diminished|absent) (?:sensation|sensory)|dermatomal (?:numbness|sensory loss)|hypo?a?e?sthesia",
    ids: ["sensory_deficit"],
  },
  {
    re: "(?:progressive|progressing|worsening|increasing|spreading) (?:numbness|sensory loss)",
    ids: ["sensory_deficit", "neuro_progressing"],
  },
  {
    re: "sciatica|siatica|sciatia|sciatic pain|radicular(?: (?:pain|sx|symptoms|leg pain|arm pain))?|radiculopathy|radic|nerve root (?:pain|irritation|compression|impingement)|(?:l[1-5]|s1|c[5-8]) (?:radic\\w*|nerve root|root)|brachialgia|(?:leg|arm) pain (?:below|past|beyond) (?:the )?(?:knee|elbow)|(?:pain |)radiat\\w* (?:(?:down|into|to) )?(?:the |his |her |both )?(?:(?:l|r|lt|rt|left|right) )?(?:leg|legs|arm|arms|foot|calf|hand)|dermatomal (?:pain|leg pain|arm pain)|trapped nerve|pinched nerve",
    ids: ["radiculopathy"],
  },
  {
    re: "(?:progressive|progressing|worsening|deteriorating|evolving|increasing) (?:neuro|neurology|neurological (?:deficit|signs|symptoms|sx)|neuro (?:deficit|signs|sx)|deficit)|neuro(?:logy)? (?:getting worse|worsening|progressing|deteriorating)|deteriorating neurologically|(?:progressive|progressing|deteriorating|getting worse) over (?:days|weeks|the last \\w+)",
    ids: ["neuro_progressing"],
  },
  {
    re: "legs? (?:giving way|gave way|gives way|went|buckling|collapsing)|(?:can'?t|cannot|unable to|can no longer|not able to) (?:walk|stand|get up|mobilise|mobilize)(?! straight| up straight| for long| on)|off (?:his |her |their )?legs|(?:lost|loss of) (?:hand )?dexterity|(?:lost|loss of) (?:the )?use of (?:his |her )?(?:legs|hands|arms)|paraplegi\\w*|tetrapleg\\w*|quadripleg\\w*",
    ids: ["gross_functional_deficit"],
  },
  {
    re: "(?:unsteady|ataxic|broad[- ]based|wide[- ]based|altered|abnormal|changed|disturbed|shuffling|spastic) gait|gait (?:disturbance|change|changes|abnormality|problems?|ataxia|unsteady|altered|off|not right|poor|wobbly|impaired|affected|worse|deteriorating)|(?:wobbly|poor|impaired|deteriorating) gait|unsteady(?: on (?:his |her |their )?feet)?|off balance|(?:poor|problems with|loss of) balance|ataxia|veering|stumbling",
    ids: ["gait_disturbance"],
  },
  {
    re: "myelopath\\w*|dcm|clumb?sy hands?|(?:hand|hands) clumb?siness|clumb?siness|hoffmann?'?s?(?: sign)?(?: (?:positive|\\+ve|\\+))?|(?:positive|\\+ve) hoffmann?'?s?|hyper-?reflexia|brisk reflexes|(?:up-?going|upgoing) plantars?|babinski|clonus|l'?hermitte'?s?|dropping things",
    ids: ["myelopathy_signs"],
    hidesArea: true,
  },

  // --- infection ---
  {
    re: "fevers?|febrile|feverish|pyrexi\\w*|(?:t|temp|temperature)(?: of)?\\s*[:=]?\\s*(?:3[89]|4[01])(?:\\.\\d)?(?: ?°?c)?|raised temp(?:erature)?|high temp(?:erature)?|rigou?rs|night sweats|sweats|systemically unwell|unwell|septic|sepsis|flu[- ]like",
    ids: ["fever_or_unwell"],
  },
  { re: "afebrile|apyrexial|systemically well", ids: ["fever_or_unwell"], says: false },
  {
    re: "ivdu|pwid|iv drug(?: use| user| misuse)?|intravenous drug(?: use| user| misuse)?|injecting drug(?: use| user)?|injects drugs|immuno-?suppress\\w*|immuno-?compromised|hiv(?: positive| \\+ve)?|diabet\\w*|t[12] ?dm|dm|iddm|niddm|alcohol (?:excess|misuse|abuse|dependence|dependency)|etoh (?:excess|abuse|misuse)|alcoholic|on biologics|on methotrexate|on mtx|on (?:long[- ]term )?(?:immunosuppressants|azathioprine|tacrolimus|ciclosporin)|recent (?:spinal |facet |epidural |joint |steroid |knee |hip |shoulder )?(?:injection|epidural|procedure|joint injection)|(?:after|post|following) (?:an? )?(?:steroid |joint |spinal |facet |epidural |knee |hip |shoulder )?injection|(?:prosthetic|replaced) (?:joint|knee|hip)|tb contact|tb exposure|recent travel|dialysis",
    ids: ["infection_risk"],
  },
  {
    re: "recent (?:spinal )?(?:surgery|op|operation|discectomy|decompression|fusion|laminectomy)",
    ids: ["recent_surgery", "infection_risk"],
  },
  // After a spinal operation: a recent spinal procedure (an infection risk) as well as recent surgery.
  {
    re: `(?:post[- ]?op(?:erative(?:ly)?)?|post|after|following|s/p)(?: (?:day|d) ?\\d+)? (?:(?:l\\d(?:/\\d|[/-]s1)?|lumbar|cervical|thoracic|spinal|lumbar spine|acdf|micro) ?)*(?:${SPINAL_OP})(?! (?:in )?(?:19|20)\\d\\d)|(?:${SPINAL_OP}) (?:\\d+ ?(?:days?|d|weeks?|wks?|/7|/52) ago|(?:\\d+ ?(?:days?|weeks?|wks?|/7|/52) )?post[- ]?op)`,
    ids: ["recent_surgery", "infection_risk"],
  },
  {
    re: `(?:hot|warm|red),? (?:and )?(?:red,? |hot,? )?(?:and )?swollen(?: (?:${JOINT}))?|swollen,? (?:and )?(?:hot|red hot|warm)(?: (?:${JOINT}))?|hot (?:${JOINT})|acutely swollen (?:${JOINT})|red hot (?:${JOINT})`,
    ids: ["hot_swollen_joint"],
  },
  {
    re: "discitis|osteomyelitis|septic (?:arthritis|joint|knee|hip|spine)|epidural abscess|spinal abscess|abscess|spinal tb|pott'?s(?: disease)?|vertebral osteomyelitis|infection|infected|infective|spondylodiscitis",
    ids: ["infection_suspected"],
  },
  {
    re: "aaa|aortic (?:aneurysm|dissection)|aneurysm|dissection|ruptured aorta|cardiac(?: pain| cause)?|angina|\\bmi\\b|myocardial|renal colic|kidney stones?|pyelonephritis|visceral(?: cause| pain)?|pancreatitis|ectopic|pulsatile (?:abdo\\w* )?(?:mass|swelling|lump)|pulsatile abdo\\w*|abdominal (?:mass|aneurysm)",
    ids: ["acute_medical_cause_suspected"],
  },

  // --- cancer ---
  // "known breast ca", "hx of malignancy", and the question's own topic with its answer after it:
  // "ca hx: nil", "cancer history unknown" (the answer is read in polarity.ts).
  {
    re: `(?:${HISTORY})\\s+(?:of\\s+)?(?:${CANCER})|(?:${CANCER_NAMED})|(?:${CANCER}|onc|oncology|oncological)\\s+(?:hx|history)`,
    ids: ["cancer_history"],
    hidesArea: true,
  },
  // "PMH nil": no past illness at all, so no past cancer. Nothing else is read from it: steroids,
  // drug use, a recent procedure or travel are not past medical history. Its answer is part of the
  // phrase, so "PMH nil, saddle numbness" leaves the numbness alone.
  {
    re: `(?:${PAST_MEDICAL})\\s*(?:[:=\\-–]+\\s*)?(?:${NOTHING})|(?:no|nil|not any)\\s+(?:(?:significant|relevant|other|known|past)\\s+)*(?:${PAST_MEDICAL})`,
    ids: ["cancer_history"],
    says: false,
  },
  // A relative's cancer is not the patient's: the words are taken so they are not read as a history.
  {
    re: `(?:fhx|fh|family (?:hx|history)|fam hx)\\s*:?\\s*(?:of\\s+)?(?:${CANCER}|${METS})|(?:${RELATIVE})(?:'s)? (?:had|has|with|died of|died from|passed away from|d\\.? of)\\s+(?:${CANCER})`,
    ids: [],
    hidesArea: true,
  },
  { re: `(?:${HISTORY})\\s+(?:of\\s+)?(?:${METS})`, ids: ["cancer_history"], hidesArea: true },
  {
    re: `(?:${SUSPECT})(?:(?:an?|the)\\s+)?(?:(?:bone|bony|spinal|primary|soft tissue|underlying)\\s+)?(?:${CANCER}|${METS})`,
    ids: ["malignancy_suspected"],
    says: doubtOrYes,
    hidesArea: true,
  },
  {
    re: `(?:${BODY_CA})(?: ca| cancer| primary)? (?:${METS})`,
    ids: ["cancer_history", "malignancy_suspected"],
    hidesArea: true,
  },
  {
    re: `${METS}|malignan\\w*|neoplas\\w*|sinister (?:pathology|cause)|red flags? for (?:cancer|malignancy)`,
    ids: ["malignancy_suspected"],
  },
  {
    re: "(?:under|on|with|under the care of|seeing|sees|attends|attending|known to|followed up by|f/u with|f/u by|under active) (?:the )?(?:onc|oncology|oncologists?|oncology team|acute oncology)(?: (?:f/u|follow[- ]?up|review|team|clinic|surveillance))?|oncology (?:f/u|follow[- ]?up|patient|surveillance)|(?:on|having|receiving|started|currently on|currently having|mid) (?:chemo\\w*|radiotherapy|immunotherapy|hormone therapy|tamoxifen|letrozole|anastrozole|zoladex|enzalutamide|abiraterone|herceptin)",
    ids: ["under_oncology"],
  },
  {
    re: "discharged (?:by|from) (?:the )?(?:onc|oncology|oncologists?)(?: team)?",
    ids: ["under_oncology"],
    says: false,
  },
  {
    re: "(?:wt|weight) ?loss|losing weight|lost (?:weight|\\d+ ?(?:kg|kgs|stone|st|lbs?))|(?:unexplained|unintentional|unintended) (?:weight|wt)(?: loss)?|(?:weight|wt) (?:dropping|down|falling)|cachexi\\w*|cachectic|constitutional (?:sx|symptoms|upset)|loss of appetite|reduced appetite|anorexia",
    ids: ["weight_loss"],
  },
  {
    re: "night pain|(?:pain|sx|symptoms|lbp) (?:worse )?at night|nocturnal (?:pain|sx)|(?:pain )?worse at night|(?:waking|wakes|woken|waking up|wakes up|wakening) (?:at night|in the night|with pain|from sleep|him|her|them|every night)(?: with pain)?|unremitting(?: pain)?|constant(?:,)? (?:unremitting |non[- ]mechanical )?pain|non[- ]?mechanical(?: pain)?|not (?:eased|relieved) by (?:rest|lying)|rest pain|pain at rest|pain (?:on|when) lying (?:down|flat)|worse (?:when |on |while |if )?(?:lying|laying) (?:flat|down|supine)|(?:can'?t|cannot|unable to) lie (?:flat|down)|(?:worst|worse) (?:in|through|during) the night|worst at night|night[- ]?time pain|pain (?:all|through the) night",
    ids: ["night_pain"],
  },

  // --- children (the rest of a child's red flags needs the child's age: child.ts) ---
  {
    re: "nai|non[- ]?accidental(?: injur(?:y|ies)| trauma)?|sufe|scfe|slipped (?:upper |capital )?femoral epiphys[ie]s",
    ids: ["child_red_flag"],
  },

  // --- trauma and bone ---
  {
    re: "(?:fall|fell|fallen) (?:off|from) (?:a |the |his |her )?(?:height|ladder|roof|scaffold\\w*|wall|tree|horse|bike|bicycle|motorbike|balcony|first floor|window|loft|stepladder|\\d+ ?(?:m|ft|feet|metres?|meters?|stairs|steps))|(?:fall|fell|fallen) down (?:a flight of |the |\\d+ |several |a full flight of )?(?:stairs|steps)|rta|rtc|mva|mvc|road traffic (?:accident|collision)|car (?:crash|accident|collision)|motorbike (?:crash|accident)|cycl\\w* (?:accident|crash)|hit by (?:a )?(?:car|vehicle|van|bus|lorry)|high[- ](?:energy|velocity|impact)(?: (?:trauma|injury|mechanism|fall))?|axial load\\w*|diving (?:injury|accident)",
    ids: ["high_energy_trauma"],
  },
  {
    re: "fractures?|fractured|#|fx|broken|bony tenderness|(?:point|bony) tender\\w*|tender over (?:the )?(?:bone|spinous process\\w*|midline)|midline tenderness|(?:can'?t|cannot|unable to|not able to) (?:weight[- ]?bear|bear weight|wb)|non[- ]weight[- ]bearing|not (?:weight[- ]?bearing|bearing weight|wb)|nwb|#\\s*nof|nof #|deformed (?:wrist|ankle|arm|leg|limb|forearm|elbow|finger)|(?:wrist|ankle|limb|bony|arm|leg|finger) deformity|(?:wrist|ankle|arm|forearm|leg|elbow|finger|limb) (?:is |looks? )?(?:(?:swollen|bruised) ?(?:\\+|and|&|,) ?)?(?:deformed|misshapen|out of shape)",
    ids: ["suspected_fracture"],
  },
  {
    re: "(?:minor|low[- ]energy|trivial|simple|mechanical|low[- ]impact) (?:fall|trauma|injury|slip|trip)|(?:fall|fell) from standing(?: height)?|slipped (?:and fell|on)|tripped(?: and fell)?|(?:fall|fell) at home|(?:fall|fell) over",
    ids: ["minor_trauma_fragile"],
  },
  {
    re: "osteoporo\\w*|osteop[ae]?nia|(?<!anabolic )steroid (?:users?|use|dependen\\w*)|(?:long[- ]term|chronic|regular|oral|lt) (?:oral )?(?:steroids?|pred\\w*|corticosteroids?)|on (?:oral )?(?:steroids|prednisolone|pred)|(?:previous|prev|hx of|history of|h/o|prior) (?:fragility|osteoporotic|low[- ]trauma) (?:fracture|#)s?|on (?:alendronate|alendronic acid|bisphosphonates?|risedronate|denosumab|prolia)",
    ids: ["osteoporosis_risk"],
  },
  {
    re: "vff|vertebral (?:fragility |compression |wedge |crush |osteoporotic )?(?:fracture|#|collapse)|(?:wedge|compression|crush) (?:fracture|#)|vertebral collapse|collapsed vertebra",
    ids: ["vff_suspected"],
  },
  {
    re: "osteoporotic (?:vertebral |wedge |compression |crush |spinal )?(?:fracture|#|collapse)",
    ids: ["vff_suspected", "osteoporosis_risk"],
  },
  {
    re: "structural deformity|(?:new |progressive )?kyphosis|gibbus|(?:spinal|step) deformity|new scoliosis",
    ids: ["structural_deformity"],
  },

  // --- other pathways ---
  {
    re: "(?:\\?\\s*|query |qry |known |hx of |h/o |pmh:? )as(?=\\s*(?:[-–,.;:)/]|$))|ax ?spa|axial spa|axial spondylo\\w*|ankylosing spondylitis|spondyloarth\\w*|inflammatory back pain|inflammatory (?:lbp|pain|features|picture|pattern|cause|sounding)|\\?\\s*inflammatory|ibp|sacroiliitis|hla-?b27(?: positive| \\+ve)?",
    ids: ["axspa_suspected"],
    says: doubtOrYes,
  },
  {
    re: "non[- ]?msk(?: cause| pathology)?|multiple sclerosis|\\?\\s*ms|parkinson\\w*|motor neuron\\w* disease|mnd|peripheral neuropathy|neuropathy|shingles|herpes zoster|endometriosis|gynae\\w* cause",
    ids: ["non_msk_suspected"],
    says: doubtOrYes,
  },
  { re: "lump|bump|(?:soft tissue )?mass|lipoma|ganglion|swelling on", ids: ["lump"] },
  {
    re: "(?:growing|enlarging|increasing|getting bigger|rapidly growing|expanding|deep|painful|recurrent|recurring|hard|fixed) (?:lump|mass|swelling)|(?:lump|mass) (?:is )?(?:growing|enlarging|getting bigger|increasing in size|deep to fascia|recurred|came back|back after removal)|(?:[6-9]|[1-9]\\d)(?:\\.\\d+)? ?cm (?:lump|mass)|(?:lump|mass) (?:of |measuring |about |approx\\.? )?(?:[6-9]|[1-9]\\d)(?:\\.\\d+)? ?cm|(?:>|over|more than|bigger than|larger than) ?5 ?cm",
    ids: ["lump", "lump_concerning"],
  },
  {
    re: `(?:${TENDON}) (?:tendon )?(?:rupture|ruptured|tear|torn|snapped)|(?:ruptured|torn|snapped|tear of|rupture of)(?: the| his| her)? (?:${TENDON})(?: tendon)?|(?:heard|felt) a (?:pop|snap)|(?:positive|\\+ve) (?:simmonds|thompson)'?s?|(?:simmonds|thompson)'?s? (?:test )?(?:positive|\\+ve)|acute (?:soft tissue|tendon) injury`,
    ids: ["acute_soft_tissue_injury"],
  },
  {
    re: `(?:(?:acute|sudden|sudden onset|acute onset),? (?:and )?)?(?:severe|excruciating|intense|unbearable|agonising|agonizing) (?:acute )?(?:lower |low |upper |mid |thoracic |thoracic back |interscapular |chest wall )?(?:${PAIN})|(?:${PAIN}) (?:9|10)/10|(?:9|10)/10(?: pain)?|excruciating|in agony|unbearable`,
    ids: ["acute_severe_pain"],
  },
  {
    re: "off work|signed off|(?:unable to|can'?t|cannot) work|(?:unable to|can'?t|cannot) (?:care for|look after) (?:his|her|their)?\\s*(?:children|kids|dependants?|mother|father|wife|husband|partner|baby)|not coping|(?:unable to|can'?t|cannot) (?:do|manage) (?:his|her|their)? ?(?:job|adls|daily activities|self[- ]care)|significant(?:ly)? (?:loss of function|functional (?:loss|impairment))",
    ids: ["functional_impairment"],
  },
  {
    re: "complex needs|high pain (?:levels|scores)?|complex (?:pain|presentation)|pain complex",
    ids: ["high_pain_complex"],
  },
  {
    re: "post[- ]?op(?:erative|eratively)?|s/p|(?:recent|following|after|post|\\d+ (?:weeks?|wks?|/52) post) (?:op|operation|surgery|acl reconstruction|arthroscopy|rotator cuff repair|orif|fixation|procedure)",
    ids: ["recent_surgery"],
  },
  // A joint replacement leaves a prosthetic joint, an infection risk, for good.
  {
    re: `(?:recent|following|after|post|s/p|\\d+ (?:days?|weeks?|wks?|/7|/52|months?|/12) post) (?:an? )?(?:(?:l|r|lt|rt|left|right|revision) )?(?:${REPLACEMENT})`,
    ids: ["recent_surgery", "infection_risk"],
  },
  {
    re: `(?:previous|prev|old|had (?:an? )?|has (?:an? )?|hx of|h/o|history of|known) (?:(?:l|r|lt|rt|left|right|bilateral|bilat) )?(?:${REPLACEMENT})|(?:(?:l|r|lt|rt|left|right) )?(?:${REPLACEMENT}) (?:in |done in |\\()?(?:19|20)\\d\\d|(?:19|20)\\d\\d (?:(?:l|r|lt|rt|left|right) )?(?:${REPLACEMENT})`,
    ids: ["infection_risk"],
  },
  {
    re: "(?:recent|healed|healing|post|following|after|old) (?:a )?(?:fracture|#|dislocation|injury|sprain)|(?:fracture|#) (?:managed|healed|treated|fixed|in (?:cast|pot|boot))|out of (?:cast|pot|boot|plaster)|(?:sprained|rolled|twisted|went over on) (?:his |her |their |an |the )?(?:ankle|knee|wrist)|ankle sprain|sprain",
    ids: ["recent_injury"],
  },
  {
    re: "(?:for|wants|wanting|considering|consider|requesting|requests|discuss|candidate for|listed for|referral for|refer for|\\?) ?(?:an? )?(?:injection|csi|steroid injection|surgery|surgical opinion|surgical review|joint replacement|replacement|tkr|thr|ortho(?:paedic)? (?:opinion|review|referral)|spinal (?:surgeon|surgical) (?:opinion|review)|specialist (?:opinion|review))|(?:needs?|wants?|requests?|requires?|for) (?:an? )?(?:specialist|surgical|ortho\\w*|spinal surgical) (?:opinion|review|referral)|surgical candidate",
    ids: ["specialist_opinion"],
  },
  {
    re: "failed (?:conservative(?: (?:management|mx|tx|treatment|care))?|physio\\w*|(?:\\d+|several|multiple) (?:sessions|courses) of physio\\w*)|(?:no|not|minimal|little) (?:improvement|better|improved|change|benefit|relief) (?:with|after|from|despite|following) (?:physio\\w*|conservative\\s*\\w*|rehab|exercises?)|despite (?:\\d+ (?:sessions of |weeks of |months of )?)?(?:physio\\w*|conservative\\s*\\w*|rehab)|not (?:settling|settled|improving|improved|resolving|resolved|responding|getting better|helped) (?:with|after|despite|following|to|by) (?:physio\\w*|conservative\\s*\\w*|rehab|exercises?)|physio (?:not|hasn'?t|has not|didn'?t|did not) help\\w*|(?:unresponsive|refractory) to (?:physio\\w*|conservative\\s*\\w*)|exhausted conservative\\s*\\w*",
    ids: ["failed_conservative"],
  },
  {
    re: "(?:wants|want|wanting|requesting|requests|request|asking for|asks for|demanding|just wants|only wants|can i (?:get|order|request)|can we (?:get|order|request)|gp wants|pt wants|patient wants) (?:an? |to (?:get|have) an? )?(?:mri|scan|x-?ray|imaging)(?: only)?|(?:mri|scan|imaging|x-?ray) (?:only|request)",
    ids: ["wants_scan_only"],
  },
  {
    re: "pacemaker|icd|cochlear implants?|neurostimulator|spinal cord stimulator|metal(?:lic)? (?:fragments?|foreign body|in (?:his |her )?eyes?)|shrapnel|aneurysm clips?|(?:drug|insulin|intrathecal) pump",
    ids: ["mri_contraindication"],
  },
];
