import type { Outcome } from "../../rules/outcome.js";

// Slack message metadata on the outcome message (docs/interfaces.md §3): integrations read the decision
// from here instead of parsing blocks. Payload values may be scalars or arrays of flat objects.

export interface OutcomeMetadata {
  event_type: "msk_triage_outcome";
  event_payload: {
    route: string;
    urgency: string;
    rules: Array<{ id: string; source: string }>;
    /** Further actions the outcome asks for alongside its route, as in the Teams entity. */
    additional: Array<{ route: string; urgency: string; rule: string }>;
    rulesVersion: string;
    /** Present when the MSK team changed the route on review. */
    reviewedBy?: "msk_team";
  };
}

export function outcomeMetadata(outcome: Outcome, reviewedBy?: "msk_team"): OutcomeMetadata {
  return {
    event_type: "msk_triage_outcome",
    event_payload: {
      ...(reviewedBy ? { reviewedBy } : {}),
      route: outcome.route,
      urgency: outcome.urgency,
      rules: outcome.rules.map((r) => ({ id: r.id, source: r.source })),
      additional: outcome.additional.map((a) => ({ route: a.route, urgency: a.urgency, rule: a.rule })),
      rulesVersion: outcome.rulesVersion,
    },
  };
}
