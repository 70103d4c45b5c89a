// Teams and Slack both tell a one-to-one chat from a shared one (channel or group chat); the
// welcome and help say more about patient details in shared ones.

export function scopeOf(context: {
  activity: { conversation?: { conversationType?: string } };
}): "personal" | "shared" {
  const t = context.activity.conversation?.conversationType;
  return t === "channel" || t === "groupChat" ? "shared" : "personal";
}
