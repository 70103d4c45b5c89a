import { describe, expect, it } from "vitest";
import { decide } from "../../rules/engine/decide.js";
import type { Findings, Region, RouteCode } from "../../rules/vocabulary.js";
import { answerFrom, play } from "./clinician.js";
import { botHarness, TODAY } from "./harness.js";

// One whole conversation per route family, through the real bot and real cards: the clinician
// answers whatever is asked from the case's findings (details not listed are answered "no", or
// "not sure" where the pack reads a missing answer as unsure). The outcome entity must carry the
// route the rules core gives for exactly the answers given: the dialog decides nothing itself.

type Row = [family: string, region: Region, findings: Findings, route: RouteCode];

const ROWS: Row[] = [
  [
    "ED via CES (saddle numbness under 2 weeks)",
    "NEL",
    { body_area: "lumbar", age: 45, saddle_anaesthesia: true, ces_symptom_weeks: 1, cancer_history: false },
    "ED_NOW",
  ],
  [
    "MSCC (CES picture with known cancer)",
    "NEL",
    {
      body_area: "lumbar",
      age: 66,
      saddle_anaesthesia: true,
      bladder_bowel_dysfunction: true,
      ces_symptom_weeks: 0.5,
      ces_worsening: true,
      cancer_history: true,
    },
    "MSCC_COORDINATOR",
  ],
  [
    "cancer pathway (past cancer, new thoracic pain)",
    "NEL",
    { body_area: "thoracic", age: 64, cancer_history: true, under_oncology: false },
    "CANCER_PATHWAY",
  ],
  [
    "sarcoma (concerning limb lump)",
    "NEL",
    { body_area: "limb", age: 55, lump: true, lump_concerning: true },
    "SARCOMA_PATHWAY",
  ],
  [
    "radiology (plain lump)",
    "NEL",
    { body_area: "limb", age: 42, lump: true, lump_concerning: false },
    "RADIOLOGY",
  ],
  [
    "fracture clinic (acute soft-tissue injury)",
    "NEL",
    { body_area: "limb", age: 46, acute_soft_tissue_injury: true, suspected_fracture: false },
    "FRACTURE_CLINIC",
  ],
  [
    "VFF pathway",
    "NEL",
    {
      body_area: "lumbar",
      age: 79,
      minor_trauma_fragile: true,
      osteoporosis_risk: true,
      vff_suspected: true,
      cancer_history: false,
    },
    "VFF_PATHWAY",
  ],
  [
    "urgent APP (saddle numbness for 3 weeks, stable)",
    "NEL",
    {
      body_area: "lumbar",
      age: 45,
      saddle_anaesthesia: true,
      ces_symptom_weeks: 3,
      ces_worsening: false,
      radiculopathy: true,
      cancer_history: false,
    },
    "URGENT_APP",
  ],
  [
    "urgent physio (rehab after surgery)",
    "NEL",
    { body_area: "limb", age: 27, recent_surgery: true },
    "URGENT_PHYSIO",
  ],
  [
    "rheumatology (inflammatory back pain)",
    "NEL",
    { body_area: "lumbar", age: 28, axspa_suspected: true, cancer_history: false },
    "RHEUMATOLOGY",
  ],
  [
    "routine APP (failed conservative care)",
    "NEL",
    { body_area: "limb", age: 59, failed_conservative: true },
    "ROUTINE_APP",
  ],
  [
    "routine physio (mechanical back pain)",
    "NEL",
    { body_area: "lumbar", age: 35, cancer_history: false },
    "ROUTINE_PHYSIO",
  ],
  ["paediatric (age 15)", "NEL", { body_area: "limb", age: 15 }, "PAEDIATRIC"],
  // Region packs change routes: the same answers, another region's conversation.
  [
    "NWL: saddle numbness for 3 weeks goes to ED",
    "NWL",
    {
      body_area: "lumbar",
      age: 45,
      saddle_anaesthesia: true,
      ces_symptom_weeks: 3,
      ces_worsening: false,
      radiculopathy: true,
      cancer_history: false,
    },
    "ED_NOW",
  ],
  [
    "BNSSG: suspected infection without neurology goes to direct MRI",
    "BNSSG",
    {
      body_area: "lumbar",
      age: 36,
      fever_or_unwell: false,
      infection_risk: true,
      infection_suspected: true,
      cancer_history: false,
    },
    "DIRECT_MRI",
  ],
  [
    "BNSSG: suspected malignancy without neurology goes to direct MRI",
    "BNSSG",
    {
      body_area: "lumbar",
      age: 68,
      cancer_history: false,
      weight_loss: true,
      night_pain: true,
      malignancy_suspected: true,
    },
    "DIRECT_MRI",
  ],
];

describe("route families through the conversation", () => {
  it.each(ROWS)("%s (%s)", async (_family, region, findings, route) => {
    const bot = botHarness({ region });
    const played = await play(bot.say, bot.pack, answerFrom(bot.pack, findings, "newham"), {
      mode: "mixed",
      updates: () => bot.adapter.updates,
    });
    const decided = decide(bot.pack, played.answers, { today: TODAY });

    expect(played.outcome?.route).toBe(route);
    expect(played.outcome).toMatchObject({
      type: "mskTriageOutcome",
      route: decided.route,
      urgency: decided.urgency,
      rulesVersion: bot.pack.rulesVersion,
    });
    expect(played.outcome?.rules.map((r) => r.id)).toEqual(decided.rules.map((r) => r.id));
    // Every finding the case states that the bot asked about was answered from the case.
    for (const id of played.asked) expect(id in played.answers).toBe(true);
    expect(bot.errors).toEqual([]);
  });

  it("the same answers end differently in NEL and NWL (region pack, not dialog code)", async () => {
    const cesThreeWeeks = ROWS[7]?.[2] as Findings;
    const routes: string[] = [];
    for (const region of ["NEL", "NWL"] as const) {
      const bot = botHarness({ region });
      const played = await play(bot.say, bot.pack, answerFrom(bot.pack, cesThreeWeeks, "newham"), {
        updates: () => bot.adapter.updates,
      });
      routes.push(played.outcome?.route ?? "none");
    }
    expect(routes).toEqual(["URGENT_APP", "ED_NOW"]);
  });
});
