/**
 * Builds a benchmark's TypeScript to one plain JavaScript file (tsup, the package's own bundler,
 * target node20), so the benchmark runs under plain `node` as users run the built package: a
 * TypeScript loader in the process (tsx) changes how V8's garbage collector treats many objects
 * alive at once (see `vnpy-ratio-child.mjs`) and so measures the loader, not the engine.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "tsup";

/**
 * Bundles `entry` and everything it imports, dependencies included (the output lives outside
 * the package and resolves nothing), into `<outDir>/<name>.mjs`; returns that file's URL.
 */
export async function buildToJs(entry: string, outDir: string, name: string): Promise<string> {
  await build({
    entry: { [name]: entry },
    outDir,
    format: ["esm"],
    target: "node20",
    outExtension: () => ({ js: ".mjs" }),
    noExternal: [/.*/],
    config: false,
    dts: false,
    sourcemap: false,
    splitting: false,
    silent: true,
  });
  return pathToFileURL(join(outDir, `${name}.mjs`)).href;
}
