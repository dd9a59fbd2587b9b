#!/usr/bin/env node
// The packed-tarball test: what `npm publish` would ship must work for a user.
//
// 1. `npm pack --json` each publishable package (already built by Nx: this project depends on
//    their build) into a temporary directory and check that every path named by `main`, `module`,
//    `types`, `exports` and `bin` is inside the tarball.
// 2. Install the tarballs into a temporary project outside the monorepo. The @tsgate packages
//    come from the tarballs; their third-party dependencies (zod, koffi) from the npm cache
//    (`--prefer-offline`, so this works without a network when the repo's install filled it).
//    @tsgate/hft-native builds its C simulation library from the shipped sources at install.
// 3. Import every entry point from ESM and require() it from CommonJS, checking named exports;
//    load the native library; connect HftGateway to the mock servers through MainEngine.
// 4. Type-check a small consumer against the installed declarations (ESM and CommonJS).
// 5. Compile and run docs/examples/first-strategy.ts (the getting-started guide) against them.
//
// Plain Node, no dependencies. TSGATE_PACK_TEST_KEEP=1 keeps the temporary directory.
import { execFile } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

/** Packages to pack, with what each entry point must export. */
const PACKAGES = [
  {
    name: "@tsgate/core",
    dir: "packages/core",
    entries: {
      "@tsgate/core": [
        "MainEngine",
        "EventEngine",
        "BaseGateway",
        "createOrderRequest",
        "EVENT_TICK",
        "Exchange",
      ],
      // The ESM testkit imports vitest (an optional peer dependency); CJS works without it.
      "@tsgate/core/testkit": {
        cjsOnly: true,
        names: ["runConformanceChecks", "waitForEvent", "collectEvents"],
      },
      // The in-memory gateway loads without vitest, from ESM and CJS alike.
      "@tsgate/core/sim": ["InMemoryGateway", "SimExchange", "SIM_INSTRUMENTS"],
    },
  },
  {
    name: "@tsgate/safe-json",
    dir: "packages/safe-json",
    entries: { "@tsgate/safe-json": ["describeJsonError"] },
  },
  {
    name: "@tsgate/mock-server",
    dir: "packages/mock-server",
    entries: { "@tsgate/mock-server": ["startMockServers"], "@tsgate/mock-server/cli": ["runCli"] },
  },
  {
    name: "@tsgate/hft-native",
    dir: "packages/hft-native",
    entries: { "@tsgate/hft-native": ["TraderApi", "MdApi", "loadHftLibrary"] },
  },
  {
    name: "@tsgate/ashare-rules",
    dir: "packages/ashare-rules",
    entries: { "@tsgate/ashare-rules": ["checkOrderRules", "toPriceUnits", "formatPrice"] },
  },
  {
    name: "@tsgate/hft-gateway",
    dir: "packages/hft-gateway",
    entries: { "@tsgate/hft-gateway": ["HftGateway", "HFT_DEFAULT_SETTING", "parseHftSettings"] },
  },
];

const results = [];
let failures = 0;

function record(what, ok, detail = "") {
  results.push({ what, ok, detail });
  if (!ok) failures += 1;
  process.stdout.write(`${ok ? "ok  " : "FAIL"} ${what}${detail ? `: ${detail}` : ""}\n`);
}

/**
 * The environment for child processes: without the npm_* variables of the `npm test` that runs
 * this (workspace, prefix, lifecycle), which would make the temporary project's `npm install`
 * act on the monorepo; the cache, registry and user config are kept.
 */
const KEEP_NPM_ENV = new Set(["npm_config_cache", "npm_config_registry", "npm_config_userconfig"]);
const childEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) || KEEP_NPM_ENV.has(key.toLowerCase())),
);

function run(cmd, args, options = {}) {
  return new Promise((resolve) => {
    execFile(
      cmd,
      args,
      { maxBuffer: 64 * 1024 * 1024, timeout: options.timeout ?? 300_000, env: childEnv, ...options },
      (error, stdout, stderr) => resolve({ code: error ? (error.code ?? 1) : 0, stdout, stderr, error }),
    );
  });
}

