/**
 * Step 2 of the checklist: the HFT library is found, loads, has our ABI; which implementation it
 * is; for the vendor shim, the vendor SDK files it needs beside it.
 *
 * @module
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { HftLibrary, HftLibraryError, type LoadHftLibraryOptions } from "@tsgate/hft-native";
import type { HftApiFactory } from "../api-ports.js";
import { type Message, message } from "../i18n/catalogue.js";
import { type LibraryKind, libraryKind } from "../library-kind.js";
import type { HftSettings } from "../settings.js";
import { peFileVersion } from "./pe-version.js";

/**
 * The vendor SDK files the shim loads on Windows, per native/vendor-shim/README.md: the HFT trading
 * SDK and the SIP market-data SDK, in the shim's folder.
 */
export const VENDOR_SDK_FILES: readonly string[] = ["libhft_trader_api.dll", "sipuix_x64.dll"];

/** A vendor SDK file found beside the shim. */
export interface VendorSdkFile {
  readonly name: string;
  readonly bytes: number;
  /** Its file version from the version resource, when it has one. */
  readonly version?: string;
}

/** What the library step found. */
export type LibraryOutcome =
  | {
      kind: "ok";
      library: HftLibrary | LoadHftLibraryOptions;
      loaded?: { path: string; info: string; abiVersion: number; backend: string; kind: LibraryKind };
      sdkFiles: VendorSdkFile[];
      sdkMissing: string[];
      sdkDir: string;
    }
  | { kind: "failed"; message: Message; code: string };

/** Loads the library the settings name, through the factory the gateway would use. */
export function checkLibrary(
  api: HftApiFactory,
  settings: HftSettings,
  platform = process.platform,
): LibraryOutcome {
  const options: LoadHftLibraryOptions = { backend: settings.ffiBackend as "koffi" | "ffi-napi" };
  if (settings.libraryPath !== "") options.path = settings.libraryPath;
  let library: HftLibrary | LoadHftLibraryOptions;
  try {
    library = api.loadLibrary(options);
  } catch (err) {
    if (!(err instanceof HftLibraryError)) {
      return {
        kind: "failed",
        code: "UNKNOWN",
        message: message("doctor.library.other", { detail: String((err as Error).message) }),
      };
    }
    return { kind: "failed", code: err.code, message: libraryFailure(err) };
  }
  if (!(library instanceof HftLibrary))
    return { kind: "ok", library, sdkFiles: [], sdkMissing: [], sdkDir: "" };
  const kind = libraryKind(library.info);
  const sdkDir = dirname(library.path);
  const sdkFiles: VendorSdkFile[] = [];
  const sdkMissing: string[] = [];
  if (kind === "shim" && platform === "win32") {
    for (const name of VENDOR_SDK_FILES) {
      const file = join(sdkDir, name);
      if (!existsSync(file)) {
        sdkMissing.push(name);
        continue;
      }
      const version = peFileVersion(readFileSync(file));
      sdkFiles.push({ name, bytes: statSync(file).size, ...(version === undefined ? {} : { version }) });
    }
  }
  return {
    kind: "ok",
    library,
    loaded: {
      path: library.path,
      info: library.info,
      abiVersion: library.abiVersion,
      backend: library.backend,
      kind,
    },
    sdkFiles,
    sdkMissing,
    sdkDir,
  };
}

function libraryFailure(err: HftLibraryError): Message {
  const path = err.path ?? "";
  switch (err.code) {
    case "LIBRARY_NOT_FOUND":
      return message("doctor.library.notFound", { path });
    case "LIBRARY_LOAD_FAILED":
      return message("doctor.library.loadFailed", { path, detail: err.message });
    case "ABI_MISMATCH":
    case "STRUCT_SIZE_MISMATCH":
    case "SYMBOL_MISSING":
      return message("doctor.library.mismatch", { path, detail: err.message });
    case "BACKEND_UNAVAILABLE":
    case "INVALID_OPTION":
      return message("doctor.library.backend", { detail: err.message });
    default:
      return message("doctor.library.other", { detail: err.message });
  }
}
