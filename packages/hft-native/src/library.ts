import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { endianness } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureFfiNapi, ffiNapiBackend } from "./backend-ffi-napi.js";
import { koffiBackend } from "./backend-koffi.js";
import {
  BUILD_COMMAND,
  BUNDLED_LIBRARY_BASENAME,
  HFT_ABI_VERSION,
  HFT_LIB_ENV,
  PACKAGE_NAME,
  TEST_LIBRARY_BASENAME,
  WIN32_BUILD_DIR,
} from "./constants.js";
import { HftCallError, HftLibraryError, redact } from "./errors.js";
import {
  type ArgKind,
  type BackendName,
  type FfiBackend,
  type FfiLibrary,
  LibraryOpenError,
  MissingSymbolError,
  type NativeCallback,
  type NativeFunction,
  type NativePointer,
  type ReturnKind,
} from "./ffi-backend.js";
import { CHECKED_STRUCTS } from "./layout.js";

export type { BackendName } from "./ffi-backend.js";

/** Options of {@link loadHftLibrary}. */
export interface LoadHftLibraryOptions {
  /**
   * Library file. Default: env `TSGATE_HFT_LIB`, else the bundled `build/libhftsim.so` (`.dylib` on
   * macOS; on Windows the DLL the package ships, `build/win32-x64/libhftsim.dll`).
   */
  path?: string;
  /** FFI backend. Default "koffi"; "ffi-napi" needs the optional dependency built. */
  backend?: BackendName;
}

/** Where the library path came from, quoted in errors. */
export type LibraryPathSource = "option" | "env" | "bundled";

/** The operations one kind of handle (trader or md) shares. Internal: nothing above the wrappers sees a pointer. */
export interface NativeHandleApi {
  create(config: Buffer): NativePointer | null;
  setWakeup(handle: NativePointer, callback: unknown, userData: number): number;
  setEventCallback(handle: NativePointer, callback: unknown, userData: number): number;
  poll(handle: NativePointer, out: Buffer, maxEvents: number): number;
  arm(handle: NativePointer): number;
  /**
   * hft_*_open_wakeup_fd: a descriptor the JS thread watches instead of a wake-up callback (>= 0),
   * or a negative error code; undefined when the library does not export it.
   */
  openWakeupFd: ((handle: NativePointer) => number) | undefined;
  /** hft_*_release on a worker thread: it joins the notifier thread, which may be waiting for the JS thread. */
  release(handle: NativePointer): Promise<void>;
}

/** The bound ABI. Internal. */
export interface NativeApi {
  readonly ffi: FfiLibrary;
  lastError(): string;
  noop(x: number): number;
  structSize(name: string): number;
  trader: NativeHandleApi & {
    login(handle: NativePointer, req: Buffer): number;
    order(handle: NativePointer, req: Buffer): number;
    /** hft_trader_order_deferred + hft_trader_flush; undefined in libraries without them. */
    deferred:
      | { order(handle: NativePointer, req: Buffer): number; flush(handle: NativePointer): number }
      | undefined;
    cancelOrder(handle: NativePointer, orderId: Buffer, clOrderId: Buffer): number;
    cancelOrders(handle: NativePointer, orderIds: Buffer, count: number): number;
    query(handle: NativePointer, req: Buffer): number;
  };
  md: NativeHandleApi & {
    login(handle: NativePointer, user: Buffer, password: Buffer): number;
    subscribe(handle: NativePointer, market: number, codes: Buffer, count: number): number;
    unsubscribe(handle: NativePointer, market: number, codes: Buffer, count: number): number;
    testEmit(handle: NativePointer, count: number): number;
  };
  /** hft_set_vendor_option, or undefined when the library does not export it (the simulation library). */
  setVendorOption: ((name: Buffer, value: Buffer) => number) | undefined;
  /** Throws HftCallError for a negative return code, with hft_last_error() (secrets redacted). */
  check(func: string, rc: number, secrets?: readonly string[]): number;
}

