import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Generous limits: the machines are shared and slow; no test asserts on speed.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
