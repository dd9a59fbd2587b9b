import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as source from "../src/index.js";

const DIST = fileURLToPath(new URL("../dist/", import.meta.url));

describe("built package (dist)", () => {
  it("exists (nx runs build before test; otherwise run `npx nx run @tsgate/core:build`)", () => {
    for (const file of ["index.js", "index.cjs", "index.d.ts", "index.d.cts"]) {
      expect(existsSync(`${DIST}${file}`), `${file} missing`).toBe(true);
    }
  });

  it("exports the same API from ESM and CJS as from source", async () => {
    const esm = (await import(`${DIST}index.js`)) as Record<string, unknown>;
    const cjs = createRequire(import.meta.url)(`${DIST}index.cjs`) as Record<string, unknown>;
    const names = Object.keys(source).sort();
    expect(Object.keys(esm).sort()).toEqual(names);
    expect(Object.keys(cjs).sort()).toEqual(names);
    const engine = new (cjs.EventEngine as typeof source.EventEngine)();
    expect(engine.active).toBe(false);
  });
});
