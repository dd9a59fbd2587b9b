import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as source from "../src/index.js";
import * as simSource from "../src/sim/index.js";
import * as testkitSource from "../src/testkit/index.js";

const DIST = fileURLToPath(new URL("../dist/", import.meta.url));
const require = createRequire(import.meta.url);

describe("built package (dist)", () => {
  it("exists (nx runs build before test; otherwise run `npx nx run @tsgate/core:build`)", () => {
    for (const entry of ["index", "testkit", "sim"]) {
      for (const file of [`${entry}.js`, `${entry}.cjs`, `${entry}.d.ts`, `${entry}.d.cts`]) {
        expect(existsSync(`${DIST}${file}`), `${file} missing`).toBe(true);
      }
    }
  });

  it("exports the same API from ESM and CJS as from source", async () => {
    const esm = (await import(`${DIST}index.js`)) as Record<string, unknown>;
    const cjs = require(`${DIST}index.cjs`) as Record<string, unknown>;
    const names = Object.keys(source).sort();
    expect(Object.keys(esm).sort()).toEqual(names);
    expect(Object.keys(cjs).sort()).toEqual(names);
    const engine = new (cjs.EventEngine as typeof source.EventEngine)();
    expect(engine.active).toBe(false);
  });

  it("exports the conformance kit from ESM and CJS (./testkit), sharing core's classes", async () => {
    const names = Object.keys(testkitSource).sort();
    const esm = (await import(`${DIST}testkit.js`)) as Record<string, unknown>;
    expect(Object.keys(esm).sort()).toEqual(names);
    // CommonJS loads without vitest (which refuses require()).
    const cjs = require(`${DIST}testkit.cjs`) as Record<string, unknown>;
    expect(Object.keys(cjs).sort()).toEqual(names);
    // One copy of core per format: the kit's errors extend the main entry's TsgateError.
    const index = require(`${DIST}index.cjs`) as typeof source;
    const error = new (cjs.ConformanceError as typeof testkitSource.ConformanceError)("x", "y");
    expect(error).toBeInstanceOf(index.TsgateError);
  });

  it("exports the in-memory gateway from ESM and CJS (./sim), sharing core's classes", async () => {
    const names = Object.keys(simSource).sort();
    const esm = (await import(`${DIST}sim.js`)) as typeof simSource;
    expect(Object.keys(esm).sort()).toEqual(names);
    const cjs = require(`${DIST}sim.cjs`) as typeof simSource;
    expect(Object.keys(cjs).sort()).toEqual(names);
    const index = require(`${DIST}index.cjs`) as typeof source;
    const engine = new index.EventEngine();
    expect(new cjs.InMemoryGateway(engine)).toBeInstanceOf(index.BaseGateway);
    expect(new esm.InMemoryGateway(engine).gatewayName).toBe("SIM");
  });

  it("imports vitest only from the ESM kit; CJS runGatewayConformance explains what it needs", () => {
    const importsVitest =
      /from\s*["']vitest["']|require\(\s*["']vitest["']\s*\)|import\(\s*["']vitest["']\s*\)/;
    for (const file of readdirSync(DIST).filter((f) => /\.(c?js)$/.test(f))) {
      expect(importsVitest.test(readFileSync(`${DIST}${file}`, "utf8")), file).toBe(file === "testkit.js");
    }
    const cjs = require(`${DIST}testkit.cjs`) as typeof testkitSource;
    // This file does not enable vitest's globals, so there is no global describe().
    expect(() =>
      cjs.runGatewayConformance({
        name: "x",
        createGateway: () => {
          throw new Error("unused");
        },
        setting: {},
        harness: {
          symbol: "600000.SSE",
          restingOrder: () => ({}) as never,
          fillingOrder: () => ({}) as never,
        },
      }),
    ).toThrow(/needs the global describe\(\) when loaded through require\(\).*runConformanceChecks/);
  });

  it("declares the ./testkit export and vitest as an optional peer dependency", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      exports: Record<string, unknown>;
      peerDependencies?: Record<string, string>;
      peerDependenciesMeta?: Record<string, { optional?: boolean }>;
      dependencies?: Record<string, string>;
    };
    expect(pkg.exports["./testkit"]).toEqual({
      import: { types: "./dist/testkit.d.ts", default: "./dist/testkit.js" },
      require: { types: "./dist/testkit.d.cts", default: "./dist/testkit.cjs" },
    });
    expect(pkg.peerDependencies?.vitest).toBe(">=3");
    expect(pkg.peerDependenciesMeta?.vitest?.optional).toBe(true);
    expect(pkg.dependencies?.vitest).toBeUndefined();
  });
});
