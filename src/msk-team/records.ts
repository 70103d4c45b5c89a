import type { ConversationReference } from "botbuilder";
import type { MskReply } from "../../cards/msk-team/views.js";
import type { FindingId, Findings, Region, RouteCode, Urgency } from "../../rules/vocabulary.js";

// What the MSK team feature keeps in the state store (memory or blob, shared by every instance).
// No patient identifier and nothing the clinician typed except the redacted question.

/** Teams and Slack queues are separate: a query goes to the queue of the platform it was asked on. */
export type Platform = "teams" | "slack";

/** Where the queue's posts go. */
export type QueueTarget =
  | {
      platform: "teams";
      serviceUrl: string;
      /** The conversation the queue was set in (a channel thread or a group chat). */
      conversation: { id: string; conversationType?: string; tenantId?: string; isGroup?: boolean };
      bot: { id: string; name?: string };
      /** A Teams channel gets a new post per query; a group chat gets a new message. */
      teamsChannelId?: string;
      tenantId?: string;
    }
  | { platform: "slack"; team: string; channel: string };

export interface QueueRecord {
  active: boolean;
  target?: QueueTarget;
  setAt?: string;
  /** Query numbers keep counting when a queue is ended and set again, so numbers never repeat. */
  lastNumber: number;
  /** Ids of queries not yet answered, oldest first. */
  open: string[];
}

/** The anonymised case that travels with a query. */
export interface QueryCase {
  triageId: string;
  region: Region;
  route: RouteCode;
  urgency: Urgency;
  routeTitle: string;
  /** `sourceText`: the source by name, as clinicians read it. */
  rules: Array<{ id: string; name: string; source: string; sourceText?: string }>;
  rulesVersion: string;
  yes: FindingId[];
  unsure: FindingId[];
  /** The answers themselves (never shown to the team): a changed route is worked out from them. */
  findings: Findings;
}

/** Where a message of the queue was posted (a query may be posted again as a reminder). */
export interface PostRef {
  conversationId: string;
  activityId?: string;
}

export interface QueryRecord {
  id: string;
  number: number;
  platform: Platform;
  askedAt: string;
  lastPostedAt?: string;
  reminders: number;
  case: QueryCase;
  /** The clinician's question with identifiers removed, at most 500 characters. */
  question?: string;
  /** The conversation the clinician asked from; dropped once the reply has been delivered. */
  asker?: Partial<ConversationReference>;
  posts: PostRef[];
  reply?: { kind: MskReply; route?: RouteCode; note?: string; at: string };
}
