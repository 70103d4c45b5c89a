import type { Readable, Writable } from "node:stream";
import { CaseError, parseCase } from "../case.js";
import { decide } from "../engine/decide.js";
import { loadPack } from "../packs/index.js";
import { REGIONS, type Region } from "../vocabulary.js";

// docs/interfaces.md §1. Exit codes: 0 fine, 1 some --jsonl line was bad, 2 bad input or usage
// (with nothing on stdout).

const USAGE = `usage: triage <command>
  decide [--jsonl]         read a case (JSON) on stdin, print the outcome
  questions [--region R]   print the question catalogue (R: ${REGIONS.join(", ")})
  extract [--jsonl]        read a clinician's free-text message on stdin, print findings and evidence`;

export async function runCli(
  args: string[],
  stdin: Readable,
  stdout: Writable,
  stderr: Writable,
): Promise<number> {
  const [command, ...rest] = args;
  const jsonl = rest.includes("--jsonl");
  try {
    switch (command) {
      case "decide":
        return jsonl ? await decideLines(stdin, stdout) : decideOne(await readAll(stdin), stdout);
      case "questions":
        stdout.write(`${JSON.stringify(questionCatalogue(regionArg(rest)), null, 2)}\n`);
        return 0;
      case "extract":
        return jsonl ? await extractLines(stdin, stdout) : await extractOne(await readAll(stdin), stdout);
      default:
        stderr.write(`${command ? `unknown command "${command}"\n` : ""}${USAGE}\n`);
        return 2;
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof CaseError) {
      stderr.write(`error: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

class UsageError extends Error {}

function decideOne(text: string, stdout: Writable): number {
  const c = parseCase(parseJson(text));
  stdout.write(`${JSON.stringify(decide(loadPack(c.region), c.findings, { borough: c.borough }))}\n`);
  return 0;
}

async function decideLines(stdin: Readable, stdout: Writable): Promise<number> {
  let bad = 0;
  const today = new Date();
  const out: string[] = [];
  for await (const line of lines(stdin)) {
    if (!line.trim()) continue;
    try {
      const c = parseCase(parseJson(line));
      out.push(JSON.stringify(decide(loadPack(c.region), c.findings, { borough: c.borough, today })));
    } catch (e) {
      if (!(e instanceof CaseError || e instanceof UsageError)) throw e;
      bad++;
      out.push(JSON.stringify({ error: e.message }));
    }
    if (out.length >= 512) flush(out, stdout);
  }
  flush(out, stdout);
  return bad ? 1 : 0;
}

// Loaded on demand so that `decide` starts without the extraction tables.
const loadExtractor = async () => (await import("../extract/index.js")).extractFindings;

async function extractOne(text: string, stdout: Writable): Promise<number> {
  const extractFindings = await loadExtractor();
  const { findings, evidence } = extractFindings(text);
  stdout.write(`${JSON.stringify({ findings, evidence })}\n`);
  return 0;
}

async function extractLines(stdin: Readable, stdout: Writable): Promise<number> {
  const extractFindings = await loadExtractor();
  let bad = 0;
  const out: string[] = [];
  for await (const line of lines(stdin)) {
    if (!line.trim()) continue;
    let text: unknown;
    try {
      text = JSON.parse(line);
    } catch {
      text = undefined;
    }
    if (typeof text !== "string") {
      bad++;
      out.push(JSON.stringify({ error: "each line must be a JSON string" }));
      continue;
    }
    const { findings, evidence } = extractFindings(text);
    out.push(JSON.stringify({ findings, evidence }));
  }
  flush(out, stdout);
  return bad ? 1 : 0;
}

function questionCatalogue(region: Region) {
  return loadPack(region).questions.map((q) => ({
    id: q.public.id,
    type: q.public.type,
    text: q.public.text,
    choices: q.public.choices ?? null,
    source: q.public.source,
    why: q.public.why,
    askedInConversation: q.data.askable,
  }));
}

function regionArg(rest: string[]): Region {
  const i = rest.indexOf("--region");
  if (i < 0) return "NEL";
  const r = rest[i + 1]?.toUpperCase();
  if (!r || !(REGIONS as readonly string[]).includes(r))
    throw new UsageError(`--region: expected one of ${REGIONS.join(", ")}`);
  return r as Region;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CaseError(`(input): not valid JSON (${(e as Error).message})`);
  }
}

function flush(out: string[], stdout: Writable) {
  if (out.length) stdout.write(`${out.join("\n")}\n`);
  out.length = 0;
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === "string" ? Buffer.from(c) : c);
  return Buffer.concat(chunks).toString("utf8");
}

async function* lines(stream: Readable): AsyncGenerator<string> {
  let rest = "";
  for await (const c of stream) {
    rest += typeof c === "string" ? c : c.toString("utf8");
    let i = rest.indexOf("\n");
    while (i >= 0) {
      yield rest.slice(0, i);
      rest = rest.slice(i + 1);
      i = rest.indexOf("\n");
    }
  }
  if (rest) yield rest;
}
