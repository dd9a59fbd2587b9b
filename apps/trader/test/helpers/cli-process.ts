/** Runs the built `tsgate` command as a child process and watches its output. */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { once } from "node:events";
import { dirname, join } from "node:path";
import { StringDecoder } from "node:string_decoder";
import { fileURLToPath } from "node:url";
import { waitFor } from "./wait.js";

const BIN = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "bin", "tsgate.js");

export interface CliProcess {
  readonly child: ChildProcessWithoutNullStreams;
  /** Everything written to stdout so far. */
  stdout(): string;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Everything written to stdout so far, as the bytes it wrote. */
  stdoutBytes(): Buffer;
  /** Everything written to stderr so far, as the bytes it wrote. */
  stderrBytes(): Buffer;
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
  /** Resolves once the process has exited and its output streams are closed (all output read). */
  readonly closed: Promise<void>;
}

/** Options of {@link runTsgate}. */
export interface RunOptions {
  /** Working directory of the process (default: the test's). */
  readonly cwd?: string;
}

/** Starts `node bin/tsgate.js ...args` with `env` added to the test's environment. */
export function runTsgate(
  args: readonly string[],
  env: Record<string, string> = {},
  options: RunOptions = {},
): CliProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "pipe"],
    ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
  });
  let out = "";
  let err = "";
  const outBytes: Buffer[] = [];
  const errBytes: Buffer[] = [];
  const outText = new StringDecoder("utf8");
  const errText = new StringDecoder("utf8");
  child.stdout.on("data", (chunk: Buffer) => {
    outBytes.push(chunk);
    out += outText.write(chunk);
  });
  child.stderr.on("data", (chunk: Buffer) => {
    errBytes.push(chunk);
    err += errText.write(chunk);
  });
  const exited = once(child, "exit").then(([code, signal]) => (code ?? signal) as number | string);
  const closed = once(child, "close").then(() => undefined);
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    stdoutBytes: () => Buffer.concat(outBytes),
    stderrBytes: () => Buffer.concat(errBytes),
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
    closed,
  };
}
