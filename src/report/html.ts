import type { Chart } from "./charts.js";
import type { ConcernCase, Figures } from "./figures.js";

// The report as one HTML file: inline CSS, charts as inline SVG, no script, and a content
// security policy that forbids loading anything, so it opens the same offline, from an email
// attachment or a shared drive.

const CONCERN_WORDS: Record<string, string> = {
  too_low: "urgency too low",
  too_high: "urgency too high",
  wrong_pathway: "wrong pathway",
  other: "other",
};

export function reportHtml(f: Figures, charts: Chart[], generatedAt: Date): string {
  const summary: Array<[string, string]> = [
    ["Triages with an outcome", String(f.triages)],
    ["Outcomes shown (including early emergency outcomes)", String(f.outcomesShown)],
    [
      "Triages using the clinician's own words",
      `${f.freeTextTriages} (${percent(f.freeTextTriages, f.triages)})`,
    ],
    ["Median time to outcome", f.timeToOutcome.median === undefined ? "-" : `${f.timeToOutcome.median} s`],
    ["MSK team queries (answered)", `${f.msk.queries} (${f.msk.replied})`],
    ["Concerns reported", String(f.concerns.total)],
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>MSK triage governance report ${esc(f.period.from)} to ${esc(f.period.to)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>MSK red-flag triage: governance report</h1>
<p class="period">${esc(f.period.from)} to ${esc(f.period.to)} (UTC) &middot; generated ${esc(generatedAt.toISOString().slice(0, 16).replace("T", " "))} UTC</p>
<p class="note">From the anonymised audit: route, urgency, rules and finding codes, counts and times. No patient or user identifiers are kept. Routes and findings are shown by their codes (docs/clinical-rules.md).</p>
</header>
<main>
<section aria-labelledby="summary"><h2 id="summary">Summary</h2>
<table class="summary"><tbody>
${summary.map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${esc(v)}</td></tr>`).join("\n")}
</tbody></table>
</section>
${charts.map(chartSection).join("\n")}
<section aria-labelledby="concerns-cases"><h2 id="concerns-cases">Concerns and their cases</h2>
${concernTable(f.concerns.cases)}
</section>
</main>
</body>
</html>
`;
}

function chartSection(c: Chart): string {
  const body = c.svg
    ? `<figure class="chart">${c.svg}</figure>`
    : `<p class="empty">${esc(c.empty ?? "")}</p>`;
  return `<section class="chart-section" id="${esc(c.id)}" aria-labelledby="${esc(c.id)}-title"><h2 id="${esc(c.id)}-title">${esc(c.title)}</h2>\n${body}\n</section>`;
}

function concernTable(cases: ConcernCase[]): string {
  if (cases.length === 0) return `<p class="empty">No concerns were reported in this period.</p>`;
  const rows = cases.map((c) => {
    const o = c.outcome;
    const outcome = o
      ? `<code>${esc(o.route)}</code><br>${esc(o.urgency)}${o.additional.length ? `<br>also: ${o.additional.map((a) => `<code>${esc(a.route)}</code> (${esc(a.rule)})`).join(", ")}` : ""}`
      : `<span class="missing">${c.triageId ? "outcome record not found" : "not linked to a triage"}</span>`;
    const findings = o
      ? `${list("yes", o.findingsYes)}${list("unsure", o.findingsUnsure)}<br><span class="small">${o.answers} answers</span>`
      : "";
    return `<tr class="concern" data-kind="${esc(c.kind)}">
<td>${esc(c.at.replace("T", " "))}</td>
<td><code>${esc(c.kind)}</code><br>${esc(CONCERN_WORDS[c.kind] ?? "")}</td>
<td>${c.note ? esc(c.note) : '<span class="missing">no note</span>'}</td>
<td>${outcome}</td>
<td>${o ? o.rules.map((r) => `<code>${esc(r)}</code>`).join(" ") : ""}</td>
<td>${findings}</td>
<td>${o ? `${esc(o.region)}<br><span class="small">${esc(o.rulesVersion)}</span>` : ""}<br><span class="small">triage ${esc((c.triageId ?? "-").slice(0, 8))}</span></td>
</tr>`;
  });
  return `<table class="cases"><thead><tr><th>reported (UTC)</th><th>concern</th><th>note (identifiers removed)</th><th>outcome shown</th><th>rules</th><th>findings</th><th>guideline, case</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table>`;
}

function list(label: string, ids: string[]): string {
  return ids.length
    ? `<div><b>${esc(label)}:</b> ${ids.map((i) => `<code>${esc(i)}</code>`).join(" ")}</div>`
    : "";
}

function percent(n: number, of: number): string {
  return of === 0 ? "-" : `${Math.round((100 * n) / of)}%`;
}

export function esc(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const CSS = `
body{font-family:Arial,Helvetica,sans-serif;margin:0;color:#212b32;background:#f0f4f5}
header{background:#005eb8;color:#fff;padding:16px 24px}
header h1{margin:0 0 4px;font-size:24px}
header p{margin:2px 0}
.note{font-size:13px;opacity:.9}
main{padding:8px 24px 32px;display:grid;grid-template-columns:repeat(auto-fill,minmax(520px,1fr));gap:16px}
section{background:#fff;border-radius:4px;padding:12px 16px;box-shadow:0 1px 2px rgba(0,0,0,.15)}
section:last-child{grid-column:1/-1}
h2{font-size:18px;margin:4px 0 12px}
figure{margin:0;overflow-x:auto}
table{border-collapse:collapse;font-size:13px}
.summary th{text-align:left;font-weight:normal;padding:4px 16px 4px 0}
.summary td{font-weight:bold;padding:4px 0}
.cases{width:100%}
.cases th,.cases td{border-bottom:1px solid #d8dde0;padding:6px;text-align:left;vertical-align:top}
.cases thead th{background:#e8edee}
code{font-family:Consolas,monospace;font-size:12px;background:#f0f4f5;padding:0 2px}
.small{font-size:11px;color:#4c6272}
.missing,.empty{color:#4c6272;font-style:italic}
`;
