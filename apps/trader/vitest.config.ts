import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Log texts follow LC_ALL/LC_MESSAGES/LANG (default zh-CN): pin the locale so the assertions
    // on exact texts hold on a machine set to another language. Tests of en set the setting.
    env: { LC_ALL: "", LC_MESSAGES: "", LANG: "C.UTF-8" },
    // Each file starts its own simulator, gateway and (for the e2e file) a browser: run them one at
    // a time so the 2-core CI machine is not oversubscribed.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
