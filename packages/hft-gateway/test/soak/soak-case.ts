/**
 * The soak as one vitest case, shared by test/soak.test.ts (simulation library) and
 * test/soak-vendor.test.ts (vendor path): a seeded run with an order journal, the summary printed,
 * exact ledger required, every scheduled fault played. Replay a failing run with
 * TSGATE_SOAK_SEED=<seed> (printed on failure).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SqliteJournal } from "@tsgate/journal";
import { expect, it } from "vitest";
import { seedFromEnv } from "./prng.js";
import { formatSoak, runSoak, type SoakOptions, type SoakResult } from "./run.js";

export interface SoakCase {
  readonly name: string;
  readonly faults: number;
  /** The test file, for the replay command. */
  readonly file: string;
  /** Extra run options (library, fault weights ...). */
  readonly options?: Omit<SoakOptions, "faults" | "seed" | "journal">;
  /** Further checks of the result. */
  readonly check?: (result: SoakResult) => void;
}

/** Declares the soak case. */
export function soakCase(c: SoakCase): void {
  it(c.name, { timeout: 300_000 }, async () => {
    const seed = seedFromEnv();
    const replay = `TSGATE_SOAK_SEED=${seed} npx vitest run --root packages/hft-gateway ${c.file}`;
    // With an order journal, as a production process would run: it must end equal to the ledger.
    const dir = mkdtempSync(join(tmpdir(), "tsgate-soak-"));
    const journal = SqliteJournal.open(join(dir, "journal.db"));
    const result = await runSoak({ ...c.options, faults: c.faults, seed, journal })
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
    expect(Object.values(result.faults).reduce((a, b) => a + b, 0) - result.faults.connectionsHit).toBe(
      c.faults,
    );
    c.check?.(result);
  });
}
