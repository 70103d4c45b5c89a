import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { inflateSync } from "node:zlib";
import { strFromU8, unzipSync } from "fflate";
import { afterEach, describe, expect, it, vi } from "vitest";
import { drawColourIcon, drawOutlineIcon } from "../../scripts/make-icons.js";
import {
  buildPackage,
  DEV_BOT_ID,
  type ManifestValues,
  PackageConfigError,
  PLACEHOLDER_NAMES,
  packageTeamsApp,
  readManifestValues,
  readPngInfo,
  renderManifest,
  validateManifest,
} from "../../scripts/package-teams.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const appDir = join(root, "appPackage");
const template = readFileSync(join(appDir, "manifest.json"), "utf8");
const appVersion = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string })
  .version;

const BOT_ID = "1b4e28ba-2fa1-11d2-883f-0016d3cca427";
const APP_ID = "6fa459ea-ee8a-3ca4-894e-db77e160355e";
const releaseEnv = {
  MicrosoftAppId: BOT_ID,
  BOT_DOMAIN: "triage-bot.example.org",
  DEVELOPER_NAME: "Example Community Trust",
  DEVELOPER_WEBSITE_URL: "https://example.org/msk-triage",
  DEVELOPER_PRIVACY_URL: "https://example.org/privacy",
  DEVELOPER_TERMS_URL: "https://example.org/terms",
};
const values: ManifestValues = readManifestValues(releaseEnv, { dev: false, appVersion });

type Json = Record<string, unknown>;
interface Bot {
  botId: string;
  scopes: string[];
  supportsFiles: boolean;
  isNotificationOnly: boolean;
  commandLists: { scopes: string[]; commands: { title: string }[] }[];
}
const rendered = (): Json => JSON.parse(renderManifest(template, values)) as Json;
const botOf = (manifest: Json): Bot => (manifest.bots as Bot[])[0] as Bot;

afterEach(() => {
  vi.restoreAllMocks();
});

describe("manifest template", () => {
  it("uses exactly the placeholders the packaging script fills", () => {
    const used = new Set([...template.matchAll(/\$\{\{([A-Z0-9_]+)\}\}/g)].map((m) => m[1]));
    expect([...used].sort()).toEqual([...PLACEHOLDER_NAMES].sort());
  });

  it("contains no GUID, so no real app or bot id is committed", () => {
    expect(template).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
  });

  it("is on a Teams manifest version of 1.19 or later whose schema is bundled offline", () => {
    const version = (JSON.parse(template) as Json).manifestVersion as string;
    const [major, minor] = version.split(".").map(Number);
    expect(major === 1 && (minor ?? 0) >= 19).toBe(true);
    const schemas = join(
      dirname(createRequire(import.meta.url).resolve("@microsoft/app-manifest")),
      "json-schemas",
      "teams",
    );
    expect(readdirSync(schemas)).toContain(`v${version}`);
  });
});

