// Where a Slack conversation lives: a workspace, a channel (or DM) and, for channel mentions and
// slash commands, the thread the bot answers in. It is encoded in the Bot Framework conversation id,
// so conversation state is keyed per thread exactly as Teams state is keyed per conversation.

export interface SlackThread {
  team: string;
  channel: string;
  /** Root message ts of the thread the bot answers in; absent for a DM's main timeline. */
  threadTs?: string;
}

const SEP = ":";

export function conversationIdOf(t: SlackThread): string {
  return [t.team, t.channel, t.threadTs ?? ""].join(SEP);
}

export function threadOf(conversationId: string): SlackThread {
  const [team = "", channel = "", threadTs = ""] = conversationId.split(SEP);
  if (!channel) throw new Error("not a Slack conversation id");
  return threadTs ? { team, channel, threadTs } : { team, channel };
}

/** D... ids are direct messages with the app; C.../G... are channels and group DMs. */
export function isDirectMessage(channel: string): boolean {
  return channel.startsWith("D");
}
