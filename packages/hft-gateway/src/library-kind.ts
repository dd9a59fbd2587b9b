/**
 * Which implementation of the ABI a loaded library is, from `hft_library_info()`: the gateway
 * picks the table its rejection codes are read by from it, the doctor's step 2 prints it.
 *
 * @module
 */
import { HftLibrary, type LoadHftLibraryOptions } from "@tsgate/hft-native";

/** Which implementation of the ABI a library is, from `hft_library_info()`. */
export type LibraryKind = "sim" | "shim" | "unknown";

/**
 * Names `hft_library_info()` starts with: `HFT_LIBRARY_NAME` in native/sim/library.c (the sim
 * library) and in native/vendor-shim/CMakeLists.txt (the shim).
 */
const KIND_PREFIXES: readonly (readonly [string, LibraryKind])[] = [
  ["tsgate-vendor-shim", "shim"],
  ["tsgate-sim", "sim"],
];

/** The kind of a library by its info text. */
export function libraryKind(info: string): LibraryKind {
  for (const [prefix, kind] of KIND_PREFIXES) if (info.startsWith(prefix)) return kind;
  return "unknown";
}

/**
 * The kind of what the gateway's factory loaded: a library by its info text; the load options a
 * test factory hands back stand for the simulation library its fakes imitate.
 */
export function loadedLibraryKind(library: HftLibrary | LoadHftLibraryOptions): LibraryKind {
  return library instanceof HftLibrary ? libraryKind(library.info) : "sim";
}
