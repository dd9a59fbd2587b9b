/**
 * Adapts the gateway to the library it loaded: binds its messages to the library's code table
 * (the vendor shim's codes are the broker's, the simulation library's ours), and hands the
 * vendor-SDK settings (terminalInfo, sdkLogPath) to a library that takes them: the vendor shim
 * over the real SDK. The simulation library has none and is left alone.
 */
import type { HftLibrary, LoadHftLibraryOptions } from "@tsgate/hft-native";
import { errorText } from "./gateway-sink.js";
import { loadedLibraryKind } from "./library-kind.js";
import type { GatewayMessages } from "./messages.js";
import type { HftSettings } from "./settings.js";

function takesVendorOptions(library: HftLibrary | LoadHftLibraryOptions): library is HftLibrary {
  return "takesVendorOptions" in library && library.takesVendorOptions;
}

/** Binds the code table and applies the settings; returns the message to log when the library refused one, else undefined. */
export function applyVendorSettings(
  library: HftLibrary | LoadHftLibraryOptions,
  settings: Pick<HftSettings, "terminalInfo" | "sdkLogPath">,
  msg: GatewayMessages,
): string | undefined {
  // Here because it is the one call of connect() that sees both the library and the messages.
  msg.useLibrary(loadedLibraryKind(library));
  if (!takesVendorOptions(library)) return undefined;
  try {
    // always: the shim keeps it process-wide, and "" must not inherit another connect's value
    library.setVendorOption("terminal_info", settings.terminalInfo);
    if (settings.sdkLogPath !== "") library.setVendorOption("log_path", settings.sdkLogPath);
  } catch (error) {
    return msg.vendorSettingFailed(errorText(error));
  }
  return undefined;
}
