// Slack mrkdwn helpers. Slack reads `&`, `<` and `>` as control characters (links, mentions),
// so any text from a view is escaped before it goes into a mrkdwn field.

export function escapeMrkdwn(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/** `<url|title>` with the title escaped and the characters that would end the link encoded. */
export function mrkdwnLink(url: string, title: string): string {
  const safeUrl = url
    .replaceAll("|", "%7C")
    .replaceAll("<", "%3C")
    .replaceAll(">", "%3E")
    .replaceAll(" ", "%20");
  const safeTitle = escapeMrkdwn(title).replaceAll("|", "/");
  return `<${safeUrl.replaceAll("&", "&amp;")}|${safeTitle}>`;
}

/** Plain-text fields (header, button, option) have hard limits: cut with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/**
 * Splits escaped mrkdwn into chunks of at most `max` characters, preferring line and word
 * boundaries and never cutting an `&amp;`-style entity in half. Nothing is dropped.
 */
export function splitMrkdwn(text: string, max: number): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf("\n", max);
    if (cut < max / 2) cut = rest.lastIndexOf(" ", max);
    if (cut < max / 2) {
      cut = max;
      const amp = rest.lastIndexOf("&", cut);
      if (amp > cut - 6 && !rest.slice(amp, cut).includes(";")) cut = amp;
    }
    chunks.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^[\n ]/, "");
  }
  if (rest.length > 0 || chunks.length === 0) chunks.push(rest);
  return chunks;
}
