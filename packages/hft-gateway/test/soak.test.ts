/**
 * Exactly-once under faults: a strategy trades through MainEngine → HftGateway → native library →
 * mock servers while a seeded schedule of faults plays (drops and stalls on both sides, delayed,
 * duplicated and reordered reports, market-data pauses, trade server restarts mid-order, broker
 * restarts with books lost or kept, one-way loss of the client → server direction through a proxy);
 * then the
 * client's ledger, derived only from the events it received, must equal the server's books.
 * Replay a failing run with TSGATE_SOAK_SEED=<seed> (printed on failure). Longer mode:
 * `npm run soak -- --faults 1000`.
 */
import { soakCase } from "./soak/soak-case.js";

const FAULTS = 80;

soakCase({
  name: `keeps an exact ledger through ${FAULTS} seeded faults`,
  faults: FAULTS,
  file: "test/soak.test.ts",
});
