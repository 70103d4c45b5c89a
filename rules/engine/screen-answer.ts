import type { Screen } from "../outcome.js";
import type { FindingId, Findings } from "../vocabulary.js";

// What one answer to a screen means. Ticked items are yes whichever button was pressed; "None of
// these" and "These" make the rest no; "Not sure" leaves the rest to be asked one by one. Nothing
// here guesses: an id that is not on the screen, or "These" with nothing ticked, is refused.

export type ScreenButton = "none" | "these" | "unsure";

export type ScreenAnswer =
  | { ok: true; findings: Findings; oneByOne: FindingId[] }
  | { ok: false; reason: string };

export function answerScreen(screen: Screen, button: ScreenButton, ticked: readonly string[]): ScreenAnswer {
  const ids = screen.items.map((q) => q.id);
  const stray = ticked.filter((id) => !(ids as string[]).includes(id));
  if (stray.length > 0) return { ok: false, reason: "That answer names findings that are not on this card." };
  const yes = new Set(ticked);
  if (button === "these" && yes.size === 0)
    return { ok: false, reason: "Nothing was ticked. Tick the ones present, or choose 'None of these'." };
  const findings: Record<string, boolean> = {};
  const rest: FindingId[] = [];
  for (const id of ids) {
    if (yes.has(id)) findings[id] = true;
    else if (button === "unsure") rest.push(id);
    else findings[id] = false;
  }
  return { ok: true, findings: findings as Findings, oneByOne: rest };
}
