import { defineConfig } from "vitest/config";

// Browser scenarios: run only by test/e2e/run-in-netns.mjs, which starts the bot and the Playground
// inside a loopback-only network namespace and passes PLAYGROUND_URL.
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.e2e.ts"],
    // One Playground per suite holds shared conversation state: run scenarios one at a time.
    fileParallelism: false,
    testTimeout: 60_000,
    // On CI a scenario that failed is run once more: the Playground's own UI (its mention menu, its
    // conversation list) can lose a race on a loaded machine. A bot that answers wrongly fails both.
    retry: process.env.CI ? 1 : 0,
    hookTimeout: 60_000,
  },
});
