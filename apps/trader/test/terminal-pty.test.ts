/**
 * Terminal mode on a real pseudo-terminal (test/helpers/pty-process.ts): the prompt, typing while
 * ticks print above it, history with the Up key, the exchange inferred from the code, a cancel
 * by the short id, a refused subscription, and columns aligned with Chinese names; and the same
 * terminal in zh-CN, with no English label of the en catalogue on screen.
 */
import stringWidth from "string-width";
import { afterEach, describe, expect, it } from "vitest";
import { LABEL_CATALOGUES } from "../src/shared/labels/labels.js";
import { KEY, type PtyProcess, runTsgateInPty } from "./helpers/pty-process.js";

const running: PtyProcess[] = [];
/** The escape character that starts terminal control sequences. */
const ESC = "\u001b";

afterEach(async () => {
  for (const pty of running.splice(0)) {
    if (pty.child.exitCode === null && pty.child.signalCode === null) {
      pty.child.kill("SIGKILL");
      await pty.exited;
    }
  }
});

/** The lines the terminal showed after `since`, as seen on screen (a carriage return restarts a line). */
function linesAfter(pty: PtyProcess, since: number): string[] {
  return pty
    .text(since)
    .split("\n")
    .map((line) => line.slice(line.lastIndexOf("\r", line.length - 2) + 1).replace(/\r$/, ""));
}

