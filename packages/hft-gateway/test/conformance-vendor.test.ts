/**
 * HftGateway against @tsgate/core's gateway conformance kit through the vendor path: the vendor
 * shim built against the vendor-SDK double, on the mock servers (conformance.test.ts runs the same
 * kit through the simulation library).
 */
import { runHftConformance } from "./helpers/conformance.js";
import { TEST_TERMINAL_INFO, vendorLibrary } from "./helpers/vendor-path.js";

runHftConformance("HFT through the vendor shim and the vendor-SDK double, on the mock servers", () => ({
  libraryPath: vendorLibrary(),
  terminalInfo: TEST_TERMINAL_INFO,
}));
