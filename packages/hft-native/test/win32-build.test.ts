import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "./helpers/backends.js";

/*
 * The Windows DLLs (issue 16.1), run by `npm run test:windows` (vitest.win32.config.ts): native/sim cross-compiled with MinGW-w64 onto Winsock
 * (native/sim/net_compat.h). The build uses -Werror, so a build that succeeds compiled every file
 * with 0 warnings; stderr must be empty as well. No MinGW compiler means a failure that names the
 * install command, never a skip.
 */
const PKG = join(import.meta.dirname, "..");
const SCRIPT = join(PKG, "scripts", "build-native.mjs");
const OUT = join(PKG, "build", "win32-x64");
const INSTALL = "apt-get install gcc-mingw-w64-x86-64-posix";
const VENDOR_SCRIPT = join(PKG, "scripts", "build-vendor-double.mjs");
const VENDOR_INSTALL = "apt-get install g++-mingw-w64-x86-64-posix binutils-mingw-w64-x86-64";
const OBJDUMP = "x86_64-w64-mingw32-objdump";
/** The DLLs a Windows installation always has: the only imports allowed (no MinGW runtime). */
const SYSTEM_DLLS = ["KERNEL32.dll", "WS2_32.dll", "msvcrt.dll"];

/** Every function hft_api.h declares with HFT_API: what a library of the ABI exports. */
function abiFunctions(): string[] {
  const header = readFileSync(join(PKG, "native", "include", "hft_api.h"), "utf8");
  return [...header.matchAll(/HFT_API [^(;]*?\b(hft_\w+)\(/g)].map((m) => m[1] as string).sort();
}

/** A PE image's imported DLLs and exported names, as `objdump -p` prints them. */
function peTables(file: string): { imports: string[]; exports: string[] } {
  const res = spawnSync(OBJDUMP, ["-p", file], { encoding: "utf8" });
  if (res.error) throw new Error(`${OBJDUMP}: ${res.error.message} (${VENDOR_INSTALL})`);
  const imports = [...res.stdout.matchAll(/^\s*DLL Name: (\S+)$/gm)].map((m) => m[1] as string).sort();
  const exports = [...res.stdout.matchAll(/^\s*\[\s*\d+\] (\w+)$/gm)].map((m) => m[1] as string).sort();
  return { imports, exports };
}

function build(extraArgs: string[], env: NodeJS.ProcessEnv = process.env) {
  return spawnSync(process.execPath, [SCRIPT, "--target", "win32-x64", ...extraArgs], {
    encoding: "utf8",
    env,
    timeout: 600_000,
  });
}

describe("win32-x64 cross-build (MinGW-w64)", () => {
  it("builds build/win32-x64/libhftsim.dll and libhftsim-test.dll with 0 warnings", () => {
    const res = build([]);
    expect(res.status, `${res.stdout}\n${res.stderr}\n(install the cross compiler: ${INSTALL})`).toBe(0);
    expect(res.stderr).toBe("");
    const dll = readFileSync(join(OUT, "libhftsim.dll"));
    const testDll = readFileSync(join(OUT, "libhftsim-test.dll"));
    // PE images ("MZ"), exporting the ABI; the test hooks only in the test build
    expect(dll.subarray(0, 2).toString("latin1")).toBe("MZ");
    expect(dll.includes("hft_abi_version")).toBe(true);
    expect(dll.includes("hft_trader_login")).toBe(true);
    expect(dll.includes("hft_md_test_emit")).toBe(false);
    expect(testDll.includes("hft_md_test_emit")).toBe(true);
    // Winsock, and no MinGW runtime DLL to ship beside it
    expect(dll.includes("WS2_32.dll")).toBe(true);
    expect(dll.includes("libgcc_s")).toBe(false);
    expect(dll.includes("libwinpthread")).toBe(false);
    // the C tests that run under Wine (node scripts/run-c-tests.mjs --wine)
    for (const exe of [
      "test_codec.exe",
      "test_fuzz.exe",
      "test_session.exe",
      "test_conn.exe",
      "test_fuzz_net.exe",
      "test_interop.exe",
    ])
      expect(readFileSync(join(OUT, exe)).subarray(0, 2).toString("latin1"), exe).toBe("MZ");
  }, 660_000);

  // Issue 16.3: the vendor shim over the vendor-SDK double, for the Wine run's vendor pass. Needs the
  // simulation objects of the build above (build/win32-x64/obj/).
  it("builds build/win32-x64/libhftvendor.dll (shim + double) with 0 warnings, exporting the ABI only", () => {
    const res = spawnSync(process.execPath, [VENDOR_SCRIPT, "--target", "win32-x64", "--force"], {
      encoding: "utf8",
      timeout: 600_000,
    });
    expect(res.status, `${res.stdout}\n${res.stderr}\n(install: ${VENDOR_INSTALL})`).toBe(0);
    expect(res.stderr).toBe("");
    const dll = join(OUT, "libhftvendor.dll");
    expect(readFileSync(dll).subarray(0, 2).toString("latin1")).toBe("MZ");
    expect(readFileSync(dll).includes("tsgate-vendor-shim+double")).toBe(true);
    const { imports, exports } = peTables(dll);
    // libgcc, libstdc++ and winpthread linked in: nothing to ship beside the DLL
    expect(imports).toEqual(SYSTEM_DLLS);
    // exactly the ABI: not the renamed simulation entry points (simcore_*), nor C++ symbols
    expect(exports).toEqual(abiFunctions());
  }, 660_000);

  it("without the MinGW C++ compiler the vendor build fails and names the install command", () => {
    const res = spawnSync(process.execPath, [VENDOR_SCRIPT, "--target", "win32-x64", "--force"], {
      encoding: "utf8",
      env: { ...process.env, CXX_WIN32: "no-such-mingw-g++" },
      timeout: 600_000,
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain("'no-such-mingw-g++' not found");
    expect(res.stderr).toContain(VENDOR_INSTALL);
  }, 660_000);

  it("without the cross compiler it fails and names the install command", () => {
    const tmp = tempDir("win32-nocc");
    try {
      const res = build(["--out", tmp.dir, "--force"], { ...process.env, CC_WIN32: "no-such-mingw-gcc" });
      expect(res.status).toBe(1);
      expect(res.stderr).toContain("no-such-mingw-gcc");
      expect(res.stderr).toContain(INSTALL);
      expect(existsSync(join(tmp.dir, "libhftsim.dll"))).toBe(false);
    } finally {
      tmp.cleanup();
    }
  });
});
