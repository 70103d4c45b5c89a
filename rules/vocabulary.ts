// The clinical vocabulary is a contract with outside tools (the urgency levels (docs/clinical-rules.md)-§4, docs/interfaces.md §1):
// ids may be added, never renamed. Everything else about them (questions, sources, order) is data
// in rules/packs/.

export const URGENCY_LEVELS = [
  "routine",
  "standard",
  "urgent",
  "two_week",
  "within_1_week",
  "within_72h",
  "within_24h",
  "emergency",
] as const;
export type Urgency = (typeof URGENCY_LEVELS)[number];

/** Rank as in the urgency levels (docs/clinical-rules.md): routine 0 ... emergency 7. */
export function urgencyRank(u: Urgency): number {
  return URGENCY_LEVELS.indexOf(u);
}

export const ROUTE_CODES = [
  "ED_NOW",
  "MSCC_COORDINATOR",
  "ONCOLOGY_TEAM",
  "CANCER_PATHWAY",
  "SARCOMA_PATHWAY",
  "DIRECT_MRI",
  "VFF_PATHWAY",
  "FRACTURE_CLINIC",
  "URGENT_APP",
  "URGENT_PHYSIO",
  "RHEUMATOLOGY",
  "RADIOLOGY",
  "NON_MSK",
  "PAEDIATRIC",
  "ROUTINE_APP",
  "ROUTINE_PHYSIO",
] as const;
export type RouteCode = (typeof ROUTE_CODES)[number];

export const PATHWAY_KEYS = [
  "CES",
  "MSCC",
  "VFF",
  "DCM",
  "SARCOMA",
  "CANCER",
  "AXSPA",
  "SERIOUS_PATHOLOGY",
  "GETUBETTER",
  "LBP",
  "IMAGING",
  "MRI_LEAFLETS",
  "STARTBACK",
] as const;
export type PathwayKey = (typeof PATHWAY_KEYS)[number];

export const BODY_AREAS = ["lumbar", "thoracic", "cervical", "limb"] as const;
export type BodyArea = (typeof BODY_AREAS)[number];

export const REGIONS = ["NEL", "NWL", "BNSSG"] as const;
export type Region = (typeof REGIONS)[number];

export const BOOL_FINDINGS = [
  "saddle_anaesthesia",
  "bladder_bowel_dysfunction",
  "sexual_dysfunction",
  "bilateral_leg_symptoms",
  "ces_worsening",
  "motor_weakness",
  "foot_drop",
  "sensory_deficit",
  "radiculopathy",
  "neuro_progressing",
  "gross_functional_deficit",
  "gait_disturbance",
  "myelopathy_signs",
  "fever_or_unwell",
  "infection_risk",
  "hot_swollen_joint",
  "infection_suspected",
  "acute_medical_cause_suspected",
  "child_red_flag",
  "cancer_history",
  "under_oncology",
  "weight_loss",
  "night_pain",
  "malignancy_suspected",
  "high_energy_trauma",
  "suspected_fracture",
  "minor_trauma_fragile",
  "osteoporosis_risk",
  "vff_suspected",
  "structural_deformity",
  "axspa_suspected",
  "non_msk_suspected",
  "lump",
  "lump_concerning",
  "acute_soft_tissue_injury",
  "acute_severe_pain",
  "functional_impairment",
  "high_pain_complex",
  "recent_surgery",
  "recent_injury",
  "specialist_opinion",
  "failed_conservative",
  "wants_scan_only",
  "mri_contraindication",
] as const;
export type BoolFindingId = (typeof BOOL_FINDINGS)[number];

export const NUMBER_FINDINGS = [
  "age",
  "ces_symptom_weeks",
  "motor_power_grade",
  "motor_onset_weeks",
] as const;
export type NumberFindingId = (typeof NUMBER_FINDINGS)[number];

export const CHOICE_FINDINGS = ["body_area", "borough"] as const;
export type ChoiceFindingId = (typeof CHOICE_FINDINGS)[number];

export const FINDING_IDS = [...NUMBER_FINDINGS, ...CHOICE_FINDINGS, ...BOOL_FINDINGS] as const;
export type FindingId = (typeof FINDING_IDS)[number];

export const UNSURE = "unsure" as const;
export type Unsure = typeof UNSURE;

/** A case's findings as docs/interfaces.md §1 spells them. An absent finding means "no" (the findings, docs/clinical-rules.md). */
export type Findings = Partial<
  Record<BoolFindingId, boolean | Unsure> &
    Record<NumberFindingId, number | Unsure> &
    Record<"body_area", BodyArea | Unsure> &
    Record<"borough", string>
>;

export type FindingValue = boolean | number | string;

export function isFindingId(id: string): id is FindingId {
  return (FINDING_IDS as readonly string[]).includes(id);
}
