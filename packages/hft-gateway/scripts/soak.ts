/**
 * The longer soak: `npm run soak -- --faults 1000 [--seed S]` (root) or
 * `npm run soak -w @tsgate/hft-gateway -- --faults 1000`. Prints the figures; exits 1 with the
 * seed and the replay command on any ledger mismatch.
 */
import { parseArgs } from "node:util";
import { SqliteJournal } from "@tsgate/journal";
import { randomSeed } from "../test/soak/prng.js";
import { formatSoak, runSoak } from "../test/soak/run.js";

function intArg(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) {
    console.error(`--${name} must be a non-negative integer, got "${text}"`);
    process.exit(2);
  }
  return value;
}

const { values } = parseArgs({
  options: { faults: { type: "string" }, seed: { type: "string" }, journal: { type: "string" } },
  strict: true,
});
const faults = intArg("faults", values.faults, 200);
const seed = intArg("seed", values.seed ?? process.env.TSGATE_SOAK_SEED, randomSeed());

try {
  // --journal <file.db>: run the gateway with an order journal and check it against the ledger.
  const journal = values.journal === undefined ? undefined : SqliteJournal.open(values.journal);
  const result = await runSoak({
    faults,
    seed,
    progress: (line) => console.log(line),
    ...(journal === undefined ? {} : { journal }),
  }).finally(() => journal?.close());
  console.log(formatSoak(result));
  process.exitCode = result.mismatches.length === 0 ? 0 : 1;
} catch (err) {
  console.error(`soak seed ${seed} failed: ${err instanceof Error ? err.stack : String(err)}`);
  console.error(`replay: npm run soak -- --faults ${faults} --seed ${seed}`);
  process.exitCode = 1;
}
