#!/usr/bin/env node
// Builds the native simulation library (native/sim/*.c -> build/libhftsim.so or .dylib), its test
// build (build/libhftsim-test.so: the same sources with -DHFTSIM_TEST_HOOKS, which adds
// hft_md_test_emit and allocation-failure hooks for tests and benchmarks; the production library has
// none of them) and the C test programs (native/test/*.c -> build/test_*, linked with the test-hook
// objects), with the system C compiler (`cc`, or $CC).
// Plain Node ESM, no dependencies. Skips work whose outputs are newer than all their inputs.
//
//   node scripts/build-native.mjs             library + C tests
//   node scripts/build-native.mjs --asan      C tests with AddressSanitizer + UBSan (build/asan/)
//   node scripts/build-native.mjs --tsan      C tests with ThreadSanitizer (build/tsan/)
//   node scripts/build-native.mjs --force     rebuild everything
//   node scripts/build-native.mjs --install   the library only, warnings not fatal: what the
//                                             package's install script does (a user's compiler may
//                                             warn about things ours does not; users need no C tests)
//   node scripts/build-native.mjs --target win32-x64 [--out DIR]
//                                             cross-build for Windows with MinGW-w64 (Winsock, see
//                                             native/sim/net_compat.h): build/win32-x64/libhftsim.dll
//                                             and build/win32-x64/libhftsim-test.dll (test hooks),
//                                             plus the C tests as .exe for Wine,
//                                             -Werror, static libgcc/winpthread (no MinGW DLLs needed);
//                                             compiler: $CC_WIN32 or x86_64-w64-mingw32-gcc-posix
//
// Environment: CC (compiler command, may contain arguments), TSGATE_SKIP_NATIVE=1 (skip the build,
// e.g. on Windows where the vendor shim is used instead).
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const pkgDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const nativeDir = path.join(pkgDir, "native");
const simDir = path.join(nativeDir, "sim");
const testDir = path.join(nativeDir, "test");
const includeDir = path.join(nativeDir, "include");
const buildRoot = path.join(pkgDir, "build");

const argv = process.argv.slice(2);
const args = new Set(argv);
/** `--name value` */
function option(name) {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}
const target = option("--target");
const force = args.has("--force");
const variant = args.has("--asan") ? "asan" : args.has("--tsan") ? "tsan" : "release";
// npm runs the package's install script with npm_lifecycle_event=install.
const installOnly =
  (args.has("--install") || process.env.npm_lifecycle_event === "install") && variant === "release";

/** The Windows cross target and its output directory under build/ (stable: other tooling loads from it). */
const WIN32_TARGET = "win32-x64";
const MINGW_CC = "x86_64-w64-mingw32-gcc-posix";
const MINGW_INSTALL = "apt-get install gcc-mingw-w64-x86-64-posix";
/** C tests built for Windows (name, helper objects they link); run under Wine by run-c-tests --wine. */
const WIN32_C_TESTS = [
  ["test_codec", []],
  ["test_utf8_cut", []],
  ["test_fuzz", ["fuzz_rand"]],
  ["test_session", ["fake_server"]],
  ["test_conn", ["fake_server"]],
  ["test_fuzz_net", ["fuzz_rand"]],
  ["test_interop", []],
];

const BASE_FLAGS = [
  "-std=c11",
  "-O2",
  "-g",
  "-fPIC",
  "-pthread",
  "-Wall",
  "-Wextra",
  "-Werror",
  "-fvisibility=hidden",
];
const VARIANT_FLAGS = {
  release: [],
  asan: ["-O1", "-fsanitize=address,undefined", "-fno-omit-frame-pointer", "-fno-sanitize-recover=undefined"],
  tsan: ["-O1", "-fsanitize=thread", "-fno-omit-frame-pointer"],
};
const VARIANT_LDFLAGS = {
  release: [],
  asan: ["-fsanitize=address,undefined"],
  tsan: ["-fsanitize=thread"],
};

function fail(message) {
  process.stderr.write(`build-native: ${message}\n`);
  process.exit(1);
}

if (process.env.TSGATE_SKIP_NATIVE === "1") {
  process.stdout.write("build-native: TSGATE_SKIP_NATIVE=1, skipping the native build\n");
  process.exit(0);
}
if (target !== undefined && target !== WIN32_TARGET)
  fail(`--target: expected "${WIN32_TARGET}" (the only cross target), got ${JSON.stringify(target)}`);
if (process.platform === "win32") {
  fail(
    "the HFT simulation library (native/sim) is built on a POSIX system (Linux or macOS), not on Windows.\n" +
      "  Its Windows DLL is cross-built on Linux (npm run build:win32 -w @tsgate/hft-native) and ships in the\n" +
      "  @tsgate/hft-native package, which loads it by default. For the real broker, build the vendor shim\n" +
      "  (native/vendor-shim/README.md) and point TSGATE_HFT_LIB at the resulting DLL.\n" +
      "  Set TSGATE_SKIP_NATIVE=1 to build the TypeScript part without the simulation library.",
  );
}

