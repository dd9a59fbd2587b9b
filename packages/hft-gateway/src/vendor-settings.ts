/**
 * Hands the vendor-SDK settings (terminalInfo, sdkLogPath) to a library that takes them: the vendor shim
 * over the real SDK. The simulation library has none and is left alone.
 */
import type { HftLibrary, LoadHftLibraryOptions } from "@tsgate/hft-native";
import { errorText } from "./gateway-sink.js";
import type { GatewayMessages } from "./messages.js";
import type { HftSettings } from "./settings.js";

function takesVendorOptions(library: HftLibrary | LoadHftLibraryOptions): library is HftLibrary {
  return "takesVendorOptions" in library && library.takesVendorOptions;
}

/** Applies the settings; returns the message to log when the library refused one, else undefined. */
export function applyVendorSettings(
  library: HftLibrary | LoadHftLibraryOptions,
  settings: Pick<HftSettings, "terminalInfo" | "sdkLogPath">,
  msg: GatewayMessages,
): string | undefined {
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