describe("rendered manifest against the official Teams schema (offline)", () => {
  it("validates with no failures and without touching the network", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch").mockRejectedValue(new Error("network used"));
    expect(await validateManifest(rendered())).toEqual([]);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it("also validates the --dev package (all-zero placeholder ids, example.org links)", async () => {
    const devValues = readManifestValues({}, { dev: true, appVersion });
    expect(await validateManifest(JSON.parse(renderManifest(template, devValues)))).toEqual([]);
  });

  it("fails when the bot id is missing", async () => {
    const manifest = rendered();
    delete (botOf(manifest) as Partial<Bot>).botId;
    const failures = await validateManifest(manifest);
    expect(failures.join("\n")).toMatch(/\/bots\/0 .*botId/);
  });

  it("fails on a scope Teams does not know", async () => {
    const manifest = rendered();
    botOf(manifest).scopes = ["personal", "channel"];
    expect((await validateManifest(manifest)).join("\n")).toContain("/bots/0/scopes/1");
  });

  it("fails when the app id is not a GUID", async () => {
    const manifest = { ...rendered(), id: "msk-triage" };
    expect((await validateManifest(manifest)).join("\n")).toContain("/id");
  });

  it("fails on a short description over the 80-character limit", async () => {
    const manifest = rendered();
    (manifest.description as Json).short = "x".repeat(81);
    expect((await validateManifest(manifest)).join("\n")).toContain("/description/short");
  });

  it("refuses a manifest version with no bundled schema instead of downloading one", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch").mockRejectedValue(new Error("network used"));
    await expect(validateManifest({ ...rendered(), manifestVersion: "9.99" })).rejects.toThrow(
      /bundles no Teams schema/,
    );
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});

describe("rendered manifest content", () => {
  const manifest = rendered();
  const bot = botOf(manifest);

  it("carries the ids, version and domain from configuration", () => {
    expect(manifest.id).toBe(BOT_ID); // TEAMS_APP_ID defaults to the bot id
    expect(bot.botId).toBe(BOT_ID);
    expect(manifest.version).toBe(appVersion);
    expect(manifest.validDomains).toEqual(["triage-bot.example.org"]);
    expect(manifest.developer).toEqual({
      name: "Example Community Trust",
      websiteUrl: "https://example.org/msk-triage",
      privacyUrl: "https://example.org/privacy",
      termsOfUseUrl: "https://example.org/terms",
    });
  });

  it("uses TEAMS_APP_ID for the app id when it is set", () => {
    const own = readManifestValues({ ...releaseEnv, TEAMS_APP_ID: APP_ID }, { dev: false, appVersion });
    const m = JSON.parse(renderManifest(template, own)) as Json;
    expect(m.id).toBe(APP_ID);
    expect(botOf(m).botId).toBe(BOT_ID);
  });

  it("is a conversational bot in personal, team and group chat scopes, without files", () => {
    expect([...bot.scopes].sort()).toEqual(["groupChat", "personal", "team"]);
    expect(bot.supportsFiles).toBe(false);
    expect(bot.isNotificationOnly).toBe(false);
  });

  it.each(["personal", "team", "groupChat"])("lists triage, help and restart for the %s scope", (scope) => {
    const list = bot.commandLists.find((l) => l.scopes.includes(scope));
    expect(list?.commands.map((c) => c.title)).toEqual(["triage", "help", "restart"]);
  });

  it("states the intended use, the emergency limit and the no-identifiers rule", () => {
    const description = manifest.description as { short: string; full: string };
    expect(description.short).toMatch(/clinician/i);
    expect(description.short).toMatch(/not for emergencies/i);
    expect(description.full).toMatch(/healthcare professionals/i);
    expect(description.full).toMatch(/adult musculoskeletal/i);
    expect(description.full).toMatch(/red flags/i);
    expect(description.full).toMatch(/referral route/i);
    expect(description.full).toMatch(/not for emergencies/i);
    expect(description.full).toMatch(/do not enter patient identifiers/i);
  });
});

describe("renderManifest", () => {
  it("leaves no ${{ behind", () => {
    expect(renderManifest(template, values)).not.toContain("${{");
  });

  it("names a placeholder that has no value", () => {
    const { BOT_DOMAIN: _omit, ...partial } = values;
    expect(() => renderManifest(template, partial)).toThrow(/BOT_DOMAIN/);
  });

  it("rejects a malformed placeholder instead of shipping it", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a manifest placeholder, not a template literal
    expect(() => renderManifest('{"botId": "${{BOT_ID}"}', values)).toThrow(/Malformed placeholder/);
  });

  it("escapes values so the result stays valid JSON", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a manifest placeholder, not a template literal
    const out = renderManifest('{"name": "${{DEVELOPER_NAME}}"}', { DEVELOPER_NAME: 'A "quoted" \\ trust' });
    expect(JSON.parse(out)).toEqual({ name: 'A "quoted" \\ trust' });
  });
});

