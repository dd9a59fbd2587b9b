import { defineConfig } from "vitest/config";
import { WIN32_TESTS } from "./vitest.config.js";

/**
 * The win32-x64 cross-build checks, run by `npm run test:windows` (which installs MinGW-w64 when
 * missing), so that `npm test` on Linux or macOS needs no cross compiler.
 */
export default defineConfig({
  test: { include: WIN32_TESTS, testTimeout: 660_000, hookTimeout: 60_000 },
});
