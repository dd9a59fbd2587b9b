import { createRequire } from "node:module";
import { FFI_NAPI_INSTALL_COMMAND, FFI_NAPI_PACKAGE, REF_NAPI_PACKAGE } from "./constants.js";
import { HftLibraryError } from "./errors.js";
import {
  type ArgKind,
  CallbackTable,
  type FfiBackend,
  type FfiLibrary,
  type FunctionSpec,
  LibraryOpenError,
  MissingSymbolError,
  type NativeCallback,
  type NativeFunction,
  type ReturnKind,
} from "./ffi-backend.js";

/*
 * ffi-napi through its maintained fork @2060.io/ffi-napi (same API as ffi-napi 4.0.3, which is
 * unmaintained and compiles on Node 20 only with -fpermissive; the fork builds with a plain `npm
 * install`). An optional dependency: it needs a C++ compiler where no prebuilt binary fits. Pointers
 * are Buffers, a Buffer argument of type "pointer" is passed in place. A Callback called from another
 * thread is queued to the JS thread through a uv_async handle and the calling thread waits until it
 * ran. A Callback object must stay reachable or the GC frees its closure while the library still holds
 * the function pointer: the two callbacks are created once and kept for the life of the process.
 */

/** The slice of ffi-napi's API this backend uses (the package ships no types). */
interface FfiNapiForeignFunction {
  (...args: unknown[]): unknown;
  async(...args: unknown[]): void;
}
interface FfiNapiDynamicLibrary {
  get(symbol: string): Buffer;
}
interface FfiNapiModule {
  DynamicLibrary: {
    new (path: string, mode: number): FfiNapiDynamicLibrary;
    FLAGS: { RTLD_NOW: number };
  };
  ForeignFunction(ptr: Buffer, ret: string, args: string[]): FfiNapiForeignFunction;
  Callback(ret: string, args: string[], fn: (...args: unknown[]) => void): Buffer;
}
interface RefNapiModule {
  isNull(buffer: Buffer): boolean;
  reinterpret(buffer: Buffer, size: number, offset: number): Buffer;
}

let modules: { ffi: FfiNapiModule; ref: RefNapiModule } | undefined;

function requireFfiNapi(): { ffi: FfiNapiModule; ref: RefNapiModule } {
  if (modules !== undefined) return modules;
  const require = createRequire(import.meta.url);
  try {
    const ffi = require(FFI_NAPI_PACKAGE) as FfiNapiModule;
    const ref = require(REF_NAPI_PACKAGE) as RefNapiModule;
    modules = { ffi, ref };
    return modules;
  } catch (err) {
    const reason = (err as Error).message.split("\n")[0];
    throw new HftLibraryError(
      "BACKEND_UNAVAILABLE",
      `The "ffi-napi" backend is not available: ${reason}. It is an optional dependency (${FFI_NAPI_PACKAGE}) ` +
        `that npm skips when it cannot build it: run \`${FFI_NAPI_INSTALL_COMMAND}\` (a C++ compiler ` +
        `and Python are needed) and read its output, or use the default backend "koffi".`,
      undefined,
      { cause: err },
    );
  }
}

function argType(kind: ArgKind): string {
  switch (kind) {
    case "i32":
      return "int32";
    case "u32":
      return "uint32";
    case "handle":
    case "buffer":
    case "callback":
      return "pointer";
    case "userdata":
      return "size_t";
  }
}

function returnType(kind: ReturnKind): string {
  switch (kind) {
    case "i32":
      return "int32";
    case "void":
      return "void";
    case "handle":
      return "pointer";
    case "string":
      return "string";
  }
}

class FfiNapiLibrary implements FfiLibrary {
  constructor(
    private readonly mods: { ffi: FfiNapiModule; ref: RefNapiModule },
    private readonly lib: FfiNapiDynamicLibrary,
  ) {}

  bind(spec: FunctionSpec): NativeFunction {
    let ptr: Buffer;
    try {
      ptr = this.lib.get(spec.name);
    } catch (err) {
      throw new MissingSymbolError(spec.name, (err as Error).message);
    }
    const fn = this.mods.ffi.ForeignFunction(ptr, returnType(spec.ret), spec.args.map(argType));
    return {
      call: fn,
      callAsync: (...args: unknown[]) =>
        new Promise((resolve, reject) => {
          fn.async(...args, (err: unknown, result: unknown) => (err ? reject(err) : resolve(result)));
        }),
    };
  }

  registerWakeup(fn: () => void): NativeCallback {
    const id = wakeups.add(fn);
    return { pointer: ffiNapiCallbacks(this.mods).wakeup, userData: id, release: () => wakeups.delete(id) };
  }

  registerEventCallback(target: Buffer, size: number, fn: () => void): NativeCallback {
    const id = eventTargets.add({ target, size, fn });
    return {
      pointer: ffiNapiCallbacks(this.mods).event,
      userData: id,
      release: () => eventTargets.delete(id),
    };
  }

  isNull(handle: unknown): boolean {
    return handle === null || handle === undefined || this.mods.ref.isNull(handle as Buffer);
  }
}

const wakeups = new CallbackTable<() => void>();
const eventTargets = new CallbackTable<{ target: Buffer; size: number; fn: () => void }>();
// Module-level, so the Callback objects stay reachable for the life of the process.
let callbacks: { wakeup: Buffer; event: Buffer } | undefined;

/** The process-wide C callbacks; user_data (declared size_t) carries a CallbackTable id. */
function ffiNapiCallbacks(mods: { ffi: FfiNapiModule; ref: RefNapiModule }): {
  wakeup: Buffer;
  event: Buffer;
} {
  if (callbacks === undefined) {
    const wakeup = mods.ffi.Callback("void", ["size_t"], (id: unknown) => {
      wakeups.get(Number(id))?.();
    });
    const event = mods.ffi.Callback("void", ["pointer", "size_t"], (ev: unknown, id: unknown) => {
      const entry = eventTargets.get(Number(id));
      if (entry === undefined) return;
      entry.target.set(mods.ref.reinterpret(ev as Buffer, entry.size, 0));
      entry.fn();
    });
    callbacks = { wakeup, event };
  }
  return callbacks;
}

export const ffiNapiBackend: FfiBackend = {
  name: "ffi-napi",
  open(path: string): FfiLibrary {
    const mods = requireFfiNapi();
    try {
      return new FfiNapiLibrary(
        mods,
        new mods.ffi.DynamicLibrary(path, mods.ffi.DynamicLibrary.FLAGS.RTLD_NOW),
      );
    } catch (err) {
      throw new LibraryOpenError((err as Error).message.replace(/^Dynamic Linking Error: /, ""));
    }
  },
};

/** Loads ffi-napi now so that a missing install is reported by loadHftLibrary, not at first call. */
export function ensureFfiNapi(): void {
  requireFfiNapi();
}
