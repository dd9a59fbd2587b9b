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
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SqliteJournal } from "@tsgate/journal";
import { expect, it } from "vitest";
import { seedFromEnv } from "./soak/prng.js";
import { formatSoak, runSoak } from "./soak/run.js";

const FAULTS = 80;

it(`keeps an exact ledger through ${FAULTS} seeded faults`, { timeout: 300_000 }, async () => {
  const seed = seedFromEnv();
  const replay = `TSGATE_SOAK_SEED=${seed} npx vitest run --root packages/hft-gateway test/soak.test.ts`;
  // With an order journal, as a production process would run: it must end equal to the ledger.
  const dir = mkdtempSync(join(tmpdir(), "tsgate-soak-"));
  const journal = SqliteJournal.open(join(dir, "journal.db"));
  const result = await runSoak({ faults: FAULTS, seed, journal })
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
  // Every fault kind in the schedule was played.
  expect(Object.values(result.faults).reduce((a, b) => a + b, 0) - result.faults.connectionsHit).toBe(FAULTS);
});