const isMac = process.platform === "darwin";
const libExt = isMac ? "dylib" : "so";
const libName = `libhftsim.${libExt}`;
const testLibName = `libhftsim-test.${libExt}`;
const TEST_HOOKS_FLAG = "-DHFTSIM_TEST_HOOKS";
const cc = (process.env.CC?.trim() || "cc").split(/\s+/);
const jobs = Math.max(1, Math.min(2, os.availableParallelism?.() ?? os.cpus().length));

function listC(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".c"))
    .sort()
    .map((f) => path.join(dir, f));
}
function listH(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".h"))
    .map((f) => path.join(dir, f));
}
function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}
function newest(files) {
  return files.reduce((m, f) => Math.max(m, mtime(f)), 0);
}
function upToDate(output, inputs) {
  if (force) return false;
  const out = mtime(output);
  return out >= 0 && out > newest(inputs);
}

function run(cmd, argv) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", (err) => {
      if (err.code === "ENOENT") {
        reject(
          new Error(
            target === WIN32_TARGET
              ? `MinGW-w64 cross compiler '${cmd}' not found. Install it (Debian/Ubuntu: ${MINGW_INSTALL}) or set CC_WIN32.`
              : `C compiler '${cmd}' not found. Install a C compiler (Debian/Ubuntu: apt-get install build-essential; macOS: xcode-select --install) or set CC.`,
          ),
        );
      } else reject(err);
    });
    child.on("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${cmd} ${argv.join(" ")}\nfailed with ${signal ?? `exit code ${code}`}`));
    });
  });
}

/** Runs tasks with at most `jobs` at a time. */
async function parallel(tasks) {
  const queue = [...tasks];
  const workers = Array.from({ length: Math.min(jobs, queue.length) }, async () => {
    while (queue.length) await queue.shift()();
  });
  await Promise.all(workers);
}

async function main() {
  const outDir = variant === "release" ? buildRoot : path.join(buildRoot, variant);
  // Install-mode objects (no -Werror) live apart, so a later full build compiles with -Werror.
  const objDir = path.join(outDir, installOnly ? "obj-install" : "obj");
  mkdirSync(objDir, { recursive: true });

  const simSources = listC(simDir);
  if (simSources.length === 0) fail(`no C sources in ${simDir}`);
  const headers = [...listH(simDir), ...listH(includeDir), ...listH(testDir)];
  const self = fileURLToPath(import.meta.url);
  const baseFlags = installOnly ? BASE_FLAGS.filter((flag) => flag !== "-Werror") : BASE_FLAGS;
  const cflags = [...baseFlags, ...VARIANT_FLAGS[variant], `-I${includeDir}`, `-I${simDir}`];
  if (!isMac) cflags.push("-D_DEFAULT_SOURCE");

  // 1. objects (one per source; any header change rebuilds all)
  const headerTime = Math.max(newest(headers), mtime(self));
  const compile = (src, extra = [], dir = objDir) => {
    const obj = path.join(dir, `${path.basename(src, ".c")}.o`);
    const stale = force || mtime(obj) <= Math.max(mtime(src), headerTime);
    return {
      obj,
      task: stale ? () => run(cc[0], [...cc.slice(1), ...cflags, ...extra, "-c", src, "-o", obj]) : null,
    };
  };
  // production objects (release only), and test-hook objects for the test library and C tests
  const simObjs = variant === "release" ? simSources.map((s) => compile(s)) : [];
  const hookDir = path.join(outDir, "obj-test");
  if (!installOnly) mkdirSync(hookDir, { recursive: true });
  const hookObjs = installOnly ? [] : simSources.map((s) => compile(s, [TEST_HOOKS_FLAG], hookDir));
  const testSources = installOnly ? [] : listC(testDir);
  const testObjs = testSources.map((s) => compile(s, [TEST_HOOKS_FLAG, `-I${testDir}`]));
  const tasks = [...simObjs, ...hookObjs, ...testObjs].map((o) => o.task).filter(Boolean);
  if (tasks.length) process.stdout.write(`build-native: compiling ${tasks.length} file(s) (${variant})\n`);
  await parallel(tasks);

  const ldflags = [...VARIANT_LDFLAGS[variant], "-pthread"];
  const links = [];

  // 2. the shared library (release only: the sanitizer variants are for the C tests)
  const linkLibrary = (name, objs) => {
    const lib = path.join(outDir, name);
    if (upToDate(lib, objs)) return;
    const shared = isMac
      ? ["-dynamiclib", "-install_name", `@rpath/${name}`]
      : ["-shared", `-Wl,-soname,${name}`, "-Wl,-z,defs"];
    links.push(() => run(cc[0], [...cc.slice(1), ...shared, "-o", lib, ...objs, ...ldflags]));
  };
  if (variant === "release") {
    linkLibrary(
      libName,
      simObjs.map((o) => o.obj),
    );
    if (!installOnly)
      linkLibrary(
        testLibName,
        hookObjs.map((o) => o.obj),
      );
  }

  // 3. the C test programs: each test_*.c links with the library's objects (to reach internals)
  //    and with the test helpers (any non-test_*.c file in native/test)
  const helperObjs = testObjs.filter((o) => !path.basename(o.obj).startsWith("test_")).map((o) => o.obj);
  for (const o of testObjs) {
    const base = path.basename(o.obj, ".o");
    if (!base.startsWith("test_")) continue;
    const exe = path.join(outDir, base);
    const inputs = [o.obj, ...helperObjs, ...hookObjs.map((s) => s.obj)];
    if (!upToDate(exe, inputs)) {
      links.push(() => run(cc[0], [...cc.slice(1), "-o", exe, ...inputs, ...ldflags, "-lm"]));
    }
  }
  await parallel(links);
  if (tasks.length || links.length)
    process.stdout.write(`build-native: ${path.relative(pkgDir, outDir) || "."} up to date\n`);
}

