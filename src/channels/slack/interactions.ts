import { ACK, type Ack, runTurn, type SlackDeps } from "./context.js";
import { blockActions } from "./payloads.js";
import { fromBlockAction } from "./to-activity.js";

// POST /api/slack/interactions: clicks on the bot's buttons and choices in its select menus
// (block_actions). The payload is JSON inside the form field `payload`.

export function handleInteraction(deps: SlackDeps, body: unknown): Ack {
  const field = (body as { payload?: unknown } | undefined)?.payload;
  let json: unknown;
  try {
    json = typeof field === "string" ? JSON.parse(field) : undefined;
  } catch {
    json = undefined;
  }
  if ((json as { type?: unknown } | undefined)?.type !== "block_actions") {
    deps.log.warn("slack_payload_ignored", { path: "interactions", reason: "not block_actions" });
    return ACK;
  }
  const parsed = blockActions.safeParse(json);
  if (!parsed.success) {
    deps.log.warn("slack_payload_ignored", { path: "interactions", reason: "unrecognised block_actions" });
    return ACK;
  }
  const p = parsed.data;
  return {
    ...ACK,
    work: {
      kind: "block_actions",
      run: async () => {
        const botUserId = await deps.identity.get();
        const action = fromBlockAction(p, botUserId);
        if (!action.ok) {
          deps.log.warn("slack_payload_ignored", { path: "interactions", reason: action.reason });
          return;
        }
        deps.log.info("slack_action", { actionId: p.actions[0]?.action_id });
        await runTurn(deps, action.activity);
      },
      onFailure: () => deps.notices.failure({ responseUrl: p.response_url }),
    },
  };
}
