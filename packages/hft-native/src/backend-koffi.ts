import koffi, { type LibraryHandle, type TypeObject } from "koffi";
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
 * koffi: pointers are BigInts (or null), Buffers passed to `void *` are passed in place, registered
 * callbacks may be called from any thread (koffi queues the call to the JS thread and blocks the
 * calling thread until it ran). Those calls do not keep the event loop alive: the caller holds its own
 * ref'd handle while a native handle is open (event-pump.ts).
 */

interface KoffiCallbacks {
  wakeupType: TypeObject;
  eventType: TypeObject;
  wakeupPointer: bigint;
  eventPointer: bigint;
}

const wakeups = new CallbackTable<() => void>();
const eventTargets = new CallbackTable<{ target: Buffer; size: number; fn: () => void }>();
let callbacks: KoffiCallbacks | undefined;

/** The process-wide callback types and registrations (koffi type names and slots are global). */
function koffiCallbacks(): KoffiCallbacks {
  if (callbacks === undefined) {
    // user_data is declared uintptr_t: it carries a CallbackTable id, never a real pointer.
    const wakeupType = koffi.pointer(koffi.proto("void", ["uintptr_t"]));
    const eventType = koffi.pointer(koffi.proto("void", ["void *", "uintptr_t"]));
    const wakeupPointer = koffi.register((id: number | bigint) => {
      wakeups.get(Number(id))?.();
    }, wakeupType);
    const eventPointer = koffi.register((event: unknown, id: number | bigint) => {
      const entry = eventTargets.get(Number(id));
      if (entry === undefined) return;
      entry.target.set(new Uint8Array(koffi.view(event, entry.size)));
      entry.fn();
    }, eventType);
    callbacks = { wakeupType, eventType, wakeupPointer, eventPointer };
  }
  return callbacks;
}

function argType(kind: ArgKind, callbackType: TypeObject): TypeObject | string {
  switch (kind) {
    case "i32":
      return "int32_t";
    case "u32":
      return "uint32_t";
    case "handle":
    case "buffer":
      return "void *";
    case "callback":
      return callbackType;
    case "userdata":
      return "uintptr_t";
  }
}

function returnType(kind: ReturnKind): string {
  switch (kind) {
    case "i32":
      return "int32_t";
    case "void":
      return "void";
    case "handle":
      return "void *";
    case "string":
      return "const char *";
  }
}

class KoffiLibrary implements FfiLibrary {
  constructor(private readonly lib: LibraryHandle) {}

  bind(spec: FunctionSpec): NativeFunction {
    const { wakeupType, eventType } = koffiCallbacks();
    // The only callback-taking functions are *_set_wakeup and *_set_event_callback.
    const cbType = spec.name.endsWith("_set_event_callback") ? eventType : wakeupType;
    let fn: ReturnType<LibraryHandle["func"]>;
    try {
      fn = this.lib.func(
        spec.name,
        returnType(spec.ret),
        spec.args.map((a) => argType(a, cbType)),
      );
    } catch (err) {
      throw new MissingSymbolError(spec.name, (err as Error).message);
    }
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
    return { pointer: koffiCallbacks().wakeupPointer, userData: id, release: () => wakeups.delete(id) };
  }

  registerEventCallback(target: Buffer, size: number, fn: () => void): NativeCallback {
    const id = eventTargets.add({ target, size, fn });
    return { pointer: koffiCallbacks().eventPointer, userData: id, release: () => eventTargets.delete(id) };
  }

  isNull(handle: unknown): boolean {
    return handle === null || handle === undefined || handle === 0n;
  }
}

export const koffiBackend: FfiBackend = {
  name: "koffi",
  open(path: string): FfiLibrary {
    try {
      return new KoffiLibrary(koffi.load(path));
    } catch (err) {
      throw new LibraryOpenError((err as Error).message);
    }
  },
};
