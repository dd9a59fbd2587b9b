/**
 * The soak of soak.test.ts through the vendor path: the vendor shim built against the vendor-SDK
 * double, on the mock servers. The SDK has no report sequences, so exactly-once here rests on the
 * gateway's re-query and reconcile after every reconnect (src/reconciliation.ts): trades
 * deduplicated by trade id, order states from the broker's answers. Fewer faults than the sim
 * path, to keep `npm test` short; the long mode is `npm run soak -- --library vendor`.
 * Replay a failing run with TSGATE_SOAK_SEED=<seed> (printed on failure).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SqliteJournal } from "@tsgate/journal";
import { expect, it } from "vitest";
import { seedFromEnv } from "./soak/prng.js";
import { formatSoak, runSoak } from "./soak/run.js";
import { vendorSoakOptions } from "./soak/vendor-path.js";

const FAULTS = 40;

it(`keeps an exact ledger through ${FAULTS} seeded faults on the vendor path`, {
  timeout: 300_000,
}, async () => {
  const seed = seedFromEnv();
  const replay = `TSGATE_SOAK_SEED=${seed} npx vitest run --root packages/hft-gateway test/soak-vendor.test.ts`;
  const dir = mkdtempSync(join(tmpdir(), "tsgate-soak-vendor-"));
  const journal = SqliteJournal.open(join(dir, "journal.db"));
  const result = await runSoak({ faults: FAULTS, seed, journal, ...vendorSoakOptions() })
    .catch((err: unknown) => {
      throw new Error(`soak seed ${seed} failed: ${String(err)}\n  replay: ${replay}`);
    })
    .finally(() => {
      journal.close();
      rmSync(dir, { recursive: true, force: true });
    });
  const summary = formatSoak(result, replay);
  console.log(summary);
  expect(result.mismatches, summary).toEqual([]);
  expect(Object.values(result.faults).reduce((a, b) => a + b, 0) - result.faults.connectionsHit).toBe(FAULTS);
  // The faults that matter here were played: trade-side drops/restarts, duplicated/reordered reports.
  expect(result.reconnects.TRADE).toBeGreaterThan(0);
});
