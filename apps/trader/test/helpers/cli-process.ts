/** Runs the built `tsgate` command as a child process and watches its output. */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { once } from "node:events";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { waitFor } from "./wait.js";

const BIN = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "bin", "tsgate.js");

export interface CliProcess {
  readonly child: ChildProcessWithoutNullStreams;
  /** Everything written to stdout so far. */
  stdout(): string;
  /** Everything written to stderr so far. */
  stderr(): string;
  /**
   * Waits until stdout (or stderr) matches `pattern`, looking only at what came after character
   * `since` (see {@link CliProcess.mark}); returns the match.
   */
  waitForOutput(pattern: RegExp, stream?: "stdout" | "stderr", since?: number): Promise<RegExpMatchArray>;
  /** The current length of stdout, to wait for output that comes after it. */
  mark(): number;
  /** Writes a command line to stdin. */
  send(line: string): void;
  /** Resolves with the exit code (or the signal's name). */
  readonly exited: Promise<number | string>;
}

/** Starts `node bin/tsgate.js ...args`. */
export function runTsgate(args: readonly string[], env: Record<string, string> = {}): CliProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    out += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    err += chunk;
  });
  const exited = once(child, "exit").then(([code, signal]) => (code ?? signal) as number | string);
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitForOutput: (pattern, stream = "stdout", since = 0) =>
      waitFor(
        () => (stream === "stdout" ? out : err).slice(since).match(pattern) ?? undefined,
        `${pattern} in ${stream}`,
        30_000,
      ).catch((e: Error) => {
        throw new Error(`${e.message}\n--- stdout ---\n${out}\n--- stderr ---\n${err}`);
      }),
    mark: () => out.length,
    send: (line) => {
      child.stdin.write(`${line}\n`);
    },
    exited,
  };
}