describe("readManifestValues", () => {
  const messageOf = (env: Record<string, string | undefined>, dev = false): string => {
    try {
      readManifestValues(env, { dev, appVersion });
    } catch (error) {
      expect(error).toBeInstanceOf(PackageConfigError);
      return (error as Error).message;
    }
    throw new Error("expected a configuration error");
  };

  it("names MicrosoftAppId when it is missing, blank or not a GUID", () => {
    expect(messageOf({ ...releaseEnv, MicrosoftAppId: undefined })).toMatch(/MicrosoftAppId is not set/);
    expect(messageOf({ ...releaseEnv, MicrosoftAppId: "  " })).toMatch(/MicrosoftAppId is not set/);
    expect(messageOf({ ...releaseEnv, MicrosoftAppId: "not-a-guid" })).toMatch(
      /MicrosoftAppId must be a GUID/,
    );
  });

  it("refuses the all-zero dev id in a release package", () => {
    expect(messageOf({ ...releaseEnv, MicrosoftAppId: DEV_BOT_ID })).toMatch(
      /MicrosoftAppId is the all-zero/,
    );
  });

  it("still checks a bot id given in --dev mode", () => {
    expect(messageOf({ MicrosoftAppId: "abc" }, true)).toMatch(/MicrosoftAppId must be a GUID/);
  });

  it("rejects a BOT_DOMAIN given as a URL and an http:// privacy link", () => {
    const message = messageOf({
      ...releaseEnv,
      BOT_DOMAIN: "https://bot.example.org/api/messages",
      DEVELOPER_PRIVACY_URL: "http://example.org/privacy",
    });
    expect(message).toMatch(/BOT_DOMAIN must be a bare host name/);
    expect(message).toMatch(/DEVELOPER_PRIVACY_URL must use https/);
  });

  it("requires the deploying organisation's details for a release package", () => {
    const message = messageOf({ MicrosoftAppId: BOT_ID, BOT_DOMAIN: "bot.example.org" });
    for (const name of [
      "DEVELOPER_NAME",
      "DEVELOPER_WEBSITE_URL",
      "DEVELOPER_PRIVACY_URL",
      "DEVELOPER_TERMS_URL",
    ]) {
      expect(message).toContain(`${name} is not set`);
    }
  });

  it("fills --dev gaps with placeholders that cannot be mistaken for real ones", () => {
    const dev = readManifestValues({}, { dev: true, appVersion });
    expect(dev.BOT_ID).toBe(DEV_BOT_ID);
    expect(dev.TEAMS_APP_ID).toBe(DEV_BOT_ID);
    expect(dev.DEVELOPER_PRIVACY_URL).toMatch(/^https:\/\/example\.org\//);
  });
});

/** Decodes an 8-bit RGBA, non-interlaced PNG into pixels, undoing all five row filters. */
function decodeRgba(png: Uint8Array): { width: number; height: number; pixels: Uint8Array } {
  const info = readPngInfo(png);
  expect([info.bitDepth, info.colourType]).toEqual([8, 6]);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const idat: Uint8Array[] = [];
  for (let at = 8; at < png.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    if (type === "IDAT") idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = info.width * 4;
  const pixels = new Uint8Array(stride * info.height);
  for (let y = 0; y < info.height; y += 1) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x += 1) {
      const byte = raw[y * (stride + 1) + 1 + x] as number;
      const a = x >= 4 ? (pixels[y * stride + x - 4] as number) : 0;
      const b = y > 0 ? (pixels[(y - 1) * stride + x] as number) : 0;
      const c = x >= 4 && y > 0 ? (pixels[(y - 1) * stride + x - 4] as number) : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter as number] as number;
      pixels[y * stride + x] = (byte + predictor) & 0xff;
    }
  }
  return { width: info.width, height: info.height, pixels };
}

