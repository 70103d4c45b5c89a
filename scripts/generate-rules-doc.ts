import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import base from "../rules/packs/base.json" with { type: "json" };
import type { Pack } from "../rules/packs/compile.js";
import { buildPack, loadAllPacks } from "../rules/packs/index.js";
import type { AdviceText, ConditionData, PackData, QuestionData, RuleData } from "../rules/packs/schema.js";
import { URGENCY_LEVELS } from "../rules/vocabulary.js";

// Writes docs/clinical-rules.md from the region packs, so a clinical reviewer can sign the content
// off without reading JSON or code. `--check` exits 1 when the committed file is stale (CI runs it
// through test/rules/rules-doc.test.ts). The output goes through Biome's Markdown formatter so the
// committed file also passes `npm run lint`.
//
//   npm run docs:rules            write the file
//   npm run docs:rules -- --check compare only

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const OUT = "docs/clinical-rules.md";

/** Reader-facing names for the shared terms (presentation only; the conditions come from the pack). */
const TERM_TITLES: Record<string, string> = {
  any_ces: "any CES symptom",
  cancer_context: "cancer context",
  neuro: "neurology",
  spinal_area: "spinal area",
  back_area: "back area",
  spinal_context: "spinal context",
  metastasis_flags: "metastasis flags",
  ces_acute: "CES acute",
  weakness_acute: "weakness acute",
  cancer_flags: "cancer flags",
  infection_flags: "infection flags",
  fragility_flags: "fragility flags",
  lower_imaging_threshold: "lower imaging threshold",
};

const OPS = { lt: "<", lte: "≤", gt: ">", gte: "≥" } as const;

// ---------------------------------------------------------------------------------------------
// Plain-English conditions

interface Vocab {
  labels: Map<string, string>;
  areaTitles: Map<string, string>;
}

function vocabOf(data: PackData): Vocab {
  const labels = new Map(data.questions.map((q) => [q.id as string, q.label]));
  const area = data.questions.find((q) => q.id === "body_area");
  return { labels, areaTitles: new Map((area?.choices ?? []).map((c) => [c.value, c.title])) };
}

const termTitle = (id: string) => TERM_TITLES[id] ?? id.replaceAll("_", " ");

// Each finding is set in italics so that labels which contain "or" ("bladder or bowel change")
// cannot be misread as two conditions.

