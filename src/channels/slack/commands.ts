import { ACK, type Ack, runTurn, type SlackDeps } from "./context.js";
import { NOT_IN_CHANNEL_NOTICE, slashRootText } from "./notices.js";
import { slashCommand } from "./payloads.js";
import { isDirectMessage, type SlackThread } from "./thread.js";
import { fromSlashCommand, isQueueCommand } from "./to-activity.js";

// POST /api/slack/commands: `/triage [quick check]`. In the app's DM it runs there; in a channel the
// bot opens a thread for it, so each triage has its own conversation and typed answers have a home.

export function handleCommand(deps: SlackDeps, body: unknown): Ack {
  const parsed = slashCommand.safeParse(body);
  if (!parsed.success) {
    deps.log.warn("slack_payload_ignored", { path: "commands", reason: "unrecognised command" });
    return ACK;
  }
  const c = parsed.data;
  let posted = true;
  return {
    ...ACK,
    work: {
      kind: "slash_command",
      run: async () => {
        const botUserId = await deps.identity.get();
        let thread: SlackThread = { team: c.team_id, channel: c.channel_id };
        // A triage gets its own thread; a queue command is answered in the channel itself.
        if (!isDirectMessage(c.channel_id) && !isQueueCommand(c.text)) {
          posted = false;
          const root = await deps.web.chat.postMessage({
            channel: c.channel_id,
            text: slashRootText(c.user_id),
          });
          posted = true;
          if (!root.ts) throw new Error("chat.postMessage returned no ts");
          thread = { ...thread, threadTs: root.ts };
        }
        deps.log.info("slack_command", { command: c.command });
        await runTurn(deps, fromSlashCommand(c, thread, botUserId));
      },
      // Not being able to post at all usually means the app is not in that channel.
      onFailure: () =>
        deps.notices.failure({ responseUrl: c.response_url }, posted ? undefined : NOT_IN_CHANNEL_NOTICE),
    },
  };
}
