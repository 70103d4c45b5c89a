// Counts what a clinician reads on an Adaptive Card before tapping anything: every TextBlock and
// RichTextBlock, and every fact of a FactSet, that is not inside an element hidden until a toggle
// (isVisible: false) or a card behind Action.ShowCard.

type Node = Record<string, unknown>;

export function visibleTextBlocks(card: Node): number {
  return count(card.body);
}

function count(value: unknown): number {
  if (Array.isArray(value)) return value.reduce<number>((n, v) => n + count(v), 0);
  if (value === null || typeof value !== "object") return 0;
  const node = value as Node;
  if (node.isVisible === false) return 0;
  if (node.type === "Action.ShowCard") return 0;
  if (node.type === "TextBlock" || node.type === "RichTextBlock") return 1;
  if (node.type === "FactSet") return Array.isArray(node.facts) ? node.facts.length : 0;
  let n = 0;
  for (const [key, v] of Object.entries(node)) {
    // A card's own actions (ShowCard) hold cards shown only after a tap.
    if (key === "card") continue;
    n += count(v);
  }
  return n;
}
