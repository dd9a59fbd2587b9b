import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Real TCP on a shared 2-core machine: generous limits, no timing assertions.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
