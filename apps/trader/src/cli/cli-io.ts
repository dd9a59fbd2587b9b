/**
 * Where the CLI reads and writes, replaceable in tests.
 *
 * @module
 */
import type { Readable, Writable } from "node:stream";
import { type LabelText, labelText } from "../shared/labels/labels.js";

/** The CLI's terminal. */
export interface CliIo {
  /** Writes one line to standard output. */
  readonly out: (line: string) => void;
  /** Writes one line to standard error. */
  readonly err: (line: string) => void;
  /** Command input of the terminal mode (a terminal turns on its prompt and line editing). */
  readonly input: Readable & { isTTY?: boolean };
  /** The stream behind {@link CliIo.out}, for the terminal mode's prompt. */
  readonly output: Writable & { isTTY?: boolean };
  /** The stream behind {@link CliIo.err}. */
  readonly error: Writable;
  /** Ends the process at once (a second Ctrl-C, a shutdown that hangs). */
  readonly exit: (code: number) => never;
  /** Environment variables. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The process's own terminal. */
export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  input: process.stdin,
  output: process.stdout,
  error: process.stderr,
  exit: (code) => process.exit(code),
  env: process.env,
};

/**
 * A usage mistake: printed with the command's help, exit code 2. Its reason is a catalogue text,
 * printed in the user's language; `message` is the English, for logs.
 */
export class UsageError extends Error {
  constructor(readonly text: LabelText) {
    super(labelText("en", text));
    this.name = "UsageError";
  }
}
