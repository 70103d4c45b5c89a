import { defineConfig } from "vitest/config";

// Browser scenarios: run only by test/e2e/run-in-netns.mjs, which starts the bot and the Playground
// inside a loopback-only network namespace and passes PLAYGROUND_URL.
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.e2e.ts"],
    // One Playground per suite holds shared conversation state: run scenarios one at a time.
    fileParallelism: false,
    testTimeout: 60_000,
    // On CI a scenario that failed runs again, up to twice: the Playground's page can lose a race on
    // a loaded machine (it drops a thread reply that arrives before it has drawn the post; the
    // failure output shows the reply delivered and the thread empty). A bot that answers wrongly
    // fails every run.
    retry: process.env.CI ? 2 : 0,
    hookTimeout: 60_000,
  },
});