const internals = new WeakMap<HftLibrary, NativeApi>();

/** A loaded, version-checked HFT library. Share one between several TraderApi/MdApi instances. */
export class HftLibrary {
  /** @internal */
  constructor(
    /** Absolute path of the loaded file. */
    readonly path: string,
    /** How the path was chosen. */
    readonly pathSource: LibraryPathSource,
    /** The FFI backend in use. */
    readonly backend: BackendName,
    /** hft_abi_version() of the file. */
    readonly abiVersion: number,
    /** hft_library_info(), e.g. "tsgate-sim 0.1.0 (abi 4)". */
    readonly info: string,
    native: NativeApi,
  ) {
    internals.set(this, native);
  }

  /** hft_noop(x): a trivial call, for measuring the per-call cost of the backend. */
  noop(x: number): number {
    return native(this).noop(x);
  }

  /** hft_struct_size(name): the library's sizeof for a struct typedef name, -1 if unknown. */
  structSize(name: string): number {
    return structSizeOf(native(this), name);
  }

  /** True when the library takes vendor SDK settings ({@link HftLibrary.setVendorOption}): the vendor shim. */
  get takesVendorOptions(): boolean {
    return native(this).setVendorOption !== undefined;
  }

  /**
   * Sets a process-wide vendor SDK setting through `hft_set_vendor_option`, before the first trader
   * is created: `terminal_info` (the exchange-format terminal information passed at login) or
   * `log_path` (the SDK's log directory, once per process). Does nothing and returns false for a
   * library without vendor settings (the simulation library).
   *
   * @throws HftCallError when the library refuses the value (e.g. a second, different log path).
   */
  setVendorOption(name: "terminal_info" | "log_path", value: string): boolean {
    const api = native(this);
    if (api.setVendorOption === undefined) return false;
    api.check("hft_set_vendor_option", api.setVendorOption(cString(name), cString(value)));
    return true;
  }
}

/** Internal accessor for the bound ABI of a library. */
export function native(lib: HftLibrary): NativeApi {
  const api = internals.get(lib);
  if (api === undefined) throw new TypeError("not an HftLibrary returned by loadHftLibrary()");
  return api;
}

const cache = new Map<string, HftLibrary>();

/**
 * Loads the HFT C library through an FFI backend and checks it: the file exists, loads, exports the
 * ABI, has the expected ABI version and the expected struct sizes. Loading the same file with the same
 * backend twice returns the same instance.
 *
 * @throws {@link HftLibraryError} with a code: LIBRARY_NOT_FOUND, LIBRARY_LOAD_FAILED, SYMBOL_MISSING,
 * ABI_MISMATCH, STRUCT_SIZE_MISMATCH, BACKEND_UNAVAILABLE, INVALID_OPTION, UNSUPPORTED_PLATFORM.
 */
