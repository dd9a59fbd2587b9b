/**
 * The terminal mode's screen: a `node:readline` prompt with line editing and history when stdin
 * and stdout are a terminal, and lines printed *above* the prompt, so output that arrives while
 * a command is being typed (ticks, order updates, logs) never breaks the line being typed.
 * Without a terminal (a pipe, a file) it reads plain lines and prints plain lines.
 *
 * @module
 */
import { createInterface, type Interface } from "node:readline";
import type { Readable, Writable } from "node:stream";

/** The prompt of the terminal mode. */
export const PROMPT = "tsgate> ";
/** Commands kept in the Up/Down history. */
const HISTORY_SIZE = 500;
/** ANSI: carriage return, then erase the whole line (the prompt and what was typed so far). */
const CLEAR_LINE = "\r\x1b[2K";

/** Where the screen reads and writes. */
export interface ScreenStreams {
  readonly input: Readable & { isTTY?: boolean };
  readonly output: Writable & { isTTY?: boolean };
  /** Standard error, for {@link TerminalScreen.err} when there is no terminal. */
  readonly error: Writable;
}

/** A line-based screen with a prompt. */
export class TerminalScreen {
  /** True when reading from a terminal: prompt, history and line editing are on. */
  readonly interactive: boolean;
  private readonly rl: Interface;
  private closed = false;

  /**
   * @param streams - the terminal
   * @param onLine - called with each line typed (Enter)
   * @param onEnd - called at the end of input (Ctrl-D, a closed pipe) or on Ctrl-C
   */
  constructor(
    private readonly streams: ScreenStreams,
    onLine: (line: string) => void,
    onEnd: (reason: "end of input" | "SIGINT") => void,
  ) {
    this.interactive = streams.input.isTTY === true && streams.output.isTTY === true;
    this.rl = createInterface({
      input: streams.input,
      output: this.interactive ? streams.output : undefined,
      terminal: this.interactive,
      prompt: PROMPT,
      historySize: HISTORY_SIZE,
      removeHistoryDuplicates: true,
    });
    this.rl.on("line", (line) => {
      onLine(line);
      if (!this.closed) this.rl.prompt();
    });
    // In raw mode Ctrl-C reaches readline, not the process: stop the trader as the signal would.
    this.rl.on("SIGINT", () => onEnd("SIGINT"));
    this.rl.on("close", () => {
      if (this.closed) return;
      this.closed = true;
      onEnd("end of input");
    });
  }

  /** Shows the prompt (after the start-up lines). */
  start(): void {
    if (this.interactive) this.rl.prompt();
  }

  /** Prints a line to standard output, above the prompt and what is being typed. */
  out(line: string): void {
    this.write(this.streams.output, line);
  }

  /** Prints several lines (a table) at once, with one redraw of the prompt. */
  outLines(lines: readonly string[]): void {
    if (lines.length > 0) this.write(this.streams.output, lines.join("\n"));
  }

  /** Prints a line to standard error (above the prompt, on the terminal, when interactive). */
  err(line: string): void {
    this.write(this.interactive ? this.streams.output : this.streams.error, line);
  }

  /** Stops reading; the terminal is back in its normal mode. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.interactive) this.streams.output.write(CLEAR_LINE);
    this.rl.close();
  }

  private write(stream: Writable, line: string): void {
    if (!this.interactive || this.closed) {
      stream.write(`${line}\n`);
      return;
    }
    // Erase the prompt line, print, then redraw the prompt with the text typed so far and the
    // cursor where it was (readline's `prompt(true)`).
    stream.write(`${CLEAR_LINE}${line}\n`);
    this.rl.prompt(true);
  }
}
