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
//   node scripts/build-vendor-double.mjs --target win32-x64
//        cross-build with MinGW-w64 into build/win32-x64/libhftvendor.dll, over the objects of
//        `build-native.mjs --target win32-x64` (build/win32-x64/obj/), for the Wine run
//        (`npm run test:windows`). It tests the shim's logic on Windows (Winsock, GBK text, Win32
//        threads), not its binary compatibility with the real MSVC-built SDK (docs/windows.md).
//        Compilers: $CXX_WIN32 / $CC_WIN32 or x86_64-w64-mingw32-g++-posix / -gcc-posix; libgcc,
//        libstdc++ and winpthread linked statically, so the DLL imports only system DLLs.
//
// Linux build: g++ and binutils' objcopy/nm ($CXX, $CC respected). Run by the package build after
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
/** The library hft-native loads for the vendor path; tests import this name from one place. */
export const VENDOR_LIBRARY = path.join(buildDir, "libhftvendor.so");
/** The Windows cross target (as in build-native.mjs) and the DLL the Wine run loads. */
export const WIN32_TARGET = "win32-x64";
export const WIN32_VENDOR_LIBRARY = path.join(buildDir, WIN32_TARGET, "libhftvendor.dll");
const MINGW_INSTALL = "apt-get install g++-mingw-w64-x86-64-posix binutils-mingw-w64-x86-64";

const argv = process.argv.slice(2);
const force = argv.includes("--force");
const targetArg = argv.includes("--target") ? argv[argv.indexOf("--target") + 1] : undefined;
const words = (value, fallback) => (value?.trim() || fallback).split(/\s+/);
const WARNINGS = ["-Wall", "-Wextra", "-Werror"];

/**
 * What differs between the Linux build and the MinGW cross-build: tools, flags, where the
 * simulation objects come from and how the ABI alone is exported.
 */
function toolchain(target) {
  if (target === WIN32_TARGET) {
    const winDir = path.join(buildDir, WIN32_TARGET);
    return {
      cc: words(process.env.CC_WIN32, "x86_64-w64-mingw32-gcc-posix"),
      cxx: words(process.env.CXX_WIN32, "x86_64-w64-mingw32-g++-posix"),
      objcopy: "x86_64-w64-mingw32-objcopy",
      nm: "x86_64-w64-mingw32-nm",
      install: MINGW_INSTALL,
      simObjDir: path.join(winDir, "obj"),
      simBuild: "node scripts/build-native.mjs --target win32-x64",
      outDir: path.join(winDir, "vendor"),
      library: WIN32_VENDOR_LIBRARY,
      // PE has no -fPIC/-fvisibility: exports are HFT_API's __declspec(dllexport) (hft_api.h), which
      // also switches MinGW's ld from exporting everything to exporting only those. WSAPoll needs
      // Vista (_WIN32_WINNT 0x0600), as in the simulation library's own cross-build.
      cflags: ["-std=c11", "-O2", "-g", ...WARNINGS, "-D_WIN32_WINNT=0x0600"],
      cxxflags: ["-std=c++17", "-O2", "-g", ...WARNINGS, "-D_WIN32_WINNT=0x0600"],
      // No version script on PE. The renamed simulation objects keep their export directives
      // (.drectve `-export:hft_trader_login`...): by name they now denote the shim's functions, and
      // hft_last_error (last_error.c, not renamed) is exported through them.
      linkArgs: (objs) => [
        "-shared",
        "-o",
        WIN32_VENDOR_LIBRARY,
        ...objs,
        "-static-libgcc",
        "-static-libstdc++",
        "-static",
        "-lws2_32",
      ],
    };
  }
  if (target !== undefined) fail(`unknown --target ${target} (known: ${WIN32_TARGET})`);
  const outDir = path.join(buildDir, "vendor");
  const versionScript = path.join(outDir, "exports.map");
  return {
    cc: words(process.env.CC, "cc"),
    cxx: words(process.env.CXX, "g++"),
    objcopy: "objcopy",
    nm: "nm",
    install: "apt-get install g++ binutils",
    simObjDir: path.join(buildDir, "obj"),
    simBuild: "node scripts/build-native.mjs",
    outDir,
    library: VENDOR_LIBRARY,
    cflags: ["-std=c11", "-O2", "-g", "-fPIC", ...WARNINGS, "-fvisibility=hidden", "-D_DEFAULT_SOURCE"],
    cxxflags: ["-std=c++17", "-O2", "-g", "-fPIC", "-pthread", ...WARNINGS, "-fvisibility=hidden"],
    versionScript,
    // only the ABI is exported: not the renamed simulation entry points, nor C++ template code
    linkArgs: (objs) => [
      "-shared",
      "-Wl,-soname,libhftvendor.so",
      "-Wl,-z,defs",
      `-Wl,--version-script=${versionScript}`,
      "-o",
      VENDOR_LIBRARY,
      ...objs,
      "-pthread",
    ],
  };
}
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

function run(cmd, argv, install) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", (err) =>
      reject(err.code === "ENOENT" ? new Error(`'${cmd}' not found: ${install}`) : err),
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
  const tc = toolchain(targetArg);
  const { outDir } = tc;
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
    .map((name) => path.join(tc.simObjDir, `${name}.o`));
  const missing = simObjs.filter((o) => !existsSync(o));
  if (missing.length)
    fail(
      `simulation objects missing (${missing.map((m) => path.basename(m)).join(", ")}): run ${tc.simBuild} first`,
    );
  const defined = new Set();
  for (const obj of simObjs) {
    let symbols;
    try {
      symbols = execFileSync(tc.nm, ["--defined-only", "-g", obj], { encoding: "utf8" });
    } catch (err) {
      fail(err.code === "ENOENT" ? `'${tc.nm}' not found: ${tc.install}` : err.message);
    }
    for (const line of symbols.split("\n")) {
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
      tasks.push(() => run(tc.objcopy, [`--redefine-syms=${mapFile}`, obj, out], tc.install));
  }

  // 2. the shim, the double and library.c
  const incs = [`-I${path.join(doubleDir, "include")}`, `-I${doubleDir}`, `-I${includeDir}`, `-I${simDir}`];
  const compiled = [];
  const compile = (src, argv0, flags) => {
    const obj = path.join(outDir, `${path.basename(src).replace(/\.(c|cpp)$/, "")}.o`);
    compiled.push(obj);
    if (force || mtime(obj) <= Math.max(mtime(src), inputsTime))
      tasks.push(() =>
        run(argv0[0], [...argv0.slice(1), ...flags, ...incs, "-c", src, "-o", obj], tc.install),
      );
  };
  compile(path.join(simDir, "library.c"), tc.cc, [
    ...tc.cflags,
    '-DHFT_LIBRARY_NAME="tsgate-vendor-shim+double"',
  ]);
  for (const src of [...sources(shimDir, ".cpp"), ...sources(doubleDir, ".cpp")])
    compile(src, tc.cxx, tc.cxxflags);
  // two at a time: the machine is shared
  for (let i = 0; i < tasks.length; i += 2) await Promise.all(tasks.slice(i, i + 2).map((t) => t()));

  // 3. link
  const objs = [...compiled, ...renamed];
  if (tc.versionScript) writeFileSync(tc.versionScript, "{ global: hft_*; local: *; };\n");
  if (force || mtime(tc.library) <= Math.max(...objs.map(mtime))) {
    await run(tc.cxx[0], [...tc.cxx.slice(1), ...tc.linkArgs(objs)], tc.install);
    process.stdout.write(`build-vendor-double: ${path.relative(pkgDir, tc.library)} built\n`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main().catch((err) => fail(err.message));
