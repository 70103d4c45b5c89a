import { MemoryStorage } from "botbuilder";
import { describe, expect, it } from "vitest";
import { EXPIRED_NOTICE, FORGOTTEN_NOTICE } from "../../src/bot.js";
import { BoundedMemoryStorage } from "../../src/storage/memory-store.js";
import { botHarness } from "./harness.js";
import { lastQuestion, textOf } from "./replies.js";

// What is kept, and for how long: an idle triage expires and its state is deleted, `forget me`
// deletes the conversation's state at once, and the memory store levels off.

function countingStorage() {
  const inner = new MemoryStorage();
  const keys = new Set<string>();
  return {
    storage: {
      read: (k: string[]) => inner.read(k),
      write: async (changes: Record<string, unknown>) => {
        for (const k of Object.keys(changes)) keys.add(k);
        await inner.write(changes as never);
      },
      delete: async (k: string[]) => {
        for (const key of k) keys.delete(key);
        await inner.delete(k);
      },
    },
    stored: async () => Object.keys(await inner.read([...keys])).length,
  };
}

describe("idle expiry", () => {
  it("a triage untouched for TRIAGE_IDLE_MINUTES expires: its state is deleted and the clinician told", async () => {
    let now = Date.parse("2026-01-01T09:00:00Z");
    const h = botHarness({ lifecycle: { idleMinutes: 60, now: () => now } });
    await h.say("triage");
    let replies = await h.submit({ questionId: "body_area", answer: "lumbar" });
    expect(lastQuestion(replies)).toBe("age");

    now += 59 * 60_000;
    replies = await h.submit({ questionId: "age", answer: "60" });
    expect(textOf(replies)).not.toContain(EXPIRED_NOTICE);

    now += 61 * 60_000;
    replies = await h.say("no");
    expect(textOf(replies)).toContain(EXPIRED_NOTICE);
    expect(lastQuestion(replies)).toBeUndefined();
  });
});

describe("forget me", () => {
  it("deletes the conversation's stored state at once and confirms", async () => {
    const store = countingStorage();
    const h = botHarness({ storage: store.storage as never });
    await h.say("triage");
    await h.submit({ questionId: "body_area", answer: "lumbar" });
    expect(await store.stored()).toBeGreaterThan(0);
    const replies = await h.say("forget me");
    expect(textOf(replies)).toBe(FORGOTTEN_NOTICE);
    expect(await store.stored()).toBe(0);
    // The old card does nothing now.
    const after = await h.submit({ questionId: "age", answer: "60" });
    expect(textOf(after)).toMatch(/already finished/);
  });
});

describe("the memory store", () => {
  it("drops conversations idle past the limit", async () => {
    let now = 0;
    const s = new BoundedMemoryStorage({ idleMs: 60_000, maxItems: 1_000, now: () => now });
    await s.write({ a: { v: 1 } });
    now = 30_000;
    await s.write({ b: { v: 2 } });
    now = 61_000;
    expect(Object.keys(await s.read(["a", "b"]))).toEqual(["b"]);
    expect(s.size).toBe(1);
  });

  it("levels off at its cap however many triages run, keeping the most recent", async () => {
    const s = new BoundedMemoryStorage({ idleMs: 3_600_000, maxItems: 100 });
    for (let i = 0; i < 5_000; i++) await s.write({ [`c${i}`]: { i } });
    expect(s.size).toBe(100);
    expect(Object.keys(await s.read(["c0", "c4999"]))).toEqual(["c4999"]);
  });

  it("keeps MemoryStorage's eTag rule and hands the new eTag back", async () => {
    const s = new BoundedMemoryStorage({ idleMs: 60_000, maxItems: 10 });
    const item: Record<string, unknown> = { v: 1, eTag: "*" };
    await s.write({ k: item });
    const first = item.eTag;
    await expect(s.write({ k: { v: 2, eTag: "stale" } })).rejects.toThrow(/eTag conflict/);
    await s.write({ k: { v: 3, eTag: first } });
    expect(await s.read(["k"])).toMatchObject({ k: { v: 3 } });
  });
});
