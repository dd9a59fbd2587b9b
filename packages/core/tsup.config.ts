import { resolve } from "node:path";
import { defineConfig, type Options } from "tsup";

type EsbuildPlugin = NonNullable<Options["esbuildPlugins"]>[number];

// vitest refuses to be require()d, so only the ESM kit imports it; the CommonJS kit gets
// src/testkit/vitest-globals.ts, which uses the test runner's globals instead.
const vitestPerFormat: EsbuildPlugin = {
  name: "testkit-vitest-per-format",
  setup(build) {
    const cjs = build.initialOptions.define?.TSUP_FORMAT === JSON.stringify("cjs");
    build.onResolve({ filter: /^vitest$/ }, () =>
      cjs ? { path: resolve("src/testkit/vitest-globals.ts") } : { path: "vitest", external: true },
    );
  },
};

export default defineConfig({
  // `@tsgate/core`, `@tsgate/core/testkit` (the conformance kit) and `@tsgate/core/sim` (the
  // in-memory gateway; no vitest, so it loads under any runner or none).
  entry: { index: "src/index.ts", testkit: "src/testkit/index.ts", sim: "src/sim/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  // Shared code goes to chunks in both formats, so the kit and the main entry use one copy of
  // each class (EventEngine, errors) instead of two.
  splitting: true,
  sourcemap: true,
  clean: true,
  target: "node20",
  // vitest is a peer dependency; resolved per format by the plugin above.
  noExternal: ["vitest"],
  esbuildPlugins: [vitestPerFormat],
});