/**
 * The Windows DLLs, cross-compiled with MinGW-w64: the same native/sim sources (the Winsock side of
 * net_compat.h), production and test-hook builds, no C tests (they need POSIX; Windows runs the FFI
 * tests under Wine instead).
 */
async function buildWin32() {
  const mingw = (process.env.CC_WIN32?.trim() || MINGW_CC).split(/\s+/);
  const outDir = path.resolve(option("--out") ?? path.join(buildRoot, WIN32_TARGET));
  const simSources = listC(simDir);
  if (simSources.length === 0) fail(`no C sources in ${simDir}`);
  const headerTime = Math.max(
    newest([...listH(simDir), ...listH(includeDir)]),
    mtime(fileURLToPath(import.meta.url)),
  );
  // -fPIC, -pthread and -fvisibility do not apply to PE DLLs (exports are __declspec(dllexport));
  // WSAPoll needs Windows Vista or later (_WIN32_WINNT 0x0600).
  const flags = [
    ...BASE_FLAGS.filter((f) => f !== "-fPIC" && f !== "-pthread" && f !== "-fvisibility=hidden"),
    "-D_WIN32_WINNT=0x0600",
    `-I${includeDir}`,
    `-I${simDir}`,
  ];
  const builds = [
    { dll: "libhftsim.dll", objDir: path.join(outDir, "obj"), extra: [] },
    { dll: "libhftsim-test.dll", objDir: path.join(outDir, "obj-test"), extra: [TEST_HOOKS_FLAG] },
  ];
  const tasks = [];
  const links = [];
  const hookObjs = [];
  for (const b of builds) {
    mkdirSync(b.objDir, { recursive: true });
    const objs = simSources.map((src) => {
      const obj = path.join(b.objDir, `${path.basename(src, ".c")}.o`);
      if (force || mtime(obj) <= Math.max(mtime(src), headerTime))
        tasks.push(() => run(mingw[0], [...mingw.slice(1), ...flags, ...b.extra, "-c", src, "-o", obj]));
      return obj;
    });
    if (b.extra.length) hookObjs.push(...objs);
    const dll = path.join(outDir, b.dll);
    links.push(() =>
      upToDate(dll, objs)
        ? Promise.resolve()
        : run(mingw[0], [
            ...mingw.slice(1),
            "-shared",
            "-o",
            dll,
            ...objs,
            "-static-libgcc",
            "-static",
            "-lws2_32",
          ]),
    );
  }
  // The C tests as .exe files for Wine (`node scripts/run-c-tests.mjs --wine`); threads come from
  // winpthreads (linked statically).
  const testObjDir = path.join(outDir, "obj-ctest");
  mkdirSync(testObjDir, { recursive: true });
  const testHeaderTime = Math.max(headerTime, newest(listH(testDir)));
  const testObj = (name) => {
    const src = path.join(testDir, `${name}.c`);
    const obj = path.join(testObjDir, `${name}.o`);
    if (force || mtime(obj) <= Math.max(mtime(src), testHeaderTime))
      tasks.push(() =>
        run(mingw[0], [...mingw.slice(1), ...flags, TEST_HOOKS_FLAG, `-I${testDir}`, "-c", src, "-o", obj]),
      );
    return obj;
  };
  const helperObjs = { fuzz_rand: testObj("fuzz_rand"), fake_server: testObj("fake_server") };
  for (const [name, helpers] of WIN32_C_TESTS) {
    const objs = [testObj(name), ...helpers.map((h) => helperObjs[h]), ...hookObjs];
    const exe = path.join(outDir, `${name}.exe`);
    links.push(() =>
      upToDate(exe, objs)
        ? Promise.resolve()
        : run(mingw[0], [...mingw.slice(1), "-o", exe, ...objs, "-static", "-lws2_32"]),
    );
  }
  if (tasks.length)
    process.stdout.write(`build-native: compiling ${tasks.length} file(s) (${WIN32_TARGET})\n`);
  await parallel(tasks);
  await parallel(links);
  process.stdout.write(
    `build-native: ${path.relative(pkgDir, outDir) || outDir} up to date (${WIN32_TARGET})\n`,
  );
}

(target === WIN32_TARGET ? buildWin32() : main()).catch((err) => fail(err.message));
