/**
 * The FFI backends every test runs on (ffi-napi optional, see BACKENDS), and the temporary
 * directories, C compiler and polling the tests build and wait with.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe } from "vitest";
import type { BackendName } from "../../src/index.js";

/**
 * Both FFI backends run the same tests. ffi-napi (@2060.io/ffi-napi) is an optional dependency that
 * `npm ci` builds; if it is missing its tests FAIL, naming the install command, unless
 * TSGATE_SKIP_FFI_NAPI=1 says this machine cannot build it.
 */
export const BACKENDS: readonly BackendName[] =
  process.env.TSGATE_SKIP_FFI_NAPI === "1" ? ["koffi"] : ["koffi", "ffi-napi"];

export function describeBackends(name: string, fn: (backend: BackendName) => void): void {
  describe.each(BACKENDS)(`${name} [%s]`, fn);
}

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `tsgate-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Compiles C source into a shared library or an executable with the system compiler. */
export function compileC(
  source: string,
  out: string,
  opts: { shared: boolean; include?: string; extra?: string[] },
): void {
  const src = `${out}.c`;
  writeFileSync(src, source);
  const args = ["-std=c11", "-o", out, src];
  if (opts.shared) args.unshift("-shared", "-fPIC");
  if (opts.include) args.unshift("-I", opts.include);
  if (opts.extra) args.unshift(...opts.extra);
  execFileSync("cc", args, { stdio: "pipe" });
}

/** Resolves after `predicate` holds, checking once per event-loop turn (no timing assertion). */
export async function until(predicate: () => boolean, what: string, limitMs = 90_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