describe("tsgate trader --no-browser on a terminal", () => {
  it("keeps the line being typed while ticks print, recalls history, infers the exchange, cancels by short id", async () => {
    const pty = runTsgateInPty([
      "trader",
      "--no-browser",
      "--port",
      "0",
      "--seed",
      "11",
      "--ticker",
      "1",
      "--language",
      "en",
    ]);
    running.push(pty);
    await pty.waitFor(/Type "help" for commands/);
    await pty.waitFor(/tsgate> /);
    // Wait until the positions are loaded (contracts come with the trade login).
    await pty.waitFor(/TICKS 600000 \d+\.\d{2}/);

    // Typing while the TICKS line prints: the half-typed command survives and runs whole.
    const typing = pty.mark();
    pty.type("posi");
    await pty.waitFor(/TICKS/, typing + 1);
    const afterTick = pty.raw().slice(pty.raw().lastIndexOf("TICKS"));
    // The prompt is redrawn below the printed line with what was typed so far.
    expect(afterTick).toMatch(new RegExp(`tsgate> (${ESC}\\[[0-9;]*[A-Za-z])*posi`));
    // On screen the TICKS line starts at the left edge: it did not land inside the typed text.
    const tickLines = linesAfter(pty, typing).filter((line) => line.includes("TICKS"));
    expect(tickLines.length).toBeGreaterThan(0);
    for (const line of tickLines) expect(line).toMatch(/^\d\d:\d\d:\d\d TICKS /);
    const beforeEnter = pty.mark();
    pty.type(`tions${KEY.enter}`);
    await pty.waitFor(/600000\.SSE\s+10000\b/, beforeEnter);

    // History: Up recalls "positions", Enter runs it again (not "^[[A").
    const beforeUp = pty.mark();
    pty.type(`${KEY.up}${KEY.enter}`);
    await pty.waitFor(/instrument\s+volume\s+yesterday/, beforeUp);
    expect(pty.text(beforeUp)).not.toContain("unknown command");

    // Without an exchange: 600000 is an SSE code. The limit-down price rests.
    const beforeBuy = pty.mark();
    pty.type(`buy 600000 10.62 100${KEY.enter}`);
    const [, shortId] = await pty.waitFor(/SENT (\S+)/, beforeBuy);
    expect(shortId).toMatch(/^\d{4,8}$/);
    await pty.waitFor(new RegExp(`ORDER ${shortId} 600000\\.SSE BUY 100 @ 10\\.62 .*NOTTRADED`), beforeBuy);
    pty.type(`cancel ${shortId}${KEY.enter}`);
    await pty.waitFor(new RegExp(`ORDER ${shortId} .* CANCELLED`), beforeBuy);

    // An unknown code: reported as failed, never as SUBSCRIBED.
    const beforeSub = pty.mark();
    pty.type(`subscribe 000002${KEY.enter}`);
    await pty.waitFor(/SUBSCRIBE FAILED 000002\.SZSE: .*000002/, beforeSub);
    expect(pty.text(beforeSub)).not.toMatch(/SUBSCRIBED 000002/);

    // Columns line up although names are Chinese (two cells per character).
    const beforeTicks = pty.mark();
    pty.type(`ticks${KEY.enter}`);
    await pty.waitFor(
      /instrument\s+name\s+last[\s\S]*600000\.SSE[^\n]*\n[\s\S]*000001\.SZSE[^\n]*\n/,
      beforeTicks,
    );
    const rows = linesAfter(pty, beforeTicks).filter((line) => /^\d{6}\.(SSE|SZSE)\s/.test(line));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const lastColumn = rows.map((line) => stringWidth(line.slice(0, line.search(/\d+\.\d{2,3}\s/))));
    expect(new Set(lastColumn).size).toBe(1);

    pty.type(KEY.ctrlD);
    expect(await pty.exited).toBe(0);
  });

  it("speaks zh-CN (the trader's language): help, tables, order lines and errors in Chinese only", async () => {
    const pty = runTsgateInPty(["trader", "--no-browser", "--port", "0", "--seed", "11", "--ticker", "0"]);
    running.push(pty);
    await pty.waitFor(/输入 "help" 查看命令/);
    const start = pty.mark();
    await pty.waitFor(/交易服务器登录成功/);
    pty.type(`help${KEY.enter}`);
    await pty.waitFor(/退出交易程序/, start);
    // Positions come with the trade login; ask until the table is there.
    let before = pty.mark();
    for (let i = 0; i < 100 && !/600000\.SSE\s+10000\b/.test(pty.text(before)); i++) {
      pty.type(`positions${KEY.enter}`);
      await pty.waitFor(/合约\s+数量\s+昨仓|没有持仓/, before);
      before = pty.mark() - 1;
    }
    pty.type(`buy 600000 10.62 100${KEY.enter}`);
    await pty.waitFor(/ORDER \S+ 600000\.SSE 买入 100 @ 10\.62 已成交 0 NOTTRADED/, start);
    pty.type(`orders${KEY.enter}`);
    await pty.waitFor(/委托\s+合约\s+方向\s+价格/, start);
    pty.type(`frobnicate${KEY.enter}`);
    await pty.waitFor(/未知命令 "frobnicate"（输入 help 查看命令）/, start);
    pty.type(`buy 600000 10.62 150${KEY.enter}`);
    await pty.waitFor(/未发送：买入数量 150 不是整手（100 股）的整数倍/, start);

    // No English label of ours on the zh screen: the en terminal labels' words, whole, are absent
    // (commands, tags such as ORDER and the states' names are data in both languages).
    const zh = LABEL_CATALOGUES["zh-CN"];
    const en = LABEL_CATALOGUES.en;
    const words = new Set<string>();
    for (const code of Object.keys(en) as (keyof typeof en)[]) {
      if (!code.startsWith("term.") || code === "term.help" || en[code] === zh[code]) continue;
      for (const word of en[code].replace(/\{\w+\}/g, " ").match(/\b[a-z]{4,}\b/g) ?? []) words.add(word);
    }
    // Words the zh labels use too are commands (help, positions, market …), typed as they are.
    const zhWords = Object.entries(zh)
      .filter(([code]) => code.startsWith("term."))
      .flatMap(([, text]) => text.match(/\b[a-z]{4,}\b/g) ?? []);
    for (const word of [...zhWords, "positions"]) words.delete(word);
    const screen = pty.text(start);
    expect([...words].filter((word) => new RegExp(`\\b${word}\\b`).test(screen))).toEqual([]);

    pty.type(KEY.ctrlD);
    expect(await pty.exited).toBe(0);
  });
});
