/**
 * `tsgate mock`: the mock trade and market servers, run by `@tsgate/mock-server`'s own CLI
 * (`tsgate-mock`) with the same arguments.
 *
 * @module
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { InputError } from "../errors.js";
import { readJsonFile } from "../json-file.js";
import type { CliIo } from "./cli-io.js";

type MockCli = (
  argv: string[],
  io?: { out: (line: string) => void; err: (line: string) => void },
) => Promise<number>;

/** Loads `tsgate-mock`'s entry from the installed `@tsgate/mock-server` package. */
async function loadMockCli(): Promise<MockCli> {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve("@tsgate/mock-server/package.json"));
  const module = (await import(pathToFileURL(join(packageDir, "dist", "cli.js")).href)) as {
    runCli?: unknown;
  };
  if (typeof module.runCli !== "function") {
    throw new Error(`@tsgate/mock-server in ${packageDir} has no CLI entry (dist/cli.js runCli); rebuild it`);
  }
  return module.runCli as MockCli;
}

/** The `--config` file of the arguments, if any (`--config f` or `--config=f`). */
function configArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--") return undefined;
    if (arg === "--config") return argv[i + 1];
    if (arg.startsWith("--config=")) return arg.slice("--config=".length);
  }
  return undefined;
}

/** Runs `tsgate mock [--config f] [--trade-port n] [--market-port n] ...`. */
export async function runMock(argv: readonly string[], io: CliIo): Promise<number> {
  // The config holds passwords: a syntax error is reported here by line and column, before
  // tsgate-mock would print JSON.parse's message, which may quote a piece of the file.
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
  let cli: MockCli;
  try {
    cli = await loadMockCli();
  } catch (err) {
    io.err(`tsgate mock: ${(err as Error).message}`);
    return 1;
  }
  return cli([...argv], { out: io.out, err: io.err });
}
