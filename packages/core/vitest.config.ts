import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Type tests (*.test-d.ts): the OMS read API's shape, checked by tsc as part of the suite.
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"] },
  },
});