/** Lower-cases a label's first letter for use inside a sentence, keeping acronyms ("CES ..."). */
function inSentence(label: string): string {
  return /^[A-Z][A-Z]/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

function isCompound(c: ConditionData): boolean {
  return ("all" in c && c.all.length > 1) || ("any" in c && c.any.length > 1);
}

export function describeCondition(c: ConditionData, v: Vocab): string {
  const part = (x: ConditionData) =>
    isCompound(x) ? `(${describeCondition(x, v)})` : describeCondition(x, v);
  if ("always" in c) return "always";
  if ("term" in c) return `[${termTitle(c.term)}](#terms)`;
  if ("all" in c) return c.all.map(part).join(" and ");
  if ("any" in c) return c.any.map(part).join(" or ");
  if ("not" in c) return `not ${part(c.not)}`;
  const label = inSentence(v.labels.get(c.fact) ?? c.fact);
  if ("in" in c) {
    return `_main problem is ${orList(c.in, (a) => v.areaTitles.get(a) ?? a)}_`;
  }
  for (const op of ["lt", "lte", "gt", "gte"] as const) {
    const n = (c as Record<string, unknown>)[op];
    if (typeof n === "number") return `_${label}_ ${OPS[op]} ${n}`;
  }
  return `_${label}_`;
}

// ---------------------------------------------------------------------------------------------
// Markdown helpers

const cell = (s: string) => s.replaceAll("|", "\\|").replaceAll("\n", " ");
const code = (s: string) => `\`${s}\``;

function table(head: string[], rows: string[][]): string {
  const lines = [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`];
  for (const r of rows) lines.push(`| ${r.map(cell).join(" | ")} |`);
  return lines.join("\n");
}

function list<T>(items: T[], render: (x: T) => string, none = "none"): string {
  return items.length ? items.map(render).join(", ") : none;
}

/** "A", "A or B", "A, B or C". */
function orList<T>(items: T[], render: (x: T) => string): string {
  const parts = items.map(render);
  return parts.length > 1 ? `${parts.slice(0, -1).join(", ")} or ${parts.at(-1)}` : (parts[0] ?? "");
}

// ---------------------------------------------------------------------------------------------
// One region

function urgencyText(data: PackData, u: string): string {
  const x = data.urgencies[u as keyof PackData["urgencies"]];
  return x ? `${x.label} (${x.clock})` : u;
}

function ruleNotes(r: RuleData, v: Vocab): string {
  const notes: string[] = [];
  if (r.fallback) notes.push("Fallback: fires only when no other rule does.");
  for (const p of r.pathwaysWhen) notes.push(`Adds the ${p.key} link when ${describeCondition(p.when, v)}.`);
  if (r.supersedes) {
    notes.push(
      `When this certainly holds and no emergency rule fires, it replaces ${r.supersedes.map(code).join(", ")} and takes the most urgent of their urgencies.`,
    );
  }
  if (r.silent) notes.push(`**[silent]** ${r.silent}`);
  return notes.join(" ");
}

function rulesSection(data: PackData, v: Vocab): string {
  const rows = data.rules.map((r) => [
    `**${r.id}**`,
    r.name,
    describeCondition(r.when, v),
    `${code(r.route)} ${data.routes[r.route].title}`,
    urgencyText(data, r.urgency),
    list(r.pathways, (p) => p, ""),
    r.source,
    ruleNotes(r, v),
  ]);
  return [
    "### Rules, in order",
    "",
    "Every rule whose condition holds fires. The primary route is the most urgent route reached; on a tie, the first rule in this table wins. Every other route reached is listed on the card as an additional action with its own urgency.",
    "",
    table(["Rule", "Name", "Fires when", "Route", "Urgency", "Pathway links", "Source", "Notes"], rows),
  ].join("\n");
}

function answersOf(q: QuestionData): string {
  if (q.type === "bool") return "yes / no / unsure";
  if (q.type === "choice")
    return `${list(q.choices ?? [], (c) => c.title)}${q.absentMeans === "unsure" ? ", or unsure" : ""}`;
  const range = q.min !== undefined && q.max !== undefined ? ` ${q.min} to ${q.max}` : "";
  return `a number${range}${q.unit ? ` (${q.unit})` : ""}, or unsure`;
}

function askedWhen(q: QuestionData, data: PackData, v: Vocab): string {
  if (!q.askable)
    return "Never asked in conversation; accepted from the command line or read from free text.";
  const parts: string[] = [];
  if (q.askWhen) parts.push(`when ${describeCondition(q.askWhen, v)}`);
  if (q.askWhenRoute)
    parts.push(`only when the route would be ${orList(q.askWhenRoute, (r) => data.routes[r].title)}`);
  return parts.length ? parts.join("; ") : "always";
}

function ifMissing(q: QuestionData): string {
  if (q.absentMeans === "unsure") {
    const lu =
      q.leastUrgent === undefined
        ? ""
        : ` Until asked, the decision to stop early assumes ${JSON.stringify(q.leastUrgent)}.`;
    return `counts as **unsure** (principle 2).${lu}`;
  }
  if (q.type === "bool") return "counts as no";
  if (q.type === "number") return "not known: no rule uses it";
  return "no borough: the general community MSK text";
}

function questionNotes(q: QuestionData): string {
  const notes: string[] = [];
  if (q.judgement) notes.push("Judgement question (asked after the facts that raise it).");
  if (q.askBeforeEmergencyStop)
    notes.push("Asked before stopping on an emergency whenever a yes would change the route.");
  if (q.redFlag && q.askable) notes.push("Red flag: listed on the card as not asked if skipped.");
  return notes.join(" ");
}

function questionsSection(data: PackData, v: Vocab): string {
  const rows = data.questions.map((q, i) => [
    String(i + 1),
    code(q.id),
    q.text,
    answersOf(q),
    askedWhen(q, data, v),
    ifMissing(q),
    q.source,
    questionNotes(q),
  ]);
  return [
    "### Questions, in the order they are asked",
    "",
    "A question is skipped when its condition does not hold on the answers so far, or when no answer to it could change the primary route. Questioning stops once an emergency route is certain, that is, reached even if every detail not yet asked took its least urgent value.",
    "",
    table(["#", "Finding", "Question", "Answers", "Asked", "If not answered", "Source", "Notes"], rows),
  ].join("\n");
}

function triggerText(a: AdviceText, v: Vocab): string {
  if (!a.triggers) return "every outcome";
  return a.triggers
    .map((t) => {
      const parts: string[] = [];
      if (t.when) parts.push(describeCondition(t.when, v));
      if (t.whenRoute) parts.push(`the route is ${orList(t.whenRoute, code)}`);
      if (t.whenPathway) parts.push(`the ${orList(t.whenPathway, (p) => p)} link is shown`);
      return parts.join(", and ");
    })
    .join("; or ");
}

function adviceSection(title: string, items: AdviceText[], v: Vocab): string {
  return [
    `### ${title}`,
    "",
    table(
      ["Advice", "Shown when", "Source"],
      items.map((a) => [a.text, triggerText(a, v), a.source]),
    ),
  ].join("\n");
}

function routesSection(data: PackData): string {
  const rows = Object.entries(data.routes).map(([route, r]) => [
    code(route),
    r.title,
    r.action,
    data.referral.byRoute[route as keyof typeof data.referral.byRoute] ?? data.referral.community,
  ]);
  return ["### Routes", "", table(["Route", "Title", "What the clinician does", "Referral text"], rows)].join(
    "\n",
  );
}

function pathwaysSection(data: PackData): string {
  const rows = Object.entries(data.pathways).map(([key, p]) => [code(key), p.title, p.publisher, p.url]);
  return ["### Pathway links", "", table(["Key", "Title", "Publisher", "Link"], rows)].join("\n");
}

function suspicionSection(data: PackData, v: Vocab): string {
  return [
    "### Suspicion flags shown on the card",
    "",
    "These raise suspicion without deciding a route; the card counts them.",
    "",
    table(
      ["Flag", "When", "Source"],
      data.suspicionFlags.map((s) => [s.label, describeCondition(s.when, v), s.source]),
    ),
  ].join("\n");
}

function boroughSection(data: PackData): string {
  const boroughs = Object.entries(data.referral.boroughs);
  if (!boroughs.length) return "";
  return [
    "### Borough referral routes",
    "",
    "The card picks the entry by route, never by urgency alone: urgent APP uses tier 2 urgent, routine APP tier 2 routine, urgent physiotherapy tier 1 urgent, routine physiotherapy tier 1 routine.",
    "",
    table(
      [
        "Borough",
        "Provider",
        "Tier 1 routine",
        "Tier 1 urgent",
        "Tier 2 routine",
        "Tier 2 urgent",
        "Self-referral",
        "Note",
      ],
      boroughs.map(([key, b]) => [
        `${b.name} (${code(key)})`,
        b.provider,
        b.tier1.routine,
        b.tier1.urgent,
        b.tier2.routine,
        b.tier2.urgent,
        b.selfReferral,
        b.silent ? `**[silent]** ${b.silent}` : "",
      ]),
    ),
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------
// Differences from the shared base

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function differences(data: PackData, baseData: PackData, v: Vocab): string[] {
  const out: string[] = [];
  const baseRules = new Map(baseData.rules.map((r) => [r.id, r]));
  const ids = new Set(data.rules.map((r) => r.id));
  for (const r of baseData.rules)
    if (!ids.has(r.id)) out.push(`Rule **${r.id}** (${r.name}) does not apply.`);
  data.rules.forEach((r, i) => {
    const was = baseRules.get(r.id);
    if (!was) {
      const after = data.rules[i - 1]?.id;
      out.push(
        `Rule **${r.id}** (${r.name}) is added${after ? ` after ${after}` : ""}: ${describeCondition(r.when, v)} → ${code(r.route)} (${urgencyText(data, r.urgency)}).`,
      );
    } else if (!same(r, was)) {
      const changes: string[] = [];
      if (!same(r.when, was.when))
        changes.push(
          `fires when ${describeCondition(r.when, v)} (shared base: ${describeCondition(was.when, v)})`,
        );
      if (r.route !== was.route || r.urgency !== was.urgency)
        changes.push(
          `routes to ${code(r.route)} at ${urgencyText(data, r.urgency)} (shared base: ${code(was.route)} at ${urgencyText(data, was.urgency)})`,
        );
      if (!same(r.pathways, was.pathways)) changes.push(`links ${list(r.pathways, (p) => p)}`);
      if (r.name !== was.name) changes.push(`is named "${r.name}"`);
      if (r.source !== was.source) changes.push(`cites ${r.source}`);
      out.push(`Rule **${r.id}** ${changes.join("; ")}.`);
    }
  });
  for (const [route, r] of Object.entries(data.routes)) {
    if (!same(r, baseData.routes[route as keyof PackData["routes"]]))
      out.push(`Route ${code(route)} reads: "${r.title}: ${r.action}"`);
  }
  const baseQuestions = new Set(baseData.questions.map((q) => q.id));
  for (const q of data.questions)
    if (!baseQuestions.has(q.id)) out.push(`Question ${code(q.id)} is added: "${q.text}"`);
  for (const [key, title] of [
    ["imaging", "Imaging advice"],
    ["safetyNet", "Safety netting"],
  ] as const) {
    const known = new Set(baseData[key].map((a) => a.text));
    for (const a of data[key]) if (!known.has(a.text)) out.push(`${title} added: "${a.text}" (${a.source})`);
  }
  if (data.referral.community !== baseData.referral.community)
    out.push(`Community referral text: "${data.referral.community}"`);
  const boroughs = Object.keys(data.referral.boroughs).length;
  if (boroughs) out.push(`Has a borough referral table (${boroughs} boroughs).`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The whole document

function regionSection(pack: Pack, baseData: PackData): string {
  const data = pack.data;
  const v = vocabOf(data);
  const g = data.guideline;
  const diffs = differences(data, baseData, v);
  return [
    `## ${data.regionName} (${data.region})`,
    "",
    table(["Guideline", "Effective", "Review due", "Source"], [[g.version, g.effective, g.review, g.source]]),
    "",
    "The card says when the guidance is past its review date.",
    "",
    "### Differences from the shared base",
    "",
    diffs.length ? diffs.map((d) => `- ${d}`).join("\n") : "- None.",
    "",
    rulesSection(data, v),
    "",
    questionsSection(data, v),
    "",
    routesSection(data),
    "",
    boroughSection(data),
    "",
    adviceSection("Imaging advice", data.imaging, v),
    "",
    adviceSection("Safety netting", data.safetyNet, v),
    "",
    suspicionSection(data, v),
    "",
    pathwaysSection(data),
    "",
  ]
    .filter((s, i, all) => !(s === "" && all[i - 1] === ""))
    .join("\n");
}

function termsSection(data: PackData): string {
  const v = vocabOf(data);
  const rows = Object.entries(data.terms).map(([id, c]) => [`**${termTitle(id)}**`, describeCondition(c, v)]);
  return [
    "## Terms",
    "",
    "Named conditions shared by the rules and questions (the same in every region).",
    "",
    table(["Term", "Means"], rows),
  ].join("\n");
}

function urgencySection(data: PackData): string {
  const rows = [...URGENCY_LEVELS].reverse().map((u) => {
    const x = data.urgencies[u];
    return [code(u), String(URGENCY_LEVELS.indexOf(u)), x?.label ?? "", x?.clock ?? ""];
  });
  return ["## Urgency levels", "", table(["Level", "Rank", "Label", "Clock"], rows)].join("\n");
}

export function renderDocument(packs: Pack[], baseData: PackData): string {
  const first = packs[0]?.data ?? baseData;
  return [
    "# Clinical rules",
    "",
    "<!-- Generated by scripts/generate-rules-doc.ts from rules/packs/*.json. Do not edit by hand: run `npm run docs:rules`. -->",
    "",
    "What the triage bot decides and asks, region by region, written out from the region packs the bot runs on. The specification it implements is the team's RULES.md; sources are cited by seed file number and section (000 NEL, 001 NWL, 002 BNSSG, 003 spinal MRI guidance, 004 imaging adherence) or by national guidance.",
    "",
    "How to read the conditions:",
    "",
    '- A yes/no finding that was not answered counts as **no**, except the details marked "counts as unsure" in the questions table (principle 2).',
    '- An answer of **unsure** makes any condition that depends on it possibly true, and a possibly-true rule fires: unsure always leads to the more urgent route. This includes "not": if X is unsure, "not X" is possibly true as well.',
    "- **[silent]** marks a choice the sources do not make; each needs clinical sign-off.",
    "- Under oncology implies cancer history.",
    "",
    urgencySection(first),
    "",
    termsSection(first),
    "",
    ...packs.map((p) => regionSection(p, baseData)),
  ].join("\n");
}

function baseOnly(): PackData {
  const g = {
    version: "shared base",
    effective: "2000-01-01",
    review: "2999-01-01",
    source: "rules/packs/base.json",
  };
  return buildPack(base as Record<string, unknown>, {
    region: "NEL",
    regionName: "shared base",
    guideline: g,
  }).data;
}

function main(args: string[]) {
  const text = `${renderDocument(loadAllPacks(), baseOnly()).trimEnd()}\n`;
  const path = `${ROOT}${OUT}`;
  if (args.includes("--check")) {
    const committed = existsSync(path) ? readFileSync(path, "utf8") : "";
    if (committed !== text) {
      process.stderr.write(
        `${OUT} is out of date with rules/packs: run \`npm run docs:rules\` and commit it.\n`,
      );
      process.exitCode = 1;
      return;
    }
    process.stdout.write(`${OUT} is up to date.\n`);
    return;
  }
  writeFileSync(path, text);
  process.stdout.write(`wrote ${OUT}\n`);
}

// Run only as a script, so the renderer can be imported without writing the file.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
