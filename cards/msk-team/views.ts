// The MSK team's query as the team sees it in its queue: the anonymised case, the clinician's
// redacted question, and the three replies. Rendered as an Adaptive Card (Teams) and Block Kit
// (Slack) by the files beside this one; src/msk-team composes it and posts it.

export type MskReply = "agree" | "change" | "call";

export interface MskQueryView {
  queryId: string;
  /** The query number the team and the clinician both see ("Query 7"). */
  number: number;
  /** Posted again because nobody has answered yet. */
  reminder: boolean;
  /** When the clinician asked, for display ("3 Dec 2026, 10:02 UTC"). */
  askedAt: string;
  routeTitle: string;
  route: string;
  urgency: string;
  /** Findings answered yes, as their labels. */
  yes: string[];
  /** Findings answered (or counted as) unsure, as their labels. */
  unsure: string[];
  /** "R20 Progressive neurology: source" */
  rules: string[];
  rulesVersion: string;
  /** The clinician's question with identifiers removed; absent when they skipped it. */
  question?: string;
  /** The routes the team may change to (code and title). */
  routeChoices: Array<{ value: string; title: string }>;
  /** Set once answered: the card then shows who answered and when, and has no buttons. */
  answered?: string;
}
