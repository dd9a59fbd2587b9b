/**
 * An error the terminal mode did not make itself (an engine's, Node's) is printed as data: as it
 * is in English, quoted in a Chinese line (`错误：原文 "…"`), never mixed into our own words.
 */
import { once } from "node:events";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import type { CliIo } from "../src/cli/cli-io.js";
import { startTerminalMode, type TerminalMode } from "../src/cli/terminal-mode.js";
import type { LabelLanguage } from "../src/shared/labels/labels.js";
import type { TraderRuntime } from "../src/trader-runtime.js";

const ENGINE_ERROR = "database is locked";

/** A runtime whose engine fails the `trades` command with a plain Error, not a TraderError. */
function failingRuntime(language: LabelLanguage): TraderRuntime {
  const mainEngine = {
    eventEngine: { register: () => undefined, unregister: () => undefined },
    getAllOrders: () => [],
    getAllTrades: () => {
      throw new Error(ENGINE_ERROR);
    },
  };
  return { language, mainEngine, onChange: () => () => undefined } as unknown as TraderRuntime;
}

let mode: TerminalMode | undefined;
afterEach(() => mode?.stop());

async function errorLineOf(language: LabelLanguage, command: string): Promise<string> {
  const input = new PassThrough();
  const error = new PassThrough();
  const io = {
    input,
    output: new PassThrough(),
    error,
    err: () => undefined,
    out: () => undefined,
  } as unknown as CliIo;
  mode = startTerminalMode({ runtime: failingRuntime(language), io, tickerMs: 0, onQuit: () => undefined });
  const written = once(error, "data");
  input.write(`${command}\n`);
  const [chunk] = (await written) as [Buffer];
  return chunk.toString("utf8").trim();
}

describe("terminal mode: errors not the trader's own", () => {
  it.each([
    ["en", `error: ${ENGINE_ERROR}`],
    ["zh-CN", `错误：原文 "${ENGINE_ERROR}"`],
  ] as const)("are printed as data in %s", async (language, expected) => {
    expect(await errorLineOf(language, "trades")).toBe(expected);
  });
});
