import { defineConfig } from "tsup";

// Browser-safe: no Node APIs, so the bundle targets the neutral platform.
export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  platform: "neutral",
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
});
