import type { z } from "zod";
import { REGIONS, type Region } from "../vocabulary.js";
import base from "./base.json" with { type: "json" };
import bnssg from "./bnssg.json" with { type: "json" };
import { compilePack, type Pack } from "./compile.js";
import nel from "./nel.json" with { type: "json" };
import nwl from "./nwl.json" with { type: "json" };
import { applyOverlay, type Overlay, overlaySchema } from "./overlay.js";
import { type PackData, packSchema } from "./schema.js";

export type { Pack } from "./compile.js";

const OVERLAYS: Record<Region, unknown> = { NEL: nel, NWL: nwl, BNSSG: bnssg };
const cache = new Map<Region, Pack>();

/** Loads, validates and compiles a region pack. An invalid pack throws, naming the field. */
export function loadPack(region: Region = "NEL"): Pack {
  const hit = cache.get(region);
  if (hit) return hit;
  const pack = buildPack(
    base as Record<string, unknown>,
    OVERLAYS[region],
    `rules/packs/${region.toLowerCase()}.json`,
  );
  cache.set(region, pack);
  return pack;
}

/** Deployment data a trust sets in its settings rather than in the shipped packs. */
export interface Deployment {
  msccContact?: { name: string; phone: string };
}

/** The region pack with the deployment's own data (its MSCC co-ordinator contact) in place. */
export function packForDeployment(region: Region, deployment: Deployment = {}): Pack {
  const pack = loadPack(region);
  if (!deployment.msccContact) return pack;
  return { ...pack, data: { ...pack.data, msccContact: deployment.msccContact } };
}

export function loadAllPacks(): Pack[] {
  return REGIONS.map((r) => loadPack(r));
}

/** Exposed for tests: build a pack from any base and overlay. */
export function buildPack(baseData: Record<string, unknown>, overlayData: unknown, label = "overlay"): Pack {
  const overlay: Overlay = parseOrThrow(overlaySchema, overlayData, label);
  const merged = applyOverlay(baseData, overlay);
  const data: PackData = parseOrThrow(packSchema, merged, `${overlay.region} pack`);
  return compilePack(data);
}

function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, label: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
    .join("; ");
  throw new Error(`Invalid clinical pack (${label}): ${problems}`);
}
