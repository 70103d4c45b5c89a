// Builds the Microsoft Teams app package (build/appPackage.zip) from appPackage/: substitutes the
// ${{NAME}} placeholders from the environment, validates the result against the official Teams
// manifest schema bundled in @microsoft/app-manifest (offline: it never fetches a schema), checks the
// icons (no offline tool does), and zips manifest.json, color.png and outline.png at the zip root.
//
//   npm run package                      release: needs MicrosoftAppId, BOT_DOMAIN, DEVELOPER_* (see docs/teams-app.md)
//   npm run package -- --dev             local use: missing values fall back to clearly fake placeholders
//   npm run package -- --out <file.zip>  write somewhere other than build/appPackage.zip
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { AppManifestUtils } from "@microsoft/app-manifest";
import { strToU8, zipSync } from "fflate";
import { z } from "zod";

export const PLACEHOLDER_NAMES = [
  "TEAMS_APP_ID",
  "BOT_ID",
  "APP_VERSION",
  "BOT_DOMAIN",
  "DEVELOPER_NAME",
  "DEVELOPER_WEBSITE_URL",
  "DEVELOPER_PRIVACY_URL",
  "DEVELOPER_TERMS_URL",
] as const;
export type PlaceholderName = (typeof PLACEHOLDER_NAMES)[number];
export type ManifestValues = Record<PlaceholderName, string>;

/** The placeholder bot id for --dev packages: a valid GUID that no real bot registration can have. */
export const DEV_BOT_ID = "00000000-0000-0000-0000-000000000000";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
// Teams wants a plain MAJOR.MINOR.PATCH app version (older schemas enforce it; 1.30 only caps length).
const APP_VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** Dev fallbacks: example.org is reserved for documentation (RFC 2606), so they can never be real. */
const DEV_DEFAULTS = {
  BOT_DOMAIN: "localhost",
  DEVELOPER_NAME: "Deploying trust (set me)",
  DEVELOPER_WEBSITE_URL: "https://example.org/set-by-deploying-trust",
  DEVELOPER_PRIVACY_URL: "https://example.org/set-by-deploying-trust/privacy",
  DEVELOPER_TERMS_URL: "https://example.org/set-by-deploying-trust/terms",
} as const;

/**
 * Replaces every `${{NAME}}` in the manifest template. Values are JSON-escaped because every
 * placeholder sits inside a JSON string. Throws, naming them, if any placeholder has no value or
 * if anything that looks like a placeholder survives (a typo such as `${{BOT_ID}` would otherwise ship).
 */
export function renderManifest(template: string, values: Readonly<Record<string, string>>): string {
  const missing = new Set<string>();
  const rendered = template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) {
      missing.add(name);
      return whole;
    }
    return JSON.stringify(value).slice(1, -1);
  });
  if (missing.size > 0) {
    throw new Error(`Manifest placeholders without a value: ${[...missing].join(", ")}`);
  }
  if (rendered.includes("${{")) {
    const at = rendered.indexOf("${{");
    throw new Error(`Malformed placeholder left in manifest near: ${rendered.slice(at, at + 40)}`);
  }
  return rendered;
}

/** `undefined` for unset or blank variables, so "FOO=" in a .env file counts as not set. */
const unsetIfBlank = (value: unknown) =>
  typeof value === "string" && value.trim() === ""
    ? undefined
    : typeof value === "string"
      ? value.trim()
      : value;

function guid(name: string, { allowDevId }: { allowDevId: boolean }) {
  return z
    .string({ error: `${name} is not set: it must be the bot's Microsoft App ID (a GUID)` })
    .regex(GUID, `${name} must be a GUID like 1b4e28ba-2fa1-11d2-883f-0016d3cca427`)
    .refine(
      (id) => allowDevId || id !== DEV_BOT_ID,
      `${name} is the all-zero --dev placeholder; use the real Microsoft App ID for a release package`,
    );
}

function httpsUrl(name: string, purpose: string) {
  return z
    .string({ error: `${name} is not set: ${purpose}` })
    .url(`${name} must be a full https:// URL`)
    .refine((url) => url.startsWith("https://"), `${name} must use https://`);
}

