import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import base from "../rules/packs/base.json" with { type: "json" };
import type { Pack } from "../rules/packs/compile.js";
import { buildPack, loadAllPacks } from "../rules/packs/index.js";
import type { AdviceText, ConditionData, PackData, QuestionData, RuleData } from "../rules/packs/schema.js";
import { nameSources } from "../rules/packs/sources.js";
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
      `When this certainly holds, it replaces every other non-emergency rule except ${r.supersedes.except.join(", ")} and takes the most urgent of their urgencies.`,
    );
  }
  for (const x of r.variants)
    notes.push(
      `When ${describeCondition(x.when, v)} (or unsure): ${code(x.urgency)}${x.clock ? `, the card says "${x.clock}"` : ""}${x.action ? `; action: ${x.action}` : ""}`,
    );
  if (r.action) notes.push(`Action: ${r.action}`);
  if (r.contact) notes.push("The card shows the MSCC co-ordinator contact (adults).");
  if (r.silent) notes.push(`**[silent]** ${r.silent}`);
  return notes.join(" ");
}

const named = (data: PackData, cited: string) => nameSources(data.sources, cited);

function rulesSection(data: PackData, v: Vocab): string {
  const rows = data.rules.map((r) => [
    `**${r.id}**`,
    r.name,
    describeCondition(r.when, v),
    `${code(r.route)} ${data.routes[r.route].title}`,
    urgencyText(data, r.urgency),
    list(r.pathways, (p) => p, ""),
    named(data, r.source),
    ruleNotes(r, v),
  ]);
  return [
    "### Rules, in order",
    "",
    "Every rule whose condition holds fires. The primary route is the most urgent route reached; on a tie, a rule reached with certainty (not through an unsure or missing answer) leads, then the first rule in this table. Every other route reached is listed on the card as an additional action with its own urgency. While the cancer history is not yet answered, an emergency counts it as unsure, so the MSCC co-ordinator call is listed in parallel.",
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
  if (q.judgement)
    notes.push(
      "The clinician's own concern: always asked (alone and naming the facts when they raise it and a yes would change the route there, otherwise in the concern screen, which then names those facts).",
    );
  if (q.askedIn) notes.push(`Asked in ${q.askedIn.unit}; kept as the answer ÷ ${q.askedIn.divideBy}.`);
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
    named(data, q.source),
    questionNotes(q),
  ]);
  return [
    "### Questions, in the order they are asked",
    "",
    "The conversation follows the flow below; this table lists every finding. A detail question is skipped when its condition does not hold on the answers so far, or when no answer to it could change the primary route. Questioning stops once an emergency route is certain, that is, reached even if every detail not yet asked took its least urgent value.",
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

function adviceSection(title: string, items: AdviceText[], v: Vocab, data: PackData): string {
  return [
    `### ${title}`,
    "",
    table(
      ["Advice", "Shown when", "Source"],
      items.map((a) => [a.text, triggerText(a, v), named(data, a.source)]),
    ),
  ].join("\n");
}

function flowSection(data: PackData, v: Vocab): string {
  const rows = data.flow.map((step, i) => {
    if ("ask" in step) return [String(i + 1), `${code(step.ask)} (alone)`, ""];
    return [
      String(i + 1),
      `Screen **${step.title}**: ${list(step.items, code)}`,
      [
        step.when ? `when ${describeCondition(step.when, v)}` : "",
        step.onlyIfRouteCanChange
          ? "while some answer to it could still change the route or its urgency"
          : "",
      ]
        .filter(Boolean)
        .join(", ") || "always",
    ];
  });
  return [
    "### The conversation, step by step",
    "",
    'A screen is one card: a checklist of its open items with "None of these", "These" (ticked = yes, the rest = no) and "Not sure: ask one by one". It lists every item not yet answered that applies to the body area and age, and is skipped only when none is left or a certain emergency has ended the questions; the referral criteria, which only choose the tier, are also skipped when no answer to them could change the route or its urgency. A single question is asked only when its own condition holds and its answer could change the route.',
    "",
    table(["Step", "Asks", "Shown"], rows),
  ].join("\n");
}

function wordingSection(data: PackData, v: Vocab): string {
  const child = Object.entries(data.childRoutes).map(([route, r]) => [code(route), r.title, r.action]);
  const notes = data.actionNotes.map((n) => [
    n.text,
    list(n.routes, code),
    [
      n.when ? describeCondition(n.when, v) : "always",
      n.certain ? "only when certain" : "",
      n.onlyEmergencyRules ? `and no emergency rule but ${list(n.onlyEmergencyRules, (x) => x)}` : "",
    ]
      .filter(Boolean)
      .join(", "),
  ]);
  return [
    "### A child's wording (under 16)",
    "",
    table(["Route", "Title", "What the clinician does"], child),
    "",
    "### Sentences added to the action",
    "",
    table(["Sentence", "Routes", "When"], notes),
    "",
    "### MRI implant check",
    "",
    `Shown on the card (never asked) when ${triggerText(data.mriCheck, v)}: ${data.mriCheck.text}`,
    "",
    "### MSCC co-ordinator contact",
    "",
    data.msccContact
      ? `${data.msccContact.name}: ${data.msccContact.phone}`
      : "Not in the pack: a deployment sets it (MSCC_CONTACT_NAME and MSCC_CONTACT_PHONE). A production server refuses to start without it; a local run says on the card that it is not configured.",
  ].join("\n");
}

function sourcesSection(data: PackData): string {
  const rows = Object.entries(data.sources).map(([id, s]) => [
    code(id),
    s.title,
    s.publisher,
    s.version,
    s.url ?? "",
  ]);
  return [
    "### Sources",
    "",
    "The packs cite sources by these short ids; clinicians always see the names.",
    "",
    table(["Id", "Title", "Publisher", "Version or date", "Link"], rows),
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
      data.suspicionFlags.map((s) => [s.label, describeCondition(s.when, v), named(data, s.source)]),
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
      if (r.source !== was.source) changes.push(`cites ${named(data, r.source)}`);
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
    for (const a of data[key])
      if (!known.has(a.text)) out.push(`${title} added: "${a.text}" (${named(data, a.source)})`);
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
    table(
      ["Guideline", "Effective", "Review due", "Source"],
      [[g.version, g.effective, g.review, named(data, g.source)]],
    ),
    "",
    "The card says when the guidance is past its review date.",
    "",
    "### Differences from the shared base",
    "",
    diffs.length ? diffs.map((d) => `- ${d}`).join("\n") : "- None.",
    "",
    rulesSection(data, v),
    "",
    flowSection(data, v),
    "",
    questionsSection(data, v),
    "",
    routesSection(data),
    "",
    boroughSection(data),
    "",
    wordingSection(data, v),
    "",
    adviceSection("Imaging advice", data.imaging, v, data),
    "",
    adviceSection("Safety netting", data.safetyNet, v, data),
    "",
    suspicionSection(data, v),
    "",
    pathwaysSection(data),
    "",
    sourcesSection(data),
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
    "What the triage bot decides and asks, region by region, written out from the region packs the bot runs on. Sources are named in full; the short ids in the packs are listed under each region's sources.",
    "",
    "## Principles",
    "",
    "1. **Never under-triage.** The primary route is the most urgent one any rule reaches; at equal urgency a rule reached with certainty leads, then pack order. Every other route reached is listed as an additional action.",
    "2. **Unsure escalates.** An unsure answer counts as the more urgent one. A missing detail of a symptom that is present (how long, worsening, power grade, onset, body area) counts as unsure, and so does a missing age (children's and adults' rules both apply).",
    "3. **Monotone.** A yes, or an unsure, never lowers urgency; only numbers can, so a number read from free text is shown back for confirmation.",
    "4. **Stop early only when certain.** The questions end when an emergency holds even with every pending detail at its least urgent value; the cancer history is asked first when it could switch ED to the MSCC co-ordinator. In a chat the emergency card comes first, carrying that question.",
    "5. **Explain.** Every outcome names its rules and their sources by name.",
    "6. **The clinician's concern is always asked**, for every body area and age: suspected infection, cancer, fragility fracture, an acute medical cause, a child's red flag, inflammatory back pain and a non-MSK cause. Facts only change when and how it is asked.",
    "7. **No patient identifiers** are asked for, kept or logged.",
    "8. **Children.** Under 16 every non-emergency route except suspected cancer (R13), a concerning lump (R14) and an acute soft-tissue injury (R15) becomes the paediatric pathway at its urgency; a child's red flags go to an ED that sees children (R30); suspected bone cancer or a concerning lump under 25 is very urgent (NICE NG12: 48 hours); a child's card has no adult-only text.",
    "9. **Quick.** Related yes/no findings are one screen; details are single questions. A case answered 'None of these' throughout takes at most 12 answers.",
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
