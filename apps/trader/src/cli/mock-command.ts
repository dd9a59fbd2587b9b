/**
 * `tsgate mock`: the mock trade and market servers, run by `@tsgate/mock-server`'s own CLI
 * (`tsgate-mock`, its `./cli` entry) with the same arguments.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { runCli } from "@tsgate/mock-server/cli";
import { InputError, reasonOf } from "../errors.js";
import { readJsonFile } from "../json-file.js";
import { traderLanguage } from "../trader-language.js";
import type { CliIo } from "./cli-io.js";
import { printUsageError, usageText } from "./usage.js";

/**
 * The `--config` file tsgate-mock will read, if any, and whether it is asked for its help. Parsed
 * like tsgate-mock parses them (`node:util` parseArgs: `--config f` or `--config=f`, the last one
 * wins, nothing after `--`); the other options are tsgate-mock's to check.
 */
function wrapperArguments(argv: readonly string[]): { config: string | undefined; help: boolean } {
  const { values } = parseArgs({
    args: [...argv],
    strict: false,
    allowPositionals: true,
    options: { config: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  return {
    config: typeof values.config === "string" ? values.config : undefined,
    help: values.help === true,
  };
}

/**
 * Runs `tsgate mock [--config f] [--trade-port n] [--market-port n] ...`. tsgate-mock's own usage
 * and usage errors are English by design (`@tsgate/mock-server` has no catalogues); `--help`
 * opens them with a line in the user's language saying so.
 */
export async function runMock(argv: readonly string[], io: CliIo): Promise<number> {
  const language = traderLanguage(undefined, io.env);
  const { config, help } = wrapperArguments(argv);
  if (help) io.out(usageText(language, "mock"));
  // The config holds passwords: a syntax error is reported here by line and column, in the app's
  // own words, before tsgate-mock starts.
  if (config !== undefined && !help) {
    try {
      readJsonFile(config, "mockConfig");
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      printUsageError(io, language, "mock", reasonOf(err), false);
      return 2;
    }
  }
  return runCli([...argv], { out: io.out, err: io.err });
}
