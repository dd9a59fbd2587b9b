/**
 * `tsgate mock`: the mock trade and market servers, run by `@tsgate/mock-server`'s own CLI
 * (`tsgate-mock`, its `./cli` entry) with the same arguments.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { runCli } from "@tsgate/mock-server/cli";
import { InputError } from "../errors.js";
import { readJsonFile } from "../json-file.js";
import type { CliIo } from "./cli-io.js";

/**
 * The `--config` file tsgate-mock will read, if any. Parsed like tsgate-mock parses it
 * (`node:util` parseArgs: `--config f` or `--config=f`, the last one wins, nothing after `--`);
 * the other options are tsgate-mock's to check.
 */
function configArgument(argv: readonly string[]): string | undefined {
  const { values } = parseArgs({
    args: [...argv],
    strict: false,
    allowPositionals: true,
    options: { config: { type: "string" } },
  });
  return typeof values.config === "string" ? values.config : undefined;
}

/** Runs `tsgate mock [--config f] [--trade-port n] [--market-port n] ...`. */
export async function runMock(argv: readonly string[], io: CliIo): Promise<number> {
  // The config holds passwords: a syntax error is reported here by line and column, in the app's
  // own words, before tsgate-mock starts.
  const configFile = configArgument(argv);
  if (configFile !== undefined) {
    try {
      readJsonFile(configFile, "config");
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      io.err(`tsgate mock: ${err.message}`);
      return 2;
    }
  }
  return runCli([...argv], { out: io.out, err: io.err });
}
