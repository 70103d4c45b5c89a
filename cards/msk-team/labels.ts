// Words of the MSK team query card and its buttons, shared by both renderers.

export const MSK_LABELS = {
  queryTitle: (n: number) => `MSK query ${n}`,
  reminderTitle: (n: number) => `Reminder: MSK query ${n} is still open`,
  askedAt: "Asked",
  route: "Route",
  urgency: "Urgency",
  guideline: "Guideline",
  yes: "Answered yes",
  unsure: "Answered or counted as unsure",
  none: "none",
  rules: "Rules",
  question: "Question from the clinician",
  noQuestion: "No question: the clinician asks the team to check the route.",
  anonymised:
    "Anonymised case: no patient identifiers. Reply with a button; the clinician gets it where they asked.",
  newRoute: "New route (for Change route)",
  note: "Note for the clinician (for Change route; no patient identifiers)",
  agree: "Agree",
  change: "Change route",
  call: "Call me",
  askButton: "Ask the MSK team",
} as const;

/** The value every reply button carries (docs/interfaces.md: Teams `data`, Slack `value`). */
export function replyData(queryId: string, reply: "agree" | "change" | "call") {
  return { action: "mskReply", queryId, reply } as const;
}

/** What "Ask the MSK team" carries on the outcome card. */
export const ASK_DATA = { action: "askMskTeam" } as const;
