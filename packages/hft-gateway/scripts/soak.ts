/**
 * The longer soak: `npm run soak -- --faults 1000 [--seed S] [--library sim|vendor]` (root) or
 * `npm run soak -w @tsgate/hft-gateway -- --faults 1000`. `--library vendor` runs it through the
 * vendor shim built against the vendor-SDK double (test/soak/vendor-path.ts); the default is the
 * simulation library. Prints the figures; exits 1 with the seed and the replay command on any
 * ledger mismatch.
 */
import { parseArgs } from "node:util";
import { SqliteJournal } from "@tsgate/journal";
import { randomSeed } from "../test/soak/prng.js";
import { formatSoak, runSoak } from "../test/soak/run.js";
import { vendorSoakOptions } from "../test/soak/vendor-path.js";

function intArg(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) {
    console.error(`--${name} must be a non-negative integer, got "${text}"`);
    process.exit(2);
  }
  return value;
}

const DEFAULT_FAULTS = 200;

const USAGE = `Usage: npm run soak -- [--faults <n>] [--seed <s>] [--journal <file.db>]

The long fault soak (npm test runs 80 faults): a strategy trades through the gateway on the mock
servers while a seeded fault schedule plays, then the ledger derived from the events received must
equal the broker's books. Exit code 0 when they agree, 1 on a mismatch or failure (printing the
seed and the replay command), 2 on bad usage.

  --faults <n>          faults to play (default ${DEFAULT_FAULTS})
  --seed <s>            seed of the fault schedule (default $TSGATE_SOAK_SEED, else a random one)
  --journal <file.db>   run the gateway with an order journal and check it against the ledger
  --library sim|vendor  the simulation library (default) or the vendor shim built against the
                        vendor-SDK double (reconciled by re-query, no report sequences)
  -h, --help            show this help
`;

function parseCommandLine(): ReturnType<typeof parse> {
  try {
    return parse();
  } catch (err) {
    // parseArgs names the unknown option or the missing value; the usage says what is accepted.
    console.error(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    process.exit(2);
  }
}

function parse() {
  return parseArgs({
    options: {
      faults: { type: "string" },
      seed: { type: "string" },
      journal: { type: "string" },
      library: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
}

const { values } = parseCommandLine();
if (values.help === true) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const faults = intArg("faults", values.faults, DEFAULT_FAULTS);
const seed = intArg("seed", values.seed ?? process.env.TSGATE_SOAK_SEED, randomSeed());
const library = values.library ?? "sim";
if (library !== "sim" && library !== "vendor") {
  console.error(`--library must be "sim" or "vendor", got "${library}"`);
  process.exit(2);
}
const replay = `npm run soak -- --faults ${faults} --seed ${seed} --library ${library}`;

try {
  // --journal <file.db>: run the gateway with an order journal and check it against the ledger.
  const journal = values.journal === undefined ? undefined : SqliteJournal.open(values.journal);
  const result = await runSoak({
    faults,
    seed,
    progress: (line) => console.log(line),
    ...(journal === undefined ? {} : { journal }),
    ...(library === "vendor" ? vendorSoakOptions() : {}),
  }).finally(() => journal?.close());
  console.log(formatSoak(result, replay));
  process.exitCode = result.mismatches.length === 0 ? 0 : 1;
} catch (err) {
  console.error(`soak seed ${seed} failed: ${err instanceof Error ? err.stack : String(err)}`);
  console.error(`replay: ${replay}`);
  process.exitCode = 1;
}
