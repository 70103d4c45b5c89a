import type { SourceData } from "./schema.js";

// Packs cite their sources by short ids ("000 exclusions (MSCC); NICE NG234"), which keep the JSON
// readable for reviewers. Clinicians see the names instead: every id must resolve to a source in
// the pack's `sources`, or the pack does not load.

/** One citation ("000 §Urgent tier 2 (DCM); GIRFT CES") as a clinician reads it. */
export function nameSources(sources: Record<string, SourceData>, cited: string): string {
  const keys = Object.keys(sources).sort((a, b) => b.length - a.length);
  return cited
    .split(";")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const key = keys.find((k) => part === k || part.startsWith(`${k} `) || part.startsWith(`${k}:`));
      if (key === undefined) throw new Error(`source "${part}" is not in the pack's sources`);
      const s = sources[key] as SourceData;
      const detail = cleanDetail(part.slice(key.length));
      return `${s.title} (${s.version})${detail ? `: ${detail}` : ""}`;
    })
    .join("; ");
}

function cleanDetail(rest: string): string {
  let d = rest
    .trim()
    .replace(/^:\s*/, "")
    .replace(/§\s*/g, "")
    .replace(/\s*\[silent[^\]]*\]/g, " (the sources are silent: a conservative choice for sign-off)")
    .trim();
  if (/^\([^()]*\)$/.test(d)) d = d.slice(1, -1);
  return d;
}
