/**
 * The `tsgate` command through child processes: terminal trading, `status` against a running
 * trader and without one, a busy port, clean shutdown on SIGTERM, and `mock`.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startMockServers } from "@tsgate/mock-server";
import { afterEach, describe, expect, it } from "vitest";
import { type CliProcess, runTsgate } from "./helpers/cli-process.js";

const running: CliProcess[] = [];

/** A settings file in `dir` for the demo account on `mock`'s servers; returns its path. */
function writeDemoSettings(dir: string, mock: { tradePort: number; marketPort: number }): string {
  const file = join(dir, "connect_hft.json");
  writeFileSync(
    file,
    JSON.stringify({
      交易用户名: "demo",
      交易密码: "demo123",
      交易服务器: "127.0.0.1",
      交易端口: mock.tradePort,
      机构代号: "0000",
      营业部代号: "9999",
      网关: "HFT",
      行情用户名: "demo",
      行情密码: "demo123",
      行情服务器: "127.0.0.1",
      行情端口: mock.marketPort,
    }),
  );
  return file;
}

function start(args: readonly string[], env: Record<string, string> = {}): CliProcess {
  const cli = runTsgate(args, env);
  running.push(cli);
  return cli;
}

/** A port that was free a moment ago. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

afterEach(async () => {
  // A failed test must not leave a trader behind.
  for (const cli of running.splice(0)) {
    if (cli.child.exitCode === null && cli.child.signalCode === null) {
      cli.child.kill("SIGKILL");
      await cli.exited;
    }
  }
});

describe("tsgate trader --no-browser", () => {
  it("reports a refused subscription given at start, and never as SUBSCRIBED", async () => {
    const cli = start(["trader", "--no-browser", "--port", "0", "--subscribe", "600000.SSE,000002.SZSE"]);
    // The trader's language here is zh-CN (LANG=C.UTF-8): the line tag stays, the prose is Chinese.
    await cli.waitForOutput(/SUBSCRIBE FAILED 000002\.SZSE：.*000002/);
    // A command's bad input is refused in the trader's language too.
    cli.send("subscribe 123456");
    await cli.waitForOutput(
      /instrument：无法从代码 "123456" 判断交易所；请连同交易所写，例如 123456\.SSE 或 123456\.SZSE/,
      "stderr",
    );
    cli.send("quit");
    expect(await cli.exited).toBe(0);
    expect(cli.stdout()).not.toMatch(/SUBSCRIBED[^\n]*000002/);
    // The trader's own start-up and shutdown lines are Chinese too; the URL stays last on its line.
    expect(cli.stdout()).toMatch(/^ {2}看板 {8}http:\/\/127\.0\.0\.1:\d+\/\?token=\S+$/m);
    expect(cli.stdout()).toContain("按 Ctrl-C 停止。");
    expect(cli.stdout()).toMatch(/^quit：正在关闭$/m);
    expect(cli.stdout()).toMatch(/^已停止$/m);
  });

  it("trades from stdin: buy fills, positions shows it, quit exits 0", async () => {
    const cli = start([
      "trader",
      "--no-browser",
      "--full",
      "--port",
      "0",
      "--seed",
      "11",
      "--language",
      "en",
    ]);
    await cli.waitForOutput(/(?:dashboard|看板)\s+http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    await cli.waitForOutput(/Type "help" for commands/);
    // Positions arrive after the trade login and the contract query: then orders can be checked.
    let polls = 0;
    await expect
      .poll(
        () => {
          cli.send("positions");
          polls += 1;
          return /600000\.SSE\s+10000\b/.test(cli.stdout());
        },
        { timeout: 30_000, interval: 300 },
      )
      .toBe(true);
    expect(polls).toBeGreaterThan(0);

    cli.send("help");
    await cli.waitForOutput(/buy <instrument> <price\|market> <volume>/);

    // The limit-up price is marketable: the buy fills at the best asks.
    cli.send("buy 600000.SSE 12.98 100");
    const [, vtOrderid] = await cli.waitForOutput(/SENT (HFT\.\S+)/);
    await cli.waitForOutput(
      new RegExp(`TRADE \\S+ 600000\\.SSE BUY 100 @ [\\d.]+ \\(order ${vtOrderid?.replace(".", "\\.")}\\)`),
    );
    await cli.waitForOutput(new RegExp(`ORDER ${vtOrderid?.replace(".", "\\.")} .* ALLTRADED`));

    await expect
      .poll(
        () => {
          cli.send("positions");
          return /600000\.SSE\s+10100\b/.test(cli.stdout());
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(true);

    cli.send("account");
    await cli.waitForOutput(/HFT\.demo\s+[\d.]+\s+[\d.]+\s+[\d.]+/);
    cli.send("orders all");
    await cli.waitForOutput(
      new RegExp(
        `${vtOrderid?.replace(".", "\\.")}\\s+600000\\.SSE\\s+BUY\\s+12\\.98\\s+100\\s+100\\s+ALLTRADED`,
      ),
    );

    // Checked before sending, like the dashboard.
    cli.send("buy 600000.SSE 11.50 150");
    await cli.waitForOutput(/Not sent: buy volume 150 is not a multiple of the lot/, "stderr");

    // A resting order is cancelled by its id.
    const beforeResting = cli.mark();
    cli.send("buy 600000.SSE 10.62 100");
    const resting = await cli.waitForOutput(/SENT (HFT\.\S+)/, "stdout", beforeResting);
    const restingId = resting[1] ?? "";
    await cli.waitForOutput(new RegExp(`ORDER ${restingId.replace(".", "\\.")} .* NOTTRADED`));
    cli.send(`cancel ${restingId}`);
    await cli.waitForOutput(new RegExp(`ORDER ${restingId.replace(".", "\\.")} .* CANCELLED`));

    cli.send("quit");
    expect(await cli.exited).toBe(0);
    expect(cli.stdout()).toContain("quit: shutting down");
    expect(cli.stdout()).toContain("stopped");
    // The token appears once: in the URL line.
    const token = cli.stdout().match(/token=(\S+)/)?.[1] ?? "";
    expect(token.length).toBeGreaterThan(20);
    expect(cli.stdout().split(token).length - 1).toBe(1);
    expect(cli.stdout() + cli.stderr()).not.toContain("demo123");
  });
});

describe("tsgate trader --settings", () => {
  it("connects to the server of a settings file instead of the embedded simulator", async () => {
    const mock = await startMockServers({ seed: 5 });
    const dir = mkdtempSync(join(tmpdir(), "tsgate-settings-"));
    try {
      const file = writeDemoSettings(dir, mock);
      // Also binds every interface, which must warn (in the trader's language, zh-CN here).
      const cli = start(["trader", "--no-browser", "--port", "0", "--host", "0.0.0.0", "--settings", file]);
      await cli.waitForOutput(/^警告：--host 0\.0\.0\.0 使其他机器也能访问看板/m, "stderr");
      await cli.waitForOutput(/^ {2}服务器 {6}设置文件中的服务器$/m);
      await cli.waitForOutput(/STATUS HFT TRADE CONNECTED/);
      await cli.waitForOutput(/STATUS HFT MARKET CONNECTED/);
      await expect
        .poll(() => mock.control.connections().filter((c) => c.principal === "demo").length)
        .toBe(2);
      cli.send("quit");
      expect(await cli.exited).toBe(0);
      expect(cli.stdout() + cli.stderr()).not.toContain("demo123");
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await mock.close();
    }
  });

  it("marks the TICKS line stale when the market server goes", async () => {
    const mock = await startMockServers({ seed: 5 });
    let mockOpen = true;
    const dir = mkdtempSync(join(tmpdir(), "tsgate-settings-"));
    try {
      const file = writeDemoSettings(dir, mock);
      const cli = start([
        "trader",
        "--no-browser",
        "--port",
        "0",
        "--ticker",
        "1",
        "--settings",
        file,
        "--language",
        "en",
      ]);
      await cli.waitForOutput(/TICKS 600000 \d+\.\d{2}/);
      expect(cli.stdout()).not.toContain("STALE");
      await mock.close();
      mockOpen = false;
      await cli.waitForOutput(
        /TICKS 600000 \d+\.\d{2} .*\(STALE: market (reconnecting|disconnected), last tick \d+ s ago\)/,
      );
      cli.send("quit");
      expect(await cli.exited).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      if (mockOpen) await mock.close();
    }
  });

  it("--language en writes the gateway's log lines in English; LANG=en_US.UTF-8 does too", async () => {
    const cli = start(["trader", "--no-browser", "--port", "0", "--language", "en"]);
    await cli.waitForOutput(/Trade server: logged in/);
    await cli.waitForOutput(/Market server: logged in/);
    cli.send("quit");
    expect(await cli.exited).toBe(0);
    expect(cli.stdout()).not.toMatch(/交易服务器登录成功|行情服务器登录成功/);
    const fromEnv = start(["trader", "--no-browser", "--port", "0"], { LANG: "en_US.UTF-8" });
    await fromEnv.waitForOutput(/Trade server: logged in/);
    fromEnv.send("quit");
    expect(await fromEnv.exited).toBe(0);
  });

  it("refuses an unknown --language with exit code 2, naming the flag", async () => {
    const cli = start(["trader", "--no-browser", "--port", "0", "--language", "fr"], { LANG: "en_US.UTF-8" });
    expect(await cli.exited).toBe(2);
    expect(cli.stderr()).toContain('--language: expected one of zh-CN, en, got "fr"');
  });

  it("names the bad key of a settings file and exits 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tsgate-settings-"));
    try {
      const file = join(dir, "bad.json");
      writeFileSync(file, JSON.stringify({ 交易用户名: "demo", 交易服务器: "127.0.0.1", 交易端口: "80a" }));
      const cli = start(["trader", "--no-browser", "--port", "0", "--settings", file]);
      expect(await cli.exited).toBe(2);
      expect(cli.stderr()).toContain("交易端口");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("tsgate status", () => {
  // The trader and `tsgate status` write their own lines in the language of LANG (or --language);
  // the side and state codes and the exit codes stay the same in both.
  const LANGUAGES = [
    {
      language: "zh-CN",
      env: {},
      watched: ["HFT 交易已连接", "HFT 行情已连接", "HFT 交易就绪"],
      title: (port: number) => `tsgate 交易程序 http://127.0.0.1:${port}（内置模拟器）`,
      subscriptions: "  已订阅合约：",
      shutdown: ["SIGTERM：正在关闭", "已停止"],
      notRunning: (port: number) => `127.0.0.1:${port} 上没有运行中的 tsgate 交易程序（连接被拒绝）`,
    },
    {
      language: "en",
      env: { LANG: "en_US.UTF-8" },
      watched: ["HFT trade connected", "HFT market connected", "HFT trade ready"],
      title: (port: number) => `tsgate trader on http://127.0.0.1:${port} (embedded simulator)`,
      subscriptions: "  subscribed instruments: ",
      shutdown: ["SIGTERM: shutting down", "stopped"],
      notRunning: (port: number) => `No tsgate trader is running on 127.0.0.1:${port} (connection refused)`,
    },
  ] as const;

  it.each(LANGUAGES)(
    "reports a running trader's connection state; SIGTERM stops it cleanly ($language)",
    async (lang) => {
      const port = await freePort();
      const trader = start(["trader", "--port", String(port)], lang.env);
      const [line] = await trader.waitForOutput(/^.*\shttp:\/\/127\.0\.0\.1:\d+\/\?token=\S+$/m);
      expect(line).toMatch(lang.language === "en" ? /^ {2}dashboard {3}http/ : /^ {2}看板 {8}http/);
      for (const watched of lang.watched) await trader.waitForOutput(new RegExp(watched));
      // The READY status reads "ready", not a second "connected".
      expect(
        trader
          .stdout()
          .split("\n")
          .filter((l) => l.includes(lang.watched[0])),
      ).toHaveLength(1);

      const status = start(["status"], { ...lang.env, TSGATE_PORT: String(port) });
      expect(await status.exited).toBe(0);
      expect(status.stdout()).toContain(lang.title(port));
      expect(status.stdout()).toMatch(/HFT TRADE\s+CONNECTED/);
      expect(status.stdout()).toMatch(/HFT MARKET\s+CONNECTED/);
      expect(status.stdout()).toContain(lang.subscriptions);
      expect(status.stdout()).not.toContain("token");

      trader.child.kill("SIGTERM");
      expect(await trader.exited).toBe(0);
      for (const text of lang.shutdown) expect(trader.stdout()).toContain(text);
    },
  );

  it.each(LANGUAGES)("says clearly when no trader is running ($language)", async (lang) => {
    const port = await freePort();
    const status = start(["status", "--port", String(port)], lang.env);
    expect(await status.exited).toBe(1);
    expect(status.stderr()).toContain(lang.notRunning(port));
  });
});

describe("a busy port", () => {
  let blocker: Server | undefined;

  afterEach(async () => {
    await new Promise((resolve) => blocker?.close(resolve));
  });

  it("names the port and the flag to change it, and exits 1", async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker?.listen(0, "127.0.0.1", resolve));
    const { port } = blocker.address() as { port: number };
    const cli = start(["trader", "--no-browser", "--port", String(port)]);
    expect(await cli.exited).toBe(1);
    // zh-CN here (LANG=C.UTF-8); the flag and the environment variable keep their names.
    expect(cli.stderr()).toContain(`127.0.0.1 上的端口 ${port} 已被占用`);
    expect(cli.stderr()).toContain(`例如 --port ${port + 1}`);
    const en = start(["trader", "--no-browser", "--port", String(port)], { LANG: "en_US.UTF-8" });
    expect(await en.exited).toBe(1);
    expect(en.stderr()).toContain(`port ${port} on 127.0.0.1 is already in use`);
    expect(en.stderr()).toContain("TSGATE_PORT");
    expect(cli.stderr()).toContain("--port");
    expect(cli.stdout()).not.toContain("token=");
  });
});

describe("tsgate trader --strategy", () => {
  it("names the strategies it runs, reports the files it cannot use, and runs on", async () => {
    const fixtures = join(import.meta.dirname, "fixtures", "strategies");
    const cli = start([
      "trader",
      "--no-browser",
      "--port",
      "0",
      "--strategy",
      join(fixtures, "buy-once.mjs"),
      "--strategy",
      join(fixtures, "missing.mjs"),
      "--backtest-report",
      join(fixtures, "missing.json"),
      "--language",
      "en",
    ]);
    await cli.waitForOutput(/strategies\s+BuyOnce/);
    await cli.waitForOutput(/Type "help" for commands/);
    expect(cli.stderr()).toMatch(/error: strategy file .*missing\.mjs: no such file/);
    expect(cli.stderr()).toMatch(/error: backtest report .*missing\.json: no such file/);
    cli.send("quit");
    expect(await cli.exited).toBe(0);
  });
});

describe("tsgate mock", () => {
  it("runs the mock servers through tsgate-mock and stops on SIGINT", async () => {
    const cli = start(["mock", "--trade-port", "0", "--market-port", "0"]);
    await cli.waitForOutput(/tsgate-mock ready: trade 127\.0\.0\.1:\d+, market 127\.0\.0\.1:\d+/);
    cli.child.kill("SIGINT");
    expect(await cli.exited).toBe(0);
  });

  it("checks the --config tsgate-mock reads (the last one, as parseArgs takes it), by line and column", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tsgate-mock-config-"));
    try {
      const valid = join(dir, "valid.json");
      const broken = join(dir, "broken.json");
      writeFileSync(valid, "{}");
      writeFileSync(broken, '{\n  "accounts": [{ "password": s3cretPw }]\n}');
      for (const args of [
        ["--config", valid, "--config", broken],
        [`--config=${broken}`, "--trade-port", "0"],
      ]) {
        const cli = start(["mock", ...args], { LANG: "en_US.UTF-8" });
        expect(await cli.exited).toBe(2);
        expect(cli.stderr()).toContain(
          `tsgate mock: simulator config ${broken}: not valid JSON (Unexpected character at line 2`,
        );
        expect(cli.stderr()).not.toContain("s3cret");
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("usage", () => {
  it("explains the commands and refuses unknown ones with exit code 2", async () => {
    // In-process, in both languages: usage.test.ts. Here the installed command, in English.
    const en = { LANG: "en_US.UTF-8" };
    const help = start(["--help"], en);
    expect(await help.exited).toBe(0);
    expect(help.stdout()).toContain("tsgate <command>");
    const unknown = start(["frobnicate"], en);
    expect(await unknown.exited).toBe(2);
    expect(unknown.stderr()).toContain('unknown command "frobnicate"');
    const badPort = start(["trader", "--port", "http"], en);
    expect(await badPort.exited).toBe(2);
    expect(badPort.stderr()).toContain("--port: expected an integer 0-65535");
  });
});
