#!/usr/bin/env node
// Builds (if needed) and runs the C tests of the native library: the plain build and a second
// build under AddressSanitizer + UndefinedBehaviorSanitizer. Exits non-zero if any test fails.
//
//   node scripts/run-c-tests.mjs            plain + ASan/UBSan
//   node scripts/run-c-tests.mjs --tsan     also ThreadSanitizer (slower)
//   node scripts/run-c-tests.mjs --no-asan  plain only
//   node scripts/run-c-tests.mjs --wine     the Windows build instead (build-native --target
//                                           win32-x64): every C test as .exe under Wine
//                                           (WINEPREFIX respected), the interop run
//                                           against the mock server on the Linux side. Not part of
//                                           `npm test` (Wine is ~1.9 GB); for the Windows harness.
//
// Tests: test_codec (docs/protocol-vectors.json), test_utf8_cut (texts cut at whole UTF-8
// characters), test_fuzz (seeded, bounded), test_session (trade / market-data handles over
// loopback TCP against a scripted C peer), test_conn (the connection layer through its test
// hooks: on_frame refusals, writer out of memory), test_fuzz_net (the handles against a hostile peer sending seeded garbage frames: each bad connection ends with a
// DISCONNECTED naming the reason, then reconnect and work again; seeded, bounded), test_interop (the
// same handles against the real @tsgate/mock-server, via scripts/interop-c.mjs; skipped with a
// note when packages/mock-server/dist is not built).
import { spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const scriptsDir = path.dirname(fileURLToPath(import.meta.url));
const pkgDir = path.resolve(scriptsDir, "..");
const repoRoot = path.resolve(pkgDir, "..", "..");
const buildRoot = path.join(pkgDir, "build");
const vectorsJson = path.join(repoRoot, "docs", "protocol-vectors.json");
const vectorsTxt = path.join(buildRoot, "protocol-vectors.txt");

const args = new Set(process.argv.slice(2));
const WIN32 = "win32-x64";
const WINE_INSTALL = "apt-get install wine wine64";
const variants = args.has("--wine") ? [WIN32] : ["release"];
if (!args.has("--wine") && !args.has("--no-asan")) variants.push("asan");
if (!args.has("--wine") && args.has("--tsan")) variants.push("tsan");

if (process.platform === "win32") {
  process.stdout.write(
    "run-c-tests: the C simulation library and its tests need a POSIX system; skipped on Windows\n",
  );
  process.exit(0);
}

function run(cmd, argv, env = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(cmd, argv, {
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, ...env },
    });
    child.on("error", (err) =>
      resolve({
        ok: false,
        ms: Date.now() - started,
        why: err.code === "ENOENT" && cmd === "wine" ? `wine not found: ${WINE_INSTALL}` : err.message,
      }),
    );
    child.on("exit", (code, signal) =>
      resolve({
        ok: code === 0,
        ms: Date.now() - started,
        why: signal ? `signal ${signal}` : `exit code ${code}`,
      }),
    );
  });
}

const SANITIZER_ENV = {
  ASAN_OPTIONS: "detect_leaks=1:abort_on_error=0:halt_on_error=1",
  UBSAN_OPTIONS: "halt_on_error=1:print_stacktrace=1",
  TSAN_OPTIONS: "halt_on_error=1:second_deadlock_stack=1",
};

async function main() {
  mkdirSync(buildRoot, { recursive: true });
  if (!existsSync(vectorsJson)) {
    process.stderr.write(`run-c-tests: ${vectorsJson} not found (the protocol test vectors)\n`);
    process.exit(1);
  }
  const conv = await run(process.execPath, [
    path.join(scriptsDir, "vectors-to-lines.mjs"),
    vectorsJson,
    vectorsTxt,
  ]);
  if (!conv.ok) process.exit(1);

  const failures = [];
  for (const variant of variants) {
    const flag = variant === "release" ? [] : variant === WIN32 ? ["--target", WIN32] : [`--${variant}`];
    const built = await run(process.execPath, [path.join(scriptsDir, "build-native.mjs"), ...flag]);
    if (!built.ok) {
      failures.push(`build (${variant}): ${built.why}`);
      continue;
    }
    const dir = variant === "release" ? buildRoot : path.join(buildRoot, variant);
    const tests = [
      ["test_codec", [vectorsTxt]],
      ["test_utf8_cut", []],
      ["test_fuzz", variant === "release" ? ["20260126", "3000"] : ["20260126", "1000"]],
      ["test_session", []],
      ["test_conn", []],
      // seed, hostile connections per handle (trade and market data) in phase A
      ["test_fuzz_net", variant === "release" ? ["20260126", "80"] : ["20260126", "40"]],
    ];
    for (const [name, argv] of tests) {
      process.stdout.write(`\n== ${name} (${variant})\n`);
      const r =
        variant === WIN32
          ? await run("wine", [path.join(dir, `${name}.exe`), ...argv], { WINEDEBUG: "-all" })
          : await run(path.join(dir, name), argv, variant === "release" ? {} : SANITIZER_ENV);
      process.stdout.write(`== ${name} (${variant}): ${r.ok ? "ok" : `FAILED (${r.why})`} in ${r.ms} ms\n`);
      if (!r.ok) failures.push(`${name} (${variant}): ${r.why}`);
    }
    // against the real TypeScript mock server (skipped with a note if it is not built)
    process.stdout.write(`\n== test_interop (${variant})\n`);
    const r = await run(
      process.execPath,
      [path.join(scriptsDir, "interop-c.mjs"), variant === "release" ? "" : variant],
      variant === "release" || variant === WIN32 ? {} : SANITIZER_ENV,
    );
    process.stdout.write(
      `== test_interop (${variant}): ${r.ok ? "ok" : `FAILED (${r.why})`} in ${r.ms} ms\n`,
    );
    if (!r.ok) failures.push(`test_interop (${variant}): ${r.why}`);
  }
  if (failures.length) {
    process.stderr.write(`\nrun-c-tests: ${failures.length} failure(s):\n  ${failures.join("\n  ")}\n`);
    process.exit(1);
  }
  process.stdout.write(`\nrun-c-tests: all C tests passed (${variants.join(", ")})\n`);
}

main().catch((err) => {
  process.stderr.write(`run-c-tests: ${err.stack ?? err}\n`);
  process.exit(1);
});
