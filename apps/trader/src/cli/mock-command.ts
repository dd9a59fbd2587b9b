/**
 * `tsgate mock`: the mock trade and market servers, run by `@tsgate/mock-server`'s own CLI
 * (`tsgate-mock`) with the same arguments.
 *
 * @module
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
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

/** Runs `tsgate mock [--config f] [--trade-port n] [--market-port n] ...`. */
export async function runMock(argv: readonly string[], io: CliIo): Promise<number> {
  let cli: MockCli;
  try {
    cli = await loadMockCli();
  } catch (err) {
    io.err(`tsgate mock: ${(err as Error).message}`);
    return 1;
  }
  return cli([...argv], { out: io.out, err: io.err });
}
