import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // End-to-end tests wait for events, never for fixed delays; these limits are only a safety net
    // for a broken build, generous so that a slow or busy machine waits longer instead of failing.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