export function loadHftLibrary(options: LoadHftLibraryOptions = {}): HftLibrary {
  if (endianness() !== "LE") {
    throw new HftLibraryError("UNSUPPORTED_PLATFORM", `${PACKAGE_NAME} supports little-endian hosts only`);
  }
  const backendName = options.backend ?? "koffi";
  const backend = pickBackend(backendName);
  const { path, source } = resolveLibraryPath(options.path);
  const where = `${path} (${describeSource(source)})`;

  if (!existsSync(path) || !statSync(path).isFile()) {
    const remedy =
      source === "bundled" && process.platform === "win32"
        ? `The package ships it prebuilt for win32-x64 only (this is win32-${process.arch}): reinstall @tsgate/hft-native`
        : `Build the bundled simulation library with \`${BUILD_COMMAND}\``;
    throw new HftLibraryError(
      "LIBRARY_NOT_FOUND",
      `HFT library not found: ${where}. ${remedy}, ` +
        `or set the \`path\` option or the ${HFT_LIB_ENV} environment variable to an existing library.`,
      path,
    );
  }
  const key = `${backendName}\0${realpathSync(path)}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;

  let ffi: FfiLibrary;
  try {
    ffi = backend.open(path);
  } catch (err) {
    if (!(err instanceof LibraryOpenError)) throw err;
    const arch = /ELFCLASS|wrong architecture|incompatible architecture|mach-o/i.test(err.message)
      ? ` It looks built for another architecture than this process (${process.platform}-${process.arch}).`
      : "";
    throw new HftLibraryError(
      "LIBRARY_LOAD_FAILED",
      `Cannot load the HFT library ${where} with ${backendName}: ${err.message}.${arch}`,
      path,
      { cause: err },
    );
  }

  const bind = (name: string, ret: ReturnKind, args: readonly ArgKind[]): NativeFunction => {
    try {
      return ffi.bind({ name, ret, args });
    } catch (err) {
      if (!(err instanceof MissingSymbolError)) throw err;
      throw new HftLibraryError(
        "SYMBOL_MISSING",
        `${where} does not export ${name}, so it is not an HFT library of ABI version ${HFT_ABI_VERSION} ` +
          `(hft_api.h): ${err.message}`,
        path,
        { cause: err },
      );
    }
  };

  /** A test hook: present in the test build only, so a call to a missing one explains that. */
  const bindTestHook = (name: string, ret: ReturnKind, args: readonly ArgKind[]): NativeFunction["call"] => {
    try {
      return ffi.bind({ name, ret, args }).call;
    } catch (err) {
      if (!(err instanceof MissingSymbolError)) throw err;
      return () => {
        throw new HftLibraryError(
          "SYMBOL_MISSING",
          `${where} does not export the test hook ${name}: only the test build of the simulation ` +
            `library has it (${testLibraryPath()}, built by ${BUILD_COMMAND}; load it with the \`path\` option)`,
          path,
        );
      };
    }
  };

  const abiVersion = bind("hft_abi_version", "i32", []).call() as number;
  if (abiVersion !== HFT_ABI_VERSION) {
    throw new HftLibraryError(
      "ABI_MISMATCH",
      `HFT library ${where} has ABI version ${abiVersion}, but ${PACKAGE_NAME} expects ${HFT_ABI_VERSION}. ` +
        `Rebuild the library from this package's native/ sources (\`${BUILD_COMMAND}\`) or use a matching package version.`,
      path,
    );
  }

  const api = bindAll(ffi, bind, bindTestHook);
  for (const struct of CHECKED_STRUCTS) {
    const found = structSizeOf(api, struct.cName);
    if (found !== struct.size) {
      throw new HftLibraryError(
        "STRUCT_SIZE_MISMATCH",
        `HFT library ${where} reports sizeof(${struct.cName}) = ${found === -1 ? "unknown (-1)" : found}, ` +
          `expected ${struct.size}: its hft_api.h differs from the one ${PACKAGE_NAME} was built against.`,
        path,
      );
    }
  }
  const info = (bind("hft_library_info", "string", []).call() as string | null) ?? "";
  const lib = new HftLibrary(path, source, backendName, abiVersion, info, api);
  cache.set(key, lib);
  return lib;
}

function pickBackend(name: string): FfiBackend {
  if (name === "koffi") return koffiBackend;
  if (name === "ffi-napi") {
    ensureFfiNapi();
    return ffiNapiBackend;
  }
  throw new HftLibraryError(
    "INVALID_OPTION",
    `backend: expected "koffi" or "ffi-napi", got ${JSON.stringify(name)}`,
  );
}

function describeSource(source: LibraryPathSource): string {
  switch (source) {
    case "option":
      return "from the `path` option";
    case "env":
      return `from the ${HFT_LIB_ENV} environment variable`;
    case "bundled":
      return "the bundled simulation library";
  }
}