function tail(text, lines = 15) {
  return text.trim().split("\n").slice(-lines).join("\n");
}

/** Every file path (relative, without "./") a package.json points at. */
function declaredPaths(pkg) {
  const paths = new Set();
  const add = (p) => {
    if (typeof p === "string" && p.startsWith("./") && !p.includes("*")) paths.add(p.slice(2));
  };
  const walk = (value) => {
    if (typeof value === "string") add(value);
    else if (value && typeof value === "object") for (const v of Object.values(value)) walk(v);
  };
  for (const key of ["main", "module", "types"])
    add(pkg[key] && !pkg[key].startsWith("./") ? `./${pkg[key]}` : pkg[key]);
  walk(pkg.exports);
  if (typeof pkg.bin === "string") add(`./${pkg.bin.replace(/^\.\//, "")}`);
  else if (pkg.bin) for (const b of Object.values(pkg.bin)) add(`./${b.replace(/^\.\//, "")}`);
  paths.delete("package.json");
  return [...paths];
}

/** The koffi prebuilt package for this platform (`@koromix/koffi-linux-x64@3.3.4`), if koffi has one. */
function koffiPrebuilt() {
  try {
    const koffi = JSON.parse(readFileSync(path.join(root, "node_modules", "koffi", "package.json"), "utf8"));
    const name = `@koromix/koffi-${process.platform}-${process.arch}`;
    const version = koffi.optionalDependencies?.[name];
    return version ? [`${name}@${version}`] : [];
  } catch {
    return [];
  }
}

