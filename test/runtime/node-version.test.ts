import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// The suite runs on the Node that package.json pins as a devDependency (npm scripts put its binary
// first on PATH), whatever Node started npm: CI machines may have an older one.

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
};

/** Major.minor.patch of a version such as "v24.1.0" or "24.1.0". */
function parts(version: string): [number, number, number] {
  const [major = 0, minor = 0, patch = 0] = version.replace(/^v/, "").split(".").map(Number);
  return [major, minor, patch];
}

/** The engines range as written here: alternatives of ^x.y.z. */
function satisfiesEngines(version: string, range: string): boolean {
  const [major, minor, patch] = parts(version);
  return range.split("||").some((alt) => {
    const [m, n, p] = parts(alt.trim().replace(/^\^/, ""));
    return major === m && (minor > n || (minor === n && patch >= p));
  });
}

describe("runtime Node", () => {
  it("reads an engines range the way npm does for ^ alternatives", () => {
    expect(satisfiesEngines("v24.0.0", "^22.12.0 || ^24.0.0")).toBe(true);
    expect(satisfiesEngines("v22.11.0", "^22.12.0 || ^24.0.0")).toBe(false);
    expect(satisfiesEngines("v20.20.2", "^22.12.0 || ^24.0.0")).toBe(false);
  });

  it("is a version package.json's engines allows", () => {
    expect(satisfiesEngines(process.version, pkg.engines.node)).toBe(true);
  });

  it("pins a devDependency node that the engines allow", () => {
    const pinned = pkg.devDependencies.node;
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(satisfiesEngines(pinned as string, pkg.engines.node)).toBe(true);
  });
});