describe("icons", () => {
  const color = readFileSync(join(appDir, "color.png"));
  const outline = readFileSync(join(appDir, "outline.png"));

  it("color.png is 192x192 and outline.png is 32x32 according to their IHDR headers", () => {
    expect(readPngInfo(color)).toMatchObject({ width: 192, height: 192 });
    expect(readPngInfo(outline)).toMatchObject({ width: 32, height: 32 });
  });

  it("outline.png has an alpha channel colour type", () => {
    expect([4, 6]).toContain(readPngInfo(outline).colourType);
  });

  it("outline.png is white on transparent: every visible pixel is white and the corners are clear", () => {
    const { pixels } = decodeRgba(outline);
    let visible = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      if ((pixels[i + 3] as number) === 0) continue;
      visible += 1;
      expect([pixels[i], pixels[i + 1], pixels[i + 2]]).toEqual([255, 255, 255]);
    }
    expect(visible).toBeGreaterThan(50);
    expect(pixels[3]).toBe(0); // top-left corner
    expect(pixels[pixels.length - 1]).toBe(0); // bottom-right corner
  });

  it("color.png is a full-colour icon: an opaque coloured background behind the motif", () => {
    const { width, pixels } = decodeRgba(color);
    const at = (x: number, y: number) =>
      Array.from(pixels.subarray((y * width + x) * 4, (y * width + x) * 4 + 4));
    expect(at(20, 96)).toEqual([0, 94, 184, 255]); // NHS blue near the left edge
    const colours = new Set<string>();
    for (let i = 0; i < pixels.length; i += 4)
      if (pixels[i + 3] === 255) colours.add(pixels.subarray(i, i + 3).join());
    expect(colours.size).toBeGreaterThan(3);
  });

  it("are exactly what scripts/make-icons.ts draws, so the committed PNGs match their source", () => {
    // Compare decoded pixels, not bytes: another zlib build may compress the same pixels differently.
    expect(decodeRgba(drawColourIcon()).pixels).toEqual(decodeRgba(color).pixels);
    expect(decodeRgba(drawOutlineIcon()).pixels).toEqual(decodeRgba(outline).pixels);
  });

  it("buildPackage rejects icons of the wrong size or without alpha", () => {
    expect(() => buildPackage({ manifest: "{}", color: outline, outline: color })).toThrow(
      /color\.png is 32x32, must be 192x192[\s\S]*outline\.png is 192x192, must be 32x32/,
    );
  });
});

describe("app package zip", () => {
  it("holds exactly manifest.json, color.png and outline.png at its root", async () => {
    const { zip } = await packageTeamsApp(appDir, values);
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
    expect(files["color.png"]).toEqual(new Uint8Array(readFileSync(join(appDir, "color.png"))));
    expect(files["outline.png"]).toEqual(new Uint8Array(readFileSync(join(appDir, "outline.png"))));
    const manifestText = strFromU8(files["manifest.json"] as Uint8Array);
    expect(manifestText).not.toContain("${{");
    expect(await validateManifest(JSON.parse(manifestText))).toEqual([]);
  });

  it("is byte-for-byte reproducible from the same inputs", async () => {
    const first = await packageTeamsApp(appDir, values);
    const second = await packageTeamsApp(appDir, values);
    expect(Buffer.from(second.zip).equals(Buffer.from(first.zip))).toBe(true);
  });
});

describe("npm run package (the script as a process)", () => {
  const run = promisify(execFile);
  const tsxCli = join(root, "node_modules", "tsx", "dist", "cli.mjs");
  const script = join(root, "scripts", "package-teams.ts");
  // Run from an empty directory so a developer's own .env cannot change the outcome.
  const cwd = mkdtempSync(join(tmpdir(), "teams-pkg-"));
  const cleanEnv = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith("DEVELOPER_") && !/^(MicrosoftAppId|TEAMS_APP_ID|BOT_DOMAIN)$/.test(k),
    ),
  );

  it("exits non-zero with a message naming MicrosoftAppId when it is not a GUID", async () => {
    const result = await run(process.execPath, [tsxCli, script, "--out", join(cwd, "bad.zip")], {
      cwd,
      env: { ...cleanEnv, ...releaseEnv, MicrosoftAppId: "12345" },
    }).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("MicrosoftAppId must be a GUID");
    expect(result.stderr).not.toMatch(/\n\s+at /); // a message for a person, not a stack trace
    expect(readdirSync(cwd)).not.toContain("bad.zip");
  });

  it("writes a valid zip with --dev and no configuration at all", async () => {
    const out = join(cwd, "dev.zip");
    await run(process.execPath, [tsxCli, script, "--dev", "--out", out], { cwd, env: cleanEnv });
    const manifest = JSON.parse(
      strFromU8(unzipSync(readFileSync(out))["manifest.json"] as Uint8Array),
    ) as Json;
    expect(botOf(manifest).botId).toBe(DEV_BOT_ID);
    expect(await validateManifest(manifest)).toEqual([]);
  });
});
