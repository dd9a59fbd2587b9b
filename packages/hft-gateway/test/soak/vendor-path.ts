/**
 * The soak's options for the vendor path (shim → vendor-SDK double → mock servers), shared by
 * test/soak-vendor.test.ts and `npm run soak -- --library vendor`.
 */
import { TEST_TERMINAL_INFO, vendorLibrary } from "../helpers/vendor-path.js";
import { DEFAULT_WEIGHTS } from "./faults.js";
import type { SoakOptions } from "./run.js";

/**
 * Every fault kind but `brokerRestart` (a broker restarted without its books): with no report
 * sequence in the vendor SDK, a broker that comes back with the same trading day, fresh order ids
 * and trade ids from 1 cannot be told from the one before, so the re-query cannot scope its ids.
 * A real broker keeps its books within a day; `brokerRestartKept` (books kept) stays in.
 */
export const VENDOR_SOAK_WEIGHTS = { ...DEFAULT_WEIGHTS, brokerRestart: 0 } as const;

/** The vendor path's extra soak options: its library and login settings, fees, fault kinds. */
export function vendorSoakOptions(): Pick<SoakOptions, "setting" | "feesPerTrade" | "weights" | "required"> {
  return {
    setting: { libraryPath: vendorLibrary(), terminalInfo: TEST_TERMINAL_INFO },
    // The vendor's trade report has no fee: the check takes fees from the broker's books.
    feesPerTrade: false,
    weights: VENDOR_SOAK_WEIGHTS,
    // What the re-query must survive, played however short the run.
    required: ["tradeDrop", "tradeRestart", "duplicateReports", "reorderReports", "tradeOneWayLoss"],
  };
}
