import { defineConfig } from "vitest/config";

/** Tests that need the MinGW-w64 cross compiler run in `npm run test:windows` (vitest.win32.config.ts). */
export const WIN32_TESTS = ["test/win32-build.test.ts"];

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["**/node_modules/**", ...WIN32_TESTS],
    // Generous limits: the machines are shared and slow; no test asserts on speed.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