/** Resolves the library path: option, else env TSGATE_HFT_LIB, else the bundled build output. */
export function resolveLibraryPath(optionPath?: string): { path: string; source: LibraryPathSource } {
  if (optionPath !== undefined && optionPath !== "") return { path: resolve(optionPath), source: "option" };
  const env = process.env[HFT_LIB_ENV];
  if (env !== undefined && env !== "") return { path: resolve(env), source: "env" };
  return { path: bundledLibraryPath(), source: "bundled" };
}

/**
 * Absolute path of the bundled simulation library (whether or not it has been built):
 * `build/libhftsim.so` (`.dylib` on macOS; on Windows the MinGW cross-build
 * `build/win32-x64/libhftsim.dll`).
 */
export function bundledLibraryPath(): string {
  return buildOutput(BUNDLED_LIBRARY_BASENAME);
}

/**
 * Absolute path of the simulation library's test build (`build/libhftsim-test.so`, on Windows
 * `build/win32-x64/libhftsim-test.dll`), which alone exports the test hooks behind
 * {@link MdApi.testEmit}. Built by `npm run build` (Windows: `npm run build:win32`), not at install.
 */
export function testLibraryPath(): string {
  return buildOutput(TEST_LIBRARY_BASENAME);
}

function buildOutput(basename: string): string {
  if (process.platform === "win32") return join(packageRoot(), "build", WIN32_BUILD_DIR, `${basename}.dll`);
  const ext = process.platform === "darwin" ? "dylib" : "so";
  return join(packageRoot(), "build", `${basename}.${ext}`);
}

/** This package's root: the nearest ancestor of this module with our package.json (works from src/ and dist/). */
function packageRoot(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  let dir = start;
  for (let i = 0; i < 8; i++) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === PACKAGE_NAME)
          return dir;
      } catch {
        // Not our manifest; keep walking up.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return resolve(start, "..");
}

/** A NUL-terminated UTF-8 copy of `text`, for `const char*` arguments. */
export function cString(text: string): Buffer {
  // Written straight into its own zeroed buffer: no intermediate copy (a password's would stay in
  // Node's shared buffer pool after the caller wipes this one).
  const out = Buffer.alloc(Buffer.byteLength(text, "utf8") + 1);
  out.write(text, 0, "utf8");
  return out;
}

function structSizeOf(api: NativeApi, name: string): number {
  return api.structSize(name);
}