function envSchema(dev: boolean) {
  const orDev = <T extends z.ZodType>(schema: T, fallback: string | undefined) =>
    z.preprocess((v) => unsetIfBlank(v) ?? (dev ? fallback : undefined), schema);
  return z.object({
    MicrosoftAppId: orDev(guid("MicrosoftAppId", { allowDevId: dev }), DEV_BOT_ID),
    TEAMS_APP_ID: z.preprocess(unsetIfBlank, guid("TEAMS_APP_ID", { allowDevId: dev }).optional()),
    BOT_DOMAIN: orDev(
      z
        .string({ error: "BOT_DOMAIN is not set: the host name of the bot's messaging endpoint" })
        .regex(
          HOST_NAME,
          "BOT_DOMAIN must be a bare host name such as triage-bot.example.org (no https://, no path)",
        ),
      DEV_DEFAULTS.BOT_DOMAIN,
    ),
    DEVELOPER_NAME: orDev(
      z
        .string({ error: "DEVELOPER_NAME is not set: the organisation that deploys and supports the app" })
        .max(32, "DEVELOPER_NAME must be at most 32 characters (Teams limit)"),
      DEV_DEFAULTS.DEVELOPER_NAME,
    ),
    DEVELOPER_WEBSITE_URL: orDev(
      httpsUrl("DEVELOPER_WEBSITE_URL", "the page where clinicians get support for the app"),
      DEV_DEFAULTS.DEVELOPER_WEBSITE_URL,
    ),
    DEVELOPER_PRIVACY_URL: orDev(
      httpsUrl("DEVELOPER_PRIVACY_URL", "your organisation's privacy notice for the app"),
      DEV_DEFAULTS.DEVELOPER_PRIVACY_URL,
    ),
    DEVELOPER_TERMS_URL: orDev(
      httpsUrl("DEVELOPER_TERMS_URL", "your organisation's terms of use for the app"),
      DEV_DEFAULTS.DEVELOPER_TERMS_URL,
    ),
  });
}

/** A configuration problem, reported to the person running the script without a stack trace. */
export class PackageConfigError extends Error {
  override name = "PackageConfigError";
}

/**
 * Reads the placeholder values from environment variables. Throws PackageConfigError listing every
 * bad or missing variable by name. With `dev`, unset values fall back to obviously fake placeholders.
 */
export function readManifestValues(
  env: Readonly<Record<string, string | undefined>>,
  { dev, appVersion }: { dev: boolean; appVersion: string },
): ManifestValues {
  const problems: string[] = [];
  if (!APP_VERSION.test(appVersion)) {
    problems.push(`package.json version "${appVersion}" must be MAJOR.MINOR.PATCH, e.g. 1.2.0`);
  }
  const parsed = envSchema(dev).safeParse(env);
  if (!parsed.success) problems.push(...parsed.error.issues.map((issue) => issue.message));
  if (!parsed.success || problems.length > 0) {
    throw new PackageConfigError(`Cannot build the Teams app package:\n  - ${problems.join("\n  - ")}`);
  }
  const e = parsed.data;
  return {
    BOT_ID: e.MicrosoftAppId.toLowerCase(),
    TEAMS_APP_ID: (e.TEAMS_APP_ID ?? e.MicrosoftAppId).toLowerCase(),
    APP_VERSION: appVersion,
    BOT_DOMAIN: e.BOT_DOMAIN.toLowerCase(),
    DEVELOPER_NAME: e.DEVELOPER_NAME,
    DEVELOPER_WEBSITE_URL: e.DEVELOPER_WEBSITE_URL,
    DEVELOPER_PRIVACY_URL: e.DEVELOPER_PRIVACY_URL,
    DEVELOPER_TERMS_URL: e.DEVELOPER_TERMS_URL,
  };
}

/** Loads the official schema for the manifest's version from the files bundled in @microsoft/app-manifest. */
export function loadBundledSchema(manifestVersion: string): object {
  const packageDir = dirname(createRequire(import.meta.url).resolve("@microsoft/app-manifest"));
  const file = join(packageDir, "json-schemas", "teams", `v${manifestVersion}`, "MicrosoftTeams.schema.json");
  if (!/^\d+\.\d+$/.test(manifestVersion) || !existsSync(file)) {
    throw new Error(
      `@microsoft/app-manifest bundles no Teams schema for manifestVersion "${manifestVersion}"`,
    );
  }
  // The same clean-up the library applies: some published schemas carry \a and \v escapes JSON forbids.
  const text = readFileSync(file, "utf8").replace(/\\a/g, "\\u0007").replace(/\\v/g, "\\u000b");
  return JSON.parse(text) as object;
}

/**
 * Validates a manifest object against the official schema for its manifestVersion, offline (the
 * schema is passed in, so the library never falls back to downloading it). Returns the failures;
 * an empty array means valid.
 */
export async function validateManifest(manifest: unknown): Promise<string[]> {
  const version = (manifest as { manifestVersion?: unknown } | null)?.manifestVersion;
  if (typeof version !== "string") return ["/manifestVersion is missing"];
  const schema = loadBundledSchema(version);
  type Validate = typeof AppManifestUtils.validateAgainstSchema;
  return AppManifestUtils.validateAgainstSchema(
    manifest as Parameters<Validate>[0],
    schema as Parameters<Validate>[1],
  );
}

export interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  /** PNG colour type: 2 RGB, 3 palette, 4 grey + alpha, 6 RGB + alpha. */
  colourType: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Reads width, height and colour type from a PNG's IHDR chunk (always the first chunk). */
export function readPngInfo(bytes: Uint8Array): PngInfo {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const isPng = bytes.length >= 33 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
  const ihdr = isPng && String.fromCharCode(...bytes.subarray(12, 16)) === "IHDR";
  if (!ihdr) throw new Error("Not a PNG file (no PNG signature and IHDR chunk)");
  return {
    width: view.getUint32(16),
    height: view.getUint32(20),
    bitDepth: view.getUint8(24),
    colourType: view.getUint8(25),
  };
}

/** What Teams requires of the two icons; the manifest schema cannot check image files. */
export function iconProblems(color: Uint8Array, outline: Uint8Array): string[] {
  const problems: string[] = [];
  const c = readPngInfo(color);
  const o = readPngInfo(outline);
  if (c.width !== 192 || c.height !== 192)
    problems.push(`color.png is ${c.width}x${c.height}, must be 192x192`);
  if (o.width !== 32 || o.height !== 32)
    problems.push(`outline.png is ${o.width}x${o.height}, must be 32x32`);
  if (o.colourType !== 4 && o.colourType !== 6) {
    problems.push("outline.png has no alpha channel: it must be white on a transparent background");
  }
  return problems;
}

export interface PackageFiles {
  /** The rendered manifest JSON text. */
  manifest: string;
  color: Uint8Array;
  outline: Uint8Array;
}

/** A fixed timestamp keeps the zip byte-for-byte reproducible from the same inputs. */
const ZIP_MTIME = new Date("2020-01-01T12:00:00Z");

/** Zips the three files at the root of the archive, as Teams expects. Throws if an icon is wrong. */
export function buildPackage(files: PackageFiles): Uint8Array {
  const problems = iconProblems(files.color, files.outline);
  if (problems.length > 0) throw new Error(`Icons rejected:\n  - ${problems.join("\n  - ")}`);
  return zipSync(
    {
      "manifest.json": strToU8(files.manifest),
      "color.png": files.color,
      "outline.png": files.outline,
    },
    { level: 9, mtime: ZIP_MTIME },
  );
}

export interface PackageResult {
  zip: Uint8Array;
  manifest: Record<string, unknown>;
}

/**
 * The whole build from an app package folder: render, validate (schema plus the ids we substituted),
 * check icons, zip. Pure apart from reading appDir, so tests can run it on the real template.
 */
export async function packageTeamsApp(appDir: string, values: ManifestValues): Promise<PackageResult> {
  const template = readFileSync(join(appDir, "manifest.json"), "utf8");
  const text = renderManifest(template, values);
  const manifest = JSON.parse(text) as Record<string, unknown>;
  const failures = await validateManifest(manifest);
  if (failures.length > 0) {
    throw new Error(`manifest.json fails the Teams schema:\n  - ${failures.join("\n  - ")}`);
  }
  const zip = buildPackage({
    manifest: text,
    color: readFileSync(join(appDir, "color.png")),
    outline: readFileSync(join(appDir, "outline.png")),
  });
  return { zip, manifest };
}

function parseArgs(argv: string[]): { dev: boolean; out: string | undefined } {
  let dev = false;
  let out: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === "--dev") dev = true;
    else if (arg === "--out") out = argv[++i];
    else if (arg?.startsWith("--out=")) out = arg.slice("--out=".length);
    else throw new PackageConfigError(`Unknown argument "${arg}" (expected --dev or --out <file.zip>)`);
  }
  if (out === "") throw new PackageConfigError("--out needs a file path");
  return { dev, out };
}

async function main(): Promise<void> {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  const { dev, out } = parseArgs(process.argv.slice(2));
  // The bot's own .env (gitignored) usually holds MicrosoftAppId already; real environment variables win.
  const dotEnv = resolve(".env");
  if (existsSync(dotEnv)) {
    process.loadEnvFile(dotEnv);
    console.log("Read unset variables from .env");
  }
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
  const values = readManifestValues(process.env, { dev, appVersion: version });
  const { zip } = await packageTeamsApp(join(root, "appPackage"), values);
  const outFile = resolve(out ?? join(root, "build", "appPackage.zip"));
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, zip);
  console.log(`Wrote ${outFile} (${zip.length} bytes): app ${values.TEAMS_APP_ID}, bot ${values.BOT_ID}`);
  if (dev) {
    console.warn(
      "DEV package: placeholder ids and example.org links. Do not upload it to a production tenant.",
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(error instanceof PackageConfigError ? message : `Packaging failed: ${message}`);
    process.exitCode = 1;
  });
}
