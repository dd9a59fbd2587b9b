import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HFT_ABI_VERSION, HftLibraryError, loadHftLibrary } from "../src/index.js";
import { CHECKED_STRUCTS } from "../src/layout.js";
import { compileC, describeBackends, tempDir } from "./helpers/backends.js";

/** Every function of the ABI, for a fake library that exports them all. */
const ABI_FUNCTIONS = [
  "hft_library_info",
  "hft_last_error",
  "hft_noop",
  "hft_trader_create",
  "hft_trader_set_wakeup",
  "hft_trader_set_event_callback",
  "hft_trader_login",
  "hft_trader_order",
  "hft_trader_cancel_order",
  "hft_trader_cancel_orders",
  "hft_trader_query",
  "hft_trader_poll",
  "hft_trader_arm",
  "hft_trader_release",
  "hft_md_create",
  "hft_md_set_wakeup",
  "hft_md_set_event_callback",
  "hft_md_login",
  "hft_md_subscribe",
  "hft_md_unsubscribe",
  "hft_md_poll",
  "hft_md_arm",
  "hft_md_release",
  "hft_md_test_emit",
];

function catchError(fn: () => unknown): HftLibraryError {
  try {
    fn();
  } catch (err) {
    if (err instanceof HftLibraryError) return err;
    throw err;
  }
  throw new Error("expected an HftLibraryError");
}

const tmp = tempDir("load");
const paths = {
  missing: join(tmp.dir, "nope", "libhftsim.so"),
  notLibrary: join(tmp.dir, "not-a-library.so"),
  abi99: join(tmp.dir, "libabi99.so"),
  abiOnly: join(tmp.dir, "libabionly.so"),
  badStruct: join(tmp.dir, "libbadstruct.so"),
  wrongArch: join(tmp.dir, "libwrongarch.so"),
};
// A 32-bit x86 library (no libc needed) stands for "built for another architecture" on x86-64 Linux.
const CAN_BUILD_WRONG_ARCH = process.platform === "linux" && process.arch === "x64";

beforeAll(() => {
  writeFileSync(paths.notLibrary, "this is not an ELF file\n");
  compileC("int hft_abi_version(void) { return 99; }\n", paths.abi99, { shared: true });
  compileC(`int hft_abi_version(void) { return ${HFT_ABI_VERSION}; }\n`, paths.abiOnly, { shared: true });
  // All symbols, ABI 1, and sizes as expected except hft_market_data_t (one field added, say).
  const sizes = CHECKED_STRUCTS.map(
    (s) =>
      `if (!strcmp(name, "${s.cName}")) return ${s.cName === "hft_market_data_t" ? s.size + 8 : s.size};`,
  ).join("\n  ");
  const stubs = ABI_FUNCTIONS.map((f) => `int ${f}(void) { return 0; }`).join("\n");
  compileC(
    `#include <string.h>\nint hft_abi_version(void) { return ${HFT_ABI_VERSION}; }\n` +
      `int hft_struct_size(const char* name) {\n  ${sizes}\n  return -1;\n}\n${stubs}\n`,
    paths.badStruct,
    { shared: true },
  );
  if (CAN_BUILD_WRONG_ARCH) {
    compileC("int hft_abi_version(void) { return 1; }\n", paths.wrongArch, {
      shared: true,
      extra: ["-m32", "-nostdlib"],
    });
  }
});
afterAll(() => tmp.cleanup());

describeBackends("loadHftLibrary errors", (backend) => {
  it("missing file: names the path, its source and the build command", () => {
    const err = catchError(() => loadHftLibrary({ backend, path: paths.missing }));
    expect(err.code).toBe("LIBRARY_NOT_FOUND");
    expect(err.path).toBe(paths.missing);
    expect(err.message).toContain(paths.missing);
    expect(err.message).toContain("from the `path` option");
    expect(err.message).toContain("npm run build -w @tsgate/hft-native");
  });

  it("missing file named by TSGATE_HFT_LIB says so", () => {
    const saved = process.env.TSGATE_HFT_LIB;
    process.env.TSGATE_HFT_LIB = paths.missing;
    try {
      const err = catchError(() => loadHftLibrary({ backend }));
      expect(err.code).toBe("LIBRARY_NOT_FOUND");
      expect(err.message).toContain("TSGATE_HFT_LIB environment variable");
    } finally {
      if (saved === undefined) delete process.env.TSGATE_HFT_LIB;
      else process.env.TSGATE_HFT_LIB = saved;
    }
  });

  it("not a library: names the path and quotes the loader", () => {
    const err = catchError(() => loadHftLibrary({ backend, path: paths.notLibrary }));
    expect(err.code).toBe("LIBRARY_LOAD_FAILED");
    expect(err.message).toContain(paths.notLibrary);
    expect(err.message).toMatch(/invalid ELF header|not a mach-o|file too short/i);
  });

  it.skipIf(!CAN_BUILD_WRONG_ARCH)("wrong architecture: names the path and says so", () => {
    const err = catchError(() => loadHftLibrary({ backend, path: paths.wrongArch }));
    expect(err.code).toBe("LIBRARY_LOAD_FAILED");
    expect(err.message).toContain(paths.wrongArch);
    expect(err.message).toContain("ELFCLASS32");
    expect(err.message).toContain("built for another architecture than this process (linux-x64)");
  });

  it("ABI version mismatch: expected and found", () => {
    const err = catchError(() => loadHftLibrary({ backend, path: paths.abi99 }));
    expect(err.code).toBe("ABI_MISMATCH");
    expect(err.message).toContain(paths.abi99);
    expect(err.message).toContain(`has ABI version 99, but @tsgate/hft-native expects ${HFT_ABI_VERSION}`);
  });

  it("a library without the ABI's functions", () => {
    const err = catchError(() => loadHftLibrary({ backend, path: paths.abiOnly }));
    expect(err.code).toBe("SYMBOL_MISSING");
    expect(err.message).toContain(paths.abiOnly);
    expect(err.message).toContain("hft_last_error");
  });

  it("struct size mismatch (hft_struct_size)", () => {
    const err = catchError(() => loadHftLibrary({ backend, path: paths.badStruct }));
    expect(err.code).toBe("STRUCT_SIZE_MISMATCH");
    expect(err.message).toContain("sizeof(hft_market_data_t) = 272, expected 264");
  });
});

describe("loadHftLibrary options", () => {
  it("an unknown backend is refused", () => {
    // @ts-expect-error: testing a bad value from untyped callers
    const err = catchError(() => loadHftLibrary({ backend: "node-ffi" }));
    expect(err.code).toBe("INVALID_OPTION");
  });
});
