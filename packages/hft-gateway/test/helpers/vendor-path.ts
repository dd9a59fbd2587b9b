/**
 * The vendor path: the vendor shim built against the vendor-SDK double
 * (packages/hft-native/scripts/build-vendor-double.mjs), loaded like the shim built against the
 * real SDK. TSGATE_VENDOR_TEST_LIB points the tests at another build of the shim (e.g. an older
 * one, to see the tests fail on it).
 */
import { existsSync } from "node:fs";
import path from "node:path";

const BUILT = path.resolve(import.meta.dirname, "../../../hft-native/build/libhftvendor.so");

/** A terminal-information string in the exchange format, as a broker requires at login. */
export const TEST_TERMINAL_INFO =
  "PC;IIP=127.0.0.1;IPORT=50000;LIP=127.0.0.1;MAC=020000000001;HD=TSGATETEST;CPU=TEST@tsgate;V0.1";

/** Path of the vendor-path library; throws with the build command if it is missing. */
export function vendorLibrary(): string {
  const lib = process.env.TSGATE_VENDOR_TEST_LIB ?? BUILT;
  if (!existsSync(lib))
    throw new Error(
      `${lib} is missing: build it with \`npm run build -w @tsgate/hft-native\` (or node packages/hft-native/scripts/build-vendor-double.mjs)`,
    );
  return lib;
}

/** Both library paths as `describe.each` rows: a name and the settings that select the library. */
export const LIBRARY_PATHS = [
  ["the simulation library", () => ({})],
  ["the vendor path", () => ({ libraryPath: vendorLibrary(), terminalInfo: TEST_TERMINAL_INFO })],
] as const;
