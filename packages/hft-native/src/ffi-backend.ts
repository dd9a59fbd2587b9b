/**
 * The small interface every FFI backend implements. It is the only place where pointers exist:
 * everything above it deals in Buffers, numbers and strings. Two implementations: backend-koffi.ts
 * (default) and backend-ffi-napi.ts.
 */

/** Backends this package can load the ABI with. */
export type BackendName = "koffi" | "ffi-napi";

/** An opaque native pointer (a handle); only the backend that produced it can use it. */
export type NativePointer = { readonly __nativePointer: unique symbol };

/** Argument kinds of the ABI's functions. */
export type ArgKind =
  /** int32_t */
  | "i32"
  /** uint32_t */
  | "u32"
  /** an opaque handle returned by another call */
  | "handle"
  /** a pointer to memory owned by JS: a Buffer (struct, NUL-terminated string, output records) */
  | "buffer"
  /** a registered callback (or null to clear) */
  | "callback"
  /** a `void* user_data` that carries a small integer id (passed as uintptr_t) */
  | "userdata";

/** Return kinds. */
export type ReturnKind = "i32" | "void" | "handle" | "string";

export interface FunctionSpec {
  readonly name: string;
  readonly ret: ReturnKind;
  readonly args: readonly ArgKind[];
}

/** A bound native function: a synchronous call, and the same call on a worker thread. */
export interface NativeFunction {
  // biome-ignore lint/suspicious/noExplicitAny: the argument types are checked by the typed layer above (library.ts)
  call(...args: any[]): unknown;
  /** Runs the call on a worker thread so the JS thread stays free (needed for release: see hft_api.h). */
  // biome-ignore lint/suspicious/noExplicitAny: as above
  callAsync(...args: any[]): Promise<unknown>;
}

/**
 * A JS function reachable from C as (pointer, userData). Backends register ONE C function per kind for
 * the whole process and dispatch on userData, so release() only forgets the JS function (hft_*_release
 * has joined the notifier by then: no library thread calls it afterwards, see hft_api.h).
 */
export interface NativeCallback {
  /** Pass this as a "callback" argument. */
  readonly pointer: unknown;
  /** Pass this as the "userdata" argument. */
  readonly userData: number;
  release(): void;
}

/** Maps user_data ids to JS functions for the process-wide callbacks. */
export class CallbackTable<T> {
  private nextId = 1;
  private readonly entries = new Map<number, T>();

  add(entry: T): number {
    const id = this.nextId++;
    this.entries.set(id, entry);
    return id;
  }

  get(id: number): T | undefined {
    return this.entries.get(id);
  }

  delete(id: number): void {
    this.entries.delete(id);
  }
}

export interface FfiLibrary {
  /** Binds a symbol; throws {@link MissingSymbolError} if the library does not export it. */
  bind(spec: FunctionSpec): NativeFunction;
  /** Registers `void (*)(void* user_data)`, callable from any thread. */
  registerWakeup(fn: () => void): NativeCallback;
  /**
   * Registers `void (*)(const hft_event_t* event, void* user_data)`, callable from any thread. The
   * backend copies the `size` bytes at `event` into `target` before calling `fn` (the pointer is only
   * valid during the call).
   */
  registerEventCallback(target: Buffer, size: number, fn: () => void): NativeCallback;
  isNull(handle: unknown): boolean;
}

export interface FfiBackend {
  readonly name: BackendName;
  /** dlopen()s the library; throws {@link LibraryOpenError} with the loader's message. */
  open(path: string): FfiLibrary;
}

/** Raised by {@link FfiBackend.open}; the message is the loader's own. */
export class LibraryOpenError extends Error {
  override readonly name = "LibraryOpenError";
}

/** Raised by {@link FfiLibrary.bind} for a symbol the library does not export. */
export class MissingSymbolError extends Error {
  override readonly name = "MissingSymbolError";
  constructor(
    readonly symbol: string,
    message: string,
  ) {
    super(message);
  }
}
