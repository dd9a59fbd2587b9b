/**
 * The trader's line for an error inside its web server (a request its handler failed on) keeps
 * the error's own text as data: as it is in English, quoted in a Chinese line, never mixed into
 * our words. Through the real `tsgate trader` command: a request for `//` makes the URL parser
 * throw (Node's `Invalid URL`), which reaches the server's error handler.
 */
import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { type CliProcess, runTsgate } from "./helpers/cli-process.js";

const DASHBOARD_LINE = /(?:dashboard|看板)\s+http:\/\/(\S+):(\d+)\/\?token=(\S+)/;

const running: CliProcess[] = [];
afterEach(async () => {
  for (const cli of running.splice(0)) {
    cli.child.kill("SIGKILL");
    await cli.exited;
  }
});

/** Sends one raw request line and resolves when the server has answered and closed. */
function rawRequest(port: number, target: string): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.on("error", () => resolve());
    socket.on("close", () => resolve());
    socket.on("data", () => socket.end());
    socket.on("connect", () =>
      socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`),
    );
  });
}

describe("tsgate trader: a web server error line", () => {
  it.each([
    ["en", /^web server error: Invalid URL$/m],
    ["zh-CN", /^网页服务器错误：原文 "Invalid URL"$/m],
  ] as const)(
    "quotes another module's text as data, in %s",
    async (language, expected) => {
      const cli = runTsgate(["trader", "--port", "0", "--no-browser", "--language", language]);
      running.push(cli);
      const [, , port] = (await cli.waitForOutput(DASHBOARD_LINE)) as [string, string, string];
      await rawRequest(Number(port), "//");
      const [line] = await cli.waitForOutput(/^(?:web server error|网页服务器错误).*$/m, "stderr");
      expect(line).toMatch(expected);
    },
    60_000,
  );
});