async function main() {
  const work = mkdtempSync(path.join(tmpdir(), "tsgate-pack-test-"));
  const tarballs = path.join(work, "tarballs");
  const project = path.join(work, "project");
  mkdirSync(tarballs);
  mkdirSync(project);
  process.stdout.write(`pack-test: working in ${work}\n`);
  try {
    // 1. pack
    const files = [];
    for (const p of PACKAGES) {
      const dir = path.join(root, p.dir);
      const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
      const packed = await run(npm, ["pack", "--json", "--pack-destination", tarballs], { cwd: dir });
      if (packed.code !== 0) {
        record(`${p.name}: npm pack`, false, tail(packed.stderr || packed.stdout));
        continue;
      }
      const info = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("[")))[0];
      const inTarball = new Set(info.files.map((f) => f.path));
      const missing = declaredPaths(pkg).filter((f) => !inTarball.has(f));
      record(
        `${p.name}: npm pack (${info.entryCount} files, ${(info.size / 1024).toFixed(0)} kB)`,
        missing.length === 0,
        missing.length ? `package.json names files missing from the tarball: ${missing.join(", ")}` : "",
      );
      const leaked = info.files
        .map((f) => f.path)
        .filter((f) => /^(src|test|bench|build|node_modules)\//.test(f));
      if (p.name !== "@tsgate/hft-native" || leaked.some((f) => !f.startsWith("build/"))) {
        record(
          `${p.name}: no sources, tests or build output in the tarball`,
          leaked.length === 0,
          leaked.slice(0, 5).join(", "),
        );
      }
      files.push(path.join(tarballs, info.filename));
    }
    if (files.length !== PACKAGES.length) throw new Error("not every package could be packed");

    // 2. install into a fresh project
    writeFileSync(
      path.join(project, "package.json"),
      `${JSON.stringify({ name: "tsgate-pack-consumer", version: "0.0.0", private: true }, null, 2)}\n`,
    );
    // Optional dependencies are omitted: ffi-napi (an optional backend) would be compiled from
    // source. koffi gets its prebuilt binary from an optional per-platform package, so that one is
    // named explicitly, at the version the repo has installed; without it koffi compiles itself.
    const install = await run(
      npm,
      [
        "install",
        "--prefer-offline",
        "--no-audit",
        "--no-fund",
        "--omit=optional",
        "--loglevel=error",
        ...files,
        ...koffiPrebuilt(),
      ],
      { cwd: project, timeout: 600_000 },
    );
    record(
      `npm install of the ${PACKAGES.length} tarballs`,
      install.code === 0,
      install.code ? tail(install.stderr || install.stdout) : "",
    );
    if (install.code !== 0) throw new Error("install failed");
    const lib = ["libhftsim.so", "libhftsim.dylib"].find((f) =>
      existsSync(path.join(project, "node_modules/@tsgate/hft-native/build", f)),
    );
    record(
      "@tsgate/hft-native: C simulation library built at install",
      Boolean(lib),
      lib
        ? `build/${lib}`
        : "no build/libhftsim.* in node_modules/@tsgate/hft-native: does package.json run scripts/build-native.mjs on install?",
    );

    // 3. ESM and CommonJS
    for (const p of PACKAGES) {
      for (const [specifier, spec] of Object.entries(p.entries)) {
        const names = Array.isArray(spec) ? spec : spec.names;
        const check = `const missing = ${JSON.stringify(names)}.filter((n) => !(n in m)); if (missing.length) { console.error("missing exports: " + missing.join(", ")); process.exit(1); }`;
        if (!spec.cjsOnly) {
          const esm = await run(
            process.execPath,
            ["--input-type=module", "-e", `import * as m from ${JSON.stringify(specifier)}; ${check}`],
            { cwd: project, timeout: 60_000 },
          );
          record(`${specifier}: ESM import`, esm.code === 0, esm.code ? tail(esm.stderr) : "");
        }
        const cjs = await run(
          process.execPath,
          ["--input-type=commonjs", "-e", `const m = require(${JSON.stringify(specifier)}); ${check}`],
          { cwd: project, timeout: 60_000 },
        );
        record(`${specifier}: CommonJS require`, cjs.code === 0, cjs.code ? tail(cjs.stderr) : "");
      }
    }

    // The installed stack end to end: the native library loads, HftGateway logs in to the mock.
    const smoke = `
      import { MainEngine, EVENT_LOG } from "@tsgate/core";
      import { HftGateway } from "@tsgate/hft-gateway";
      import { loadHftLibrary } from "@tsgate/hft-native";
      import { startMockServers } from "@tsgate/mock-server";
      loadHftLibrary();
      const mock = await startMockServers({ tradePort: 0, marketPort: 0, seed: 1 });
      const main = new MainEngine();
      main.addGateway(HftGateway);
      const logs = [];
      const done = new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no login within 20 s; logs: " + logs.join(" | "))), 20000);
        main.eventEngine.register(EVENT_LOG, (e) => {
          logs.push(e.data.msg);
          if (logs.some((m) => m.startsWith("交易服务器登录成功")) && logs.some((m) => m.startsWith("行情服务器登录成功"))) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      main.connect({ 交易用户名: "demo", 交易密码: "demo123", 交易服务器: "127.0.0.1", 交易端口: mock.tradePort,
        行情用户名: "demo", 行情密码: "demo123", 行情服务器: "127.0.0.1", 行情端口: mock.marketPort }, "HFT");
      try { await done; } finally { await main.close(); await mock.close(); }
    `;
    const e2e = await run(process.execPath, ["--input-type=module", "-e", smoke], {
      cwd: project,
      timeout: 60_000,
    });
    record(
      "installed stack: native library loads, HftGateway logs in to the mock servers",
      e2e.code === 0,
      e2e.code ? tail(e2e.stderr || e2e.stdout) : "",
    );

    // 4. types
    const consumer = `import { MainEngine, EventEngine, EVENT_TICK, type TickData } from "@tsgate/core";
import { type ConformanceOptions } from "@tsgate/core/testkit";
import { InMemoryGateway, SimExchange } from "@tsgate/core/sim";
import { startMockServers } from "@tsgate/mock-server";
import { TraderApi, MdApi } from "@tsgate/hft-native";
import { HftGateway, HFT_DEFAULT_SETTING } from "@tsgate/hft-gateway";
const main: MainEngine = new MainEngine();
main.addGateway(HftGateway);
main.addGateway(InMemoryGateway);
const sim: InMemoryGateway = new InMemoryGateway(main.eventEngine, "SIM2", { venue: new SimExchange() });
const engine: EventEngine = main.eventEngine;
engine.register(EVENT_TICK, (event) => {
  const tick: TickData = event.data;
  const price: number = tick.lastPrice;
  void price;
});
const port: number = HFT_DEFAULT_SETTING.交易端口;
export type Checked = [typeof startMockServers, typeof TraderApi, typeof MdApi, ConformanceOptions | undefined, typeof port, typeof sim];
`;
    for (const [ext, moduleKind] of [
      ["mts", "nodenext"],
      ["cts", "nodenext"],
    ]) {
      const dir = path.join(project, `types-${ext}`);
      mkdirSync(dir);
      writeFileSync(path.join(dir, `consumer.${ext}`), consumer);
      writeFileSync(
        path.join(dir, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            module: moduleKind,
            moduleResolution: moduleKind,
            target: "es2022",
            // Check the shipped .d.ts files too, with the repo's @types/node as a user would have.
            skipLibCheck: false,
            types: ["node"],
            typeRoots: [path.join(root, "node_modules", "@types")],
          },
          files: [`consumer.${ext}`],
        }),
      );
      const typed = await run(process.execPath, [tsc, "-p", dir], { cwd: dir, timeout: 120_000 });
      record(
        `types: tsc --noEmit on a consumer .${ext} (${ext === "mts" ? "ESM" : "CommonJS"} resolution)`,
        typed.code === 0,
        typed.code ? tail(typed.stdout || typed.stderr) : "",
      );
    }

    // 5. The getting-started example, compiled and run against the installed packages, so the
    //    guide's code keeps working as the APIs change.
    const example = path.join(root, "docs", "examples", "first-strategy.ts");
    if (existsSync(example)) {
      const dir = path.join(project, "example");
      mkdirSync(dir);
      copyFileSync(example, path.join(dir, "first-strategy.mts"));
      writeFileSync(
        path.join(dir, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            module: "nodenext",
            moduleResolution: "nodenext",
            target: "es2022",
            skipLibCheck: true,
            types: ["node"],
            typeRoots: [path.join(root, "node_modules", "@types")],
            outDir: "out",
          },
          files: ["first-strategy.mts"],
        }),
      );
      const compiled = await run(process.execPath, [tsc, "-p", dir], { cwd: dir, timeout: 120_000 });
      record(
        "docs/examples/first-strategy.ts compiles",
        compiled.code === 0,
        compiled.code ? tail(compiled.stdout) : "",
      );
      if (compiled.code === 0) {
        const ran = await run(process.execPath, [path.join(dir, "out", "first-strategy.mjs")], {
          cwd: dir,
          timeout: 60_000,
        });
        const filled = /ALLTRADED/.test(ran.stdout);
        record(
          "docs/examples/first-strategy.ts runs: its order fills on the mock servers",
          ran.code === 0 && filled,
          ran.code === 0 && filled ? "" : tail(`${ran.stdout}\n${ran.stderr}`),
        );
      }
    }
  } catch (error) {
    record("pack-test", false, error instanceof Error ? error.message : String(error));
  } finally {
    if (process.env.TSGATE_PACK_TEST_KEEP === "1") process.stdout.write(`pack-test: kept ${work}\n`);
    else rmSync(work, { recursive: true, force: true });
  }
  process.stdout.write(`pack-test: ${results.length - failures} passed, ${failures} failed\n`);
  process.exitCode = failures > 0 ? 1 : 0;
}

await main();
