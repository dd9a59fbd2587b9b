#!/usr/bin/env node
// Builds the vendor path without the vendor: the shim (native/vendor-shim/hft_vendor_shim.cpp)
// compiled against the vendor-SDK double (native/vendor-double/) into build/libhftvendor.so, a
// library that @tsgate/hft-native loads exactly as it would load the shim built against the real
// SDK (`libraryPath` / TSGATE_HFT_LIB).
//
// The double speaks our wire protocol by linking the simulation library's own objects (built by
// build-native.mjs into build/obj/). Those define hft_trader_* / hft_md_*, the names the shim
// exports, so copies of them are renamed to simcore_hft_* with objcopy first (sim_core.h).
//
//   node scripts/build-vendor-double.mjs           build (skips work whose outputs are newer)
//   node scripts/build-vendor-double.mjs --force   rebuild
//
// Linux only (g++ and binutils' objcopy/nm; $CXX respected). Run by the package build after
// build-native.mjs; TSGATE_SKIP_NATIVE=1 skips it as it skips the native build.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const pkgDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const nativeDir = path.join(pkgDir, "native");
const simDir = path.join(nativeDir, "sim");
const doubleDir = path.join(nativeDir, "vendor-double");
const shimDir = path.join(nativeDir, "vendor-shim");
const includeDir = path.join(nativeDir, "include");
const buildDir = path.join(pkgDir, "build");
const outDir = path.join(buildDir, "vendor");
/** The library hft-native loads for the vendor path; tests import this name from one place. */
export const VENDOR_LIBRARY = path.join(buildDir, "libhftvendor.so");

const force = process.argv.includes("--force");
const cxx = (process.env.CXX?.trim() || "g++").split(/\s+/);
const CXXFLAGS = [
  "-std=c++17",
  "-O2",
  "-g",
  "-fPIC",
  "-pthread",
  "-Wall",
  "-Wextra",
  "-Werror",
  "-fvisibility=hidden",
];
// Symbols the shim exports and the simulation objects also define.
const RENAMED = /^hft_(trader|md)_/;

function fail(message) {
  process.stderr.write(`build-vendor-double: ${message}\n`);
  process.exit(1);
}

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

function run(cmd, argv) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", (err) =>
      reject(err.code === "ENOENT" ? new Error(`'${cmd}' not found: install g++ and binutils`) : err),
    );
    child.on("exit", (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`${cmd} ${argv.join(" ")}\nfailed with ${signal ?? `exit code ${code}`}`)),
    );
  });
}

function sources(dir, ext) {
  return readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => path.join(dir, f));
}

async function main() {
  if (process.env.TSGATE_SKIP_NATIVE === "1") return;
  if (process.platform !== "linux") {
    process.stdout.write("build-vendor-double: Linux only, skipped\n");
    return;
  }
  mkdirSync(outDir, { recursive: true });
  const headers = [
    ...sources(doubleDir, ".h"),
    ...sources(path.join(doubleDir, "include"), ".h"),
    ...sources(includeDir, ".h"),
    ...sources(simDir, ".h"),
  ];
  const inputsTime = Math.max(...headers.map(mtime), mtime(fileURLToPath(import.meta.url)));

  // 1. the simulation objects, renamed (library.c is compiled below under the shim's name)
  const simObjs = sources(simDir, ".c")
    .map((src) => path.basename(src, ".c"))
    .filter((name) => name !== "library")
    .map((name) => path.join(buildDir, "obj", `${name}.o`));
  const missing = simObjs.filter((o) => !existsSync(o));
  if (missing.length)
    fail(
      `simulation objects missing (${missing.map((m) => path.basename(m)).join(", ")}): run node scripts/build-native.mjs first`,
    );
  const defined = new Set();
  for (const obj of simObjs) {
    for (const line of execFileSync("nm", ["--defined-only", "-g", obj], { encoding: "utf8" }).split("\n")) {
      const name = line.trim().split(/\s+/)[2];
      if (name && RENAMED.test(name)) defined.add(name);
    }
  }
  const mapFile = path.join(outDir, "simcore.syms");
  writeFileSync(mapFile, [...defined].map((name) => `${name} simcore_${name}\n`).join(""));
  const renamed = [];
  const tasks = [];
  for (const obj of simObjs) {
    const out = path.join(outDir, `simcore_${path.basename(obj)}`);
    renamed.push(out);
    if (force || mtime(out) <= Math.max(mtime(obj), inputsTime))
      tasks.push(run("objcopy", [`--redefine-syms=${mapFile}`, obj, out]));
  }

  // 2. the shim, the double and library.c
  const cflagsC = [
    "-std=c11",
    "-O2",
    "-g",
    "-fPIC",
    "-Wall",
    "-Wextra",
    "-Werror",
    "-fvisibility=hidden",
    "-D_DEFAULT_SOURCE",
  ];
  const incs = [`-I${path.join(doubleDir, "include")}`, `-I${doubleDir}`, `-I${includeDir}`, `-I${simDir}`];
  const compiled = [];
  const compile = (src, argv0, flags) => {
    const obj = path.join(outDir, `${path.basename(src).replace(/\.(c|cpp)$/, "")}.o`);
    compiled.push(obj);
    if (force || mtime(obj) <= Math.max(mtime(src), inputsTime))
      tasks.push(run(argv0[0], [...argv0.slice(1), ...flags, ...incs, "-c", src, "-o", obj]));
  };
  const cc = (process.env.CC?.trim() || "cc").split(/\s+/);
  compile(path.join(simDir, "library.c"), cc, [...cflagsC, '-DHFT_LIBRARY_NAME="tsgate-vendor-shim+double"']);
  for (const src of [...sources(shimDir, ".cpp"), ...sources(doubleDir, ".cpp")]) compile(src, cxx, CXXFLAGS);
  // two at a time: the machine is shared
  for (let i = 0; i < tasks.length; i += 2) await Promise.all(tasks.slice(i, i + 2));

  // 3. link
  const objs = [...compiled, ...renamed];
  // only the ABI is exported: not the renamed simulation entry points, nor C++ template code
  const versionScript = path.join(outDir, "exports.map");
  writeFileSync(versionScript, "{ global: hft_*; local: *; };\n");
  if (force || mtime(VENDOR_LIBRARY) <= Math.max(...objs.map(mtime))) {
    await run(cxx[0], [
      ...cxx.slice(1),
      "-shared",
      "-Wl,-soname,libhftvendor.so",
      "-Wl,-z,defs",
      `-Wl,--version-script=${versionScript}`,
      "-o",
      VENDOR_LIBRARY,
      ...objs,
      "-pthread",
    ]);
    process.stdout.write(`build-vendor-double: ${path.relative(pkgDir, VENDOR_LIBRARY)} built\n`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main().catch((err) => fail(err.message));
