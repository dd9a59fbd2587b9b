/**
 * The soak of soak.test.ts through the vendor path: the vendor shim built against the vendor-SDK
 * double, on the mock servers. The SDK has no report sequences, so exactly-once here rests on the
 * gateway's re-query and reconcile after every reconnect (src/reconciliation.ts): trades
 * deduplicated by trade id, order states from the broker's answers. Fewer faults than the sim
 * path, to keep `npm test` short; the long mode is `npm run soak -- --library vendor`.
 * Replay a failing run with TSGATE_SOAK_SEED=<seed> (printed on failure).
 */
import { expect } from "vitest";
import { soakCase } from "./soak/soak-case.js";
import { vendorSoakOptions } from "./soak/vendor-path.js";

const FAULTS = 40;

soakCase({
  name: `keeps an exact ledger through ${FAULTS} seeded faults on the vendor path`,
  faults: FAULTS,
  file: "test/soak-vendor.test.ts",
  options: vendorSoakOptions(),
  // The faults that matter here were played: the trade side reconnected.
  check: (result) => expect(result.reconnects.TRADE).toBeGreaterThan(0),
});
