/**
 * Runs the built `tsgate` command in a pseudo-terminal, as a person at a terminal would, through
 * Python's standard `pty` module (test/helpers/pty-relay.py). Chosen over `node-pty` (a native
 * addon that needs a compiler and node-gyp) and `script(1)` (no control of the window size, and
 * its handling of a non-terminal stdin differs between util-linux versions).
 */
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { stripVTControlCharacters as stripAnsi } from "node:util";
import { waitFor } from "./wait.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const BIN = join(HERE, "..", "..", "bin", "tsgate.js");
const RELAY = join(HERE, "pty-relay.py");
const PYTHON = process.env.TSGATE_PYTHON ?? "python3";

/** Terminal keys as the terminal sends them. */
export const KEY = { up: "\x1b[A", enter: "\r", ctrlC: "\x03", ctrlD: "\x04" } as const;

/** A `tsgate` process on a pseudo-terminal. */
export interface PtyProcess {
  readonly child: ChildProcessWithoutNullStreams;
  /** Everything the terminal showed so far, with the escape sequences. */
  raw(): string;
  /** What the terminal showed after raw position `since` (see {@link PtyProcess.mark}), escape sequences removed. */
  text(since?: number): string;
  /** The current length of {@link PtyProcess.raw}, to look only at what comes after it. */
  mark(): number;
  /** Waits until the terminal output after `since` (escape sequences removed) matches. */
  waitFor(pattern: RegExp, since?: number): Promise<RegExpMatchArray>;
  /** Types keys (no newline added). */
  type(keys: string): void;
  readonly exited: Promise<number | string>;
}

/** Fails with the install command when Python 3 is missing (never skips). */
function requirePython(): void {
  const probe = spawnSync(PYTHON, ["-c", "import pty, termios"], { encoding: "utf8" });
  if (probe.status !== 0) {
    throw new Error(
      `the terminal-mode tests need Python 3 with its pty module (${PYTHON}: ${probe.error?.message ?? probe.stderr}); install it with: apt-get install -y python3 (or set TSGATE_PYTHON)`,
    );
  }
}

/** Starts `tsgate ...args` on a terminal of `columns` × `rows`. */
export function runTsgateInPty(args: readonly string[], columns = 160, rows = 40): PtyProcess {
  requirePython();
  const child = spawn(PYTHON, [RELAY, String(columns), String(rows), process.execPath, BIN, ...args], {
    env: { ...process.env, TERM: "xterm-256color", COLUMNS: String(columns) },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let raw = "";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    raw += chunk;
  });
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => {
    raw += chunk;
  });
  const exited = once(child, "exit").then(([code, signal]) => (code ?? signal) as number | string);
  return {
    child,
    raw: () => raw,
    text: (since = 0) => stripAnsi(raw.slice(since)),
    mark: () => raw.length,
    waitFor: (pattern, since = 0) =>
      waitFor(() => stripAnsi(raw.slice(since)).match(pattern) ?? undefined, `terminal output ${pattern}`),
    type: (keys) => {
      child.stdin.write(keys);
    },
    exited,
  };
}
