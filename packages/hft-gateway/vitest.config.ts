import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Log texts follow LC_ALL/LC_MESSAGES/LANG (default zh-CN): pin the locale so the assertions
    // on exact texts hold on a machine set to another language. Tests of en set the setting.
    env: { LC_ALL: "", LC_MESSAGES: "", LANG: "C.UTF-8" },
    // End-to-end tests wait for events, never for fixed delays; these limits are only a safety net
    // for a broken build, generous so that a slow or busy machine waits longer instead of failing.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