function bindAll(
  ffi: FfiLibrary,
  bind: (name: string, ret: ReturnKind, args: readonly ArgKind[]) => NativeFunction,
  bindTestHook: (name: string, ret: ReturnKind, args: readonly ArgKind[]) => NativeFunction["call"],
) {
  /** A function later versions of the ABI added: undefined in a library without it. */
  const bindOptional = (
    name: string,
    ret: ReturnKind,
    args: readonly ArgKind[],
  ): NativeFunction | undefined => {
    try {
      return ffi.bind({ name, ret, args });
    } catch (err) {
      if (err instanceof MissingSymbolError) return undefined;
      throw err;
    }
  };
  const lastError = bind("hft_last_error", "string", []);
  const noop = bind("hft_noop", "i32", ["i32"]);
  const structSize = bind("hft_struct_size", "i32", ["buffer"]);

  const handleApi = (prefix: "hft_trader" | "hft_md"): NativeHandleApi => {
    const create = bind(`${prefix}_create`, "handle", ["buffer"]);
    const setWakeup = bind(`${prefix}_set_wakeup`, "i32", ["handle", "callback", "userdata"]);
    const setEventCallback = bind(`${prefix}_set_event_callback`, "i32", ["handle", "callback", "userdata"]);
    const poll = bind(`${prefix}_poll`, "i32", ["handle", "buffer", "i32"]);
    const arm = bind(`${prefix}_arm`, "i32", ["handle"]);
    const release = bind(`${prefix}_release`, "void", ["handle"]);
    const openWakeupFd = bindOptional(`${prefix}_open_wakeup_fd`, "i32", ["handle"]);
    return {
      openWakeupFd: openWakeupFd?.call as ((h: NativePointer) => number) | undefined,
      create: (config) => {
        const h = create.call(config);
        return ffi.isNull(h) ? null : (h as NativePointer);
      },
      setWakeup: (h, cb, ud) => setWakeup.call(h, cb, ud) as number,
      setEventCallback: (h, cb, ud) => setEventCallback.call(h, cb, ud) as number,
      poll: poll.call as (h: NativePointer, out: Buffer, max: number) => number,
      arm: arm.call as (h: NativePointer) => number,
      release: async (h) => {
        await release.callAsync(h);
      },
    };
  };

  const traderLogin = bind("hft_trader_login", "i32", ["handle", "buffer"]);
  const traderOrder = bind("hft_trader_order", "i32", ["handle", "buffer"]);
  const traderOrderDeferred = bindOptional("hft_trader_order_deferred", "i32", ["handle", "buffer"]);
  const traderFlush = bindOptional("hft_trader_flush", "i32", ["handle"]);
  const traderCancel = bind("hft_trader_cancel_order", "i32", ["handle", "buffer", "buffer"]);
  const traderCancelMany = bind("hft_trader_cancel_orders", "i32", ["handle", "buffer", "i32"]);
  const traderQuery = bind("hft_trader_query", "i32", ["handle", "buffer"]);
  const mdLogin = bind("hft_md_login", "i32", ["handle", "buffer", "buffer"]);
  const mdSubscribe = bind("hft_md_subscribe", "i32", ["handle", "i32", "buffer", "i32"]);
  const mdUnsubscribe = bind("hft_md_unsubscribe", "i32", ["handle", "i32", "buffer", "i32"]);
  const mdTestEmit = bindTestHook("hft_md_test_emit", "i32", ["handle", "u32"]);
  // vendor shim only: the simulation library has no SDK-wide settings
  let vendorOption: NativeFunction | undefined;
  try {
    vendorOption = ffi.bind({ name: "hft_set_vendor_option", ret: "i32", args: ["buffer", "buffer"] });
  } catch (err) {
    if (!(err instanceof MissingSymbolError)) throw err;
  }

  const api: NativeApi = {
    ffi,
    lastError: () => (lastError.call() as string | null) ?? "",
    noop: noop.call as (x: number) => number,
    structSize: (name) => structSize.call(cString(name)) as number,
    trader: {
      ...handleApi("hft_trader"),
      login: (h, req) => traderLogin.call(h, req) as number,
      order: (h, req) => traderOrder.call(h, req) as number,
      deferred:
        traderOrderDeferred && traderFlush
          ? {
              order: traderOrderDeferred.call as (h: NativePointer, req: Buffer) => number,
              flush: traderFlush.call as (h: NativePointer) => number,
            }
          : undefined,
      cancelOrder: (h, a, b) => traderCancel.call(h, a, b) as number,
      cancelOrders: (h, ids, n) => traderCancelMany.call(h, ids, n) as number,
      query: (h, req) => traderQuery.call(h, req) as number,
    },
    md: {
      ...handleApi("hft_md"),
      login: (h, u, p) => mdLogin.call(h, u, p) as number,
      subscribe: (h, m, c, n) => mdSubscribe.call(h, m, c, n) as number,
      unsubscribe: (h, m, c, n) => mdUnsubscribe.call(h, m, c, n) as number,
      testEmit: (h, n) => mdTestEmit(h, n) as number,
    },
    setVendorOption: vendorOption && ((name, value) => vendorOption.call(name, value) as number),
    check(func, rc, secrets = []) {
      if (rc >= 0) return rc;
      const text = redact(api.lastError(), secrets);
      throw new HftCallError(
        func,
        rc,
        `${func} failed (${rc}): ${text || "no detail from hft_last_error()"}`,
      );
    },
  };
  return api;
}

/** Re-exported for the pump: the callback handle type. */
export type { NativeCallback, NativePointer };
