import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "test/**/*.test.ts",
      "rules/**/*.test.ts",
      "cards/**/*.test.ts",
      "dialogs/**/*.test.ts",
      "src/**/*.test.ts",
    ],
    exclude: ["test/e2e/**", "node_modules/**"],
    globalSetup: ["test/runtime/build-dist.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
