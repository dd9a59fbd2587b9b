import { defineConfig } from "tsup";

// Two bundles: the Node app (library entry + CLI) and the dashboard's browser script.
// Neither cleans: `npm run build` empties dist/ first (scripts/clean-dist.mjs), so the two parallel
// builds cannot delete each other's output.
export default defineConfig([
  {
    entry: { index: "src/index.ts", "cli/main": "src/cli/main.ts" },
    format: ["esm"],
    platform: "node",
    dts: false,
    sourcemap: true,
    clean: false,
    target: "node20",
  },
  {
    entry: { app: "web/src/main.ts" },
    outDir: "dist/web",
    format: ["iife"],
    platform: "browser",
    outExtension: () => ({ js: ".js" }),
    dts: false,
    sourcemap: true,
    clean: false,
    minify: false,
    target: "es2022",
    tsconfig: "web/tsconfig.json",
  },
]);
