/**
 * Runs the `tsgate` CLI in-process on a terminal that keeps what it is told, for the tests that
 * need no child process (usage texts, `tsgate doctor`).
 */
import { PassThrough } from "node:stream";
import type { CliIo } from "../../src/cli/cli-io.js";
import { runCli } from "../../src/cli/main.js";

/** The exit code and the lines written to stdout and stderr, each joined by newlines. */
export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `tsgate ...args` with `env` as its only environment. */
export async function runCliInMemory(args: readonly string[], env: Record<string, string>): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    input: new PassThrough(),
    output: new PassThrough(),
    error: new PassThrough(),
    exit: (code) => {
      throw new Error(`exit ${code}`);
    },
    env,
  };
  const code = await runCli(args, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}
