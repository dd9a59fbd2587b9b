#!/usr/bin/env node
// `npm run test:windows`: the hft-native FFI tests and the gateway's end-to-end flow in Windows
// node.exe under Wine, against the mock servers running here on the Linux side; then the packed
// @tsgate/hft-native tarball, unpacked with only its dependencies (no compiler, no repo build),
// loading its shipped DLL and logging in. Installs what it needs when missing (see toolchain.mjs).
// Wine proves behaviour, not timing, and not MSVC binary compatibility (docs/windows.md).
import { execFileSync, spawn } from "node:child_process";
import {
  closeSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import process from "node:process";
import { WIN32_VENDOR_LIBRARY } from "../../packages/hft-native/scripts/build-vendor-double.mjs";
import { startMockWithControl } from "./mock-control.mjs";
import {
  ensureWindowsToolchain,
  extractPackage,
  installKoffiWin32,
  ROOT,
  wineEnv,
  winPath,
} from "./toolchain.mjs";

const HERE = path.join(ROOT, "tools", "windows-test");
const TEST_FILES = ["tests/ffi.test.mjs", "tests/gateway-e2e.test.mjs"];
/** Bounds one node.exe run: a hang becomes a failure, never a stuck CI. */
const RUN_TIMEOUT_MS = 10 * 60_000;

function log(message) {
  process.stdout.write(`test:windows: ${message}\n`);
}

function buildRepo() {
  log("building the packages");
  const env = { ...process.env, NX_DAEMON: "false", NX_NO_CLOUD: "true" };
  execFileSync("npx", ["nx", "run-many", "-t", "build", "-p", "@tsgate/hft-gateway", "@tsgate/mock-server"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  // The cross-build checks build the DLLs (build/win32-x64/: libhftsim, libhftsim-test and
  // libhftvendor, the shim over the vendor-SDK double) on the way: 0 warnings, PE imports, exports.
  log("cross-building and checking the win32-x64 DLLs (MinGW-w64)");
  execFileSync("npx", ["vitest", "run", "--config", "vitest.win32.config.ts"], {
    cwd: path.join(ROOT, "packages", "hft-native"),
    stdio: ["ignore", "inherit", "inherit"],
  });
}

/** Runs node.exe under Wine with its output in a file (node.exe fails with EBADF on a pipe). */
async function runWindowsNode(nodeExe, args, { cwd, env }) {
  const dir = mkdtempSync(path.join(tmpdir(), "tsgate-wine-"));
  const outFile = path.join(dir, "output.txt");
  const fd = openSync(outFile, "w");
  try {
    const child = spawn("wine", [nodeExe, ...args], { cwd, env: wineEnv(env), stdio: ["ignore", fd, fd] });
    const timer = setTimeout(() => child.kill("SIGKILL"), RUN_TIMEOUT_MS);
    const code = await new Promise((resolve) =>
      child.on("exit", (c, signal) => resolve(signal ? 128 : (c ?? 1))),
    );
    clearTimeout(timer);
    return { code, output: readFileSync(outFile, "utf8") };
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The libraries the test files run against, each in its own node.exe with fresh mock servers: the
 * simulation DLL as loaded by default, then the vendor shim over the vendor-SDK double
 * (TSGATE_HFT_LIB; tests/harness.mjs adapts what the vendor path documents differently).
 */
const LIBRARIES = [
  { name: "sim", env: { TSGATE_WIN_LIBRARY: "sim" } },
  {
    name: "vendor",
    env: { TSGATE_WIN_LIBRARY: "vendor", TSGATE_HFT_LIB: winPath(WIN32_VENDOR_LIBRARY) },
  },
];

async function runTests(nodeExe, library) {
  const servers = await startMockWithControl();
  try {
    const args = [
      "--test",
      "--test-concurrency=1",
      "--test-reporter=spec",
      ...TEST_FILES.map((f) => winPath(path.join(HERE, f))),
    ];
    log(
      `running ${TEST_FILES.join(", ")} in Windows node.exe on the ${library.name} library (mock servers on 127.0.0.1:${servers.mock.tradePort}/${servers.mock.marketPort})`,
    );
    const { code, output } = await runWindowsNode(nodeExe, args, {
      cwd: HERE,
      env: { ...servers.env, ...library.env },
    });
    process.stdout.write(output);
    if (code !== 0)
      process.stdout.write(`\nmock server log (last 40 lines):\n${servers.lines.slice(-40).join("\n")}\n`);
    return code;
  } finally {
    await servers.close();
  }
}

/** The packed tarball alone: node.exe loads the DLL it ships (no TSGATE_HFT_LIB) and logs in. */
async function runPackedTarball(nodeExe) {
  const dir = mkdtempSync(path.join(tmpdir(), "tsgate-packed-win-"));
  const servers = await startMockWithControl();
  try {
    const packed = JSON.parse(
      execFileSync("npm", ["pack", "--json", "--pack-destination", dir, "-w", "@tsgate/hft-native"], {
        cwd: ROOT,
        encoding: "utf8",
      }),
    );
    const tarball = path.join(dir, packed[0].filename);
    const files = packed[0].files.map((f) => f.path);
    const dll = files.find((f) => f === "build/win32-x64/libhftsim.dll");
    if (dll === undefined)
      throw new Error(
        `the packed @tsgate/hft-native has no build/win32-x64/libhftsim.dll: ${files.join(", ")}`,
      );
    log(`packed ${packed[0].filename} ships ${dll}`);
    const modules = path.join(dir, "app", "node_modules");
    extractPackage(tarball, path.join(modules, "@tsgate", "hft-native"));
    // Its only runtime dependency, koffi, with koffi's Windows binary (what npm on Windows installs).
    cpSync(path.join(ROOT, "node_modules", "koffi"), path.join(modules, "koffi"), { recursive: true });
    installKoffiWin32(modules);
    writeFileSync(path.join(dir, "app", "package.json"), '{ "type": "module" }\n');
    writeFileSync(path.join(dir, "app", "login.mjs"), readFileSync(path.join(HERE, "packed-login.mjs")));
    const { code, output } = await runWindowsNode(nodeExe, [winPath(path.join(dir, "app", "login.mjs"))], {
      cwd: path.join(dir, "app"),
      env: servers.env,
    });
    process.stdout.write(output);
    return code;
  } finally {
    await servers.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const nodeExe = ensureWindowsToolchain();
buildRepo();
mkdirSync(HERE, { recursive: true });
const results = [];
for (const library of LIBRARIES) results.push([`tests on ${library.name}`, await runTests(nodeExe, library)]);
results.push(["packed tarball", await runPackedTarball(nodeExe)]);
log(results.map(([what, code]) => `${what} ${code === 0 ? "passed" : `failed (${code})`}`).join(", "));
process.exit(results.every(([, code]) => code === 0) ? 0 : 1);
