/**
 * Passwords and the dashboard token never appear in logs, errors, events, files or crash output.
 *
 * Every run uses new random passwords (with characters that JSON, URLs and base64 each encode
 * differently) for the embedded simulator's account and market-data user. The trader runs as a child
 * process in a temporary directory that is also its HOME, XDG and TMP directory, so whatever it
 * writes lands there. The runs:
 *
 * 1. a dashboard session: REST calls with and without the token, a connect with wrong passwords,
 *    two connects with invalid settings, a connect with the right ones, orders that fill, rest, are
 *    cancelled or rejected, `tsgate status`, the WebSocket feed recorded message by message; then
 *    SIGTERM;
 * 2. a terminal session (`--no-browser`) killed with SIGKILL;
 * 3. runs that fail at start: broken settings and simulator config files holding the passwords,
 *    invalid settings, a password too long for the simulator, a busy port, `tsgate mock` with a
 *    broken config; then `tsgate mock` with `tsgate doctor` against it (right and wrong
 *    passwords, JSON and text reports).
 *
 * Then stdout and stderr of every process, every file under the temporary directory (as bytes),
 * every WebSocket message and every HTTP answer (headers and body) are searched for the passwords
 * in several encodings and for 8-character pieces of them, and for the token, which may appear in
 * the one startup line that prints the dashboard URL and nowhere else.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { demoConfigInput } from "@tsgate/mock-server";
import { describeJsonError } from "@tsgate/safe-json";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type CliProcess, runTsgate } from "./helpers/cli-process.js";
import {
  type Artifact,
  filesUnder,
  formatLeaks,
  LeakScanner,
  PIECE_LENGTH,
  type Secret,
} from "./helpers/leak-scan.js";
import { waitFor } from "./helpers/wait.js";

/** 16 random characters of [A-Za-z0-9_-]. */
const random = () => randomBytes(12).toString("base64url");
/** A password of about 45 bytes: two random runs around characters every encoding changes. */
const password = (prefix: string) => `${prefix}${random()}"\\%+/&= 密${random()}`;
/**
 * A trade password of exactly 16 bytes, the real SDK's limit (交易密码, AccountInfo.password): a run
 * of 8 letters and digits (for the partial-leak search) and characters encodings change.
 */
const tradePassword = (prefix: string) =>
  `${prefix}${randomBytes(6).toString("base64url").slice(0, 6)}"\\%+/密`;

const TRADE_PASSWORD = tradePassword("Tp");
const MARKET_PASSWORD = password("Mp");
const WRONG_TRADE_PASSWORD = tradePassword("Wt");
const WRONG_MARKET_PASSWORD = password("Wm");
const PASSWORDS: readonly Secret[] = [
  { label: "trade password", value: TRADE_PASSWORD },
  { label: "market password", value: MARKET_PASSWORD },
  { label: "wrong trade password", value: WRONG_TRADE_PASSWORD },
  { label: "wrong market password", value: WRONG_MARKET_PASSWORD },
];

/** The line that prints the dashboard URL: the only place a token may appear. */
const STARTUP_LINE = /^ {2}(?:dashboard {3}|看板 {8})http:\/\/127\.0\.0\.1:\d+\/\?token=([A-Za-z0-9_-]+)$/;

const root = mkdtempSync(join(tmpdir(), "tsgate-secrets-"));
const inputDir = join(root, "input");
const workDir = join(root, "work");
/** HOME, XDG and temporary directories of the children: everything they write lands under root. */
const env: Record<string, string> = {
  HOME: join(root, "home"),
  XDG_CONFIG_HOME: join(root, "xdg", "config"),
  XDG_DATA_HOME: join(root, "xdg", "data"),
  XDG_STATE_HOME: join(root, "xdg", "state"),
  XDG_CACHE_HOME: join(root, "xdg", "cache"),
  XDG_RUNTIME_DIR: join(root, "xdg", "runtime"),
  TMPDIR: join(root, "tmp"),
  TMP: join(root, "tmp"),
  TEMP: join(root, "tmp"),
};

/** Files the test writes itself (they hold the passwords on purpose): not searched. */
const inputFiles = new Set<string>();
function input(name: string, text: string): string {
  const path = join(inputDir, name);
  writeFileSync(path, text);
  inputFiles.add(path);
  return path;
}

/** Everything the runs produced, except files (collected at the end). */
const artifacts: Artifact[] = [];
const processes: Array<{ name: string; cli: CliProcess }> = [];
let wsMessages = 0;
let httpAnswers = 0;

function start(name: string, args: readonly string[]): CliProcess {
  const cli = runTsgate(args, env, { cwd: workDir });
  processes.push({ name, cli });
  return cli;
}

/** Waits for the process to end and records its output. */
async function finish(name: string, cli: CliProcess): Promise<number | string> {
  const code = await cli.exited;
  await cli.closed;
  artifacts.push({ where: `${name}: stdout`, bytes: cli.stdoutBytes() });
  artifacts.push({ where: `${name}: stderr`, bytes: cli.stderrBytes() });
  return code;
}

interface Answer {
  readonly status: number;
  readonly body: string;
}

/** A raw HTTP request whose whole answer (status line, headers, body) is recorded. */
function http(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: unknown,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method,
        path,
        headers: {
          ...(text !== undefined
            ? { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) }
            : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const head = `HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n${res.rawHeaders
            .map((v, i) => (i % 2 === 0 ? `${v}: ` : `${v}\r\n`))
            .join("")}\r\n`;
          const bytes = Buffer.concat(chunks);
          httpAnswers += 1;
          // The request path is not part of the name: it may hold the token.
          artifacts.push({
            where: `HTTP answer #${httpAnswers} (${method} ${path.split("?")[0]} → ${res.statusCode})`,
            bytes: Buffer.concat([Buffer.from(head), bytes]),
          });
          resolve({ status: res.statusCode ?? 0, body: bytes.toString("utf8") });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(text);
  });
}

interface FeedMessage {
  readonly kind: string;
  readonly data: Record<string, unknown> & { [key: string]: unknown };
}

/** The dashboard's WebSocket, every message recorded. */
class Feed {
  readonly messages: FeedMessage[] = [];
  readonly closed: Promise<void>;
  private readonly ws: WebSocket;

  constructor(port: number, token: string) {
    this.ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`, {
      headers: { Origin: `http://127.0.0.1:${port}` },
    });
    this.ws.on("message", (data: Buffer) => {
      wsMessages += 1;
      artifacts.push({ where: `WebSocket message #${wsMessages}`, bytes: Buffer.from(data) });
      this.messages.push(JSON.parse(data.toString("utf8")) as FeedMessage);
    });
    this.closed = new Promise((resolve) => {
      this.ws.on("close", (code, reason) => {
        artifacts.push({ where: `WebSocket close (${code})`, bytes: Buffer.from(reason) });
        resolve();
      });
    });
    this.ws.on("error", () => undefined);
  }

  /** The first message from index `since` on that satisfies `match`. */
  waitFor(description: string, match: (m: FeedMessage) => boolean, since = 0): Promise<FeedMessage> {
    return waitFor(() => this.messages.slice(since).find(match), `${description} on the WebSocket`);
  }

  order(vtOrderid: string, status: string, since = 0): Promise<FeedMessage> {
    return this.waitFor(
      `order ${vtOrderid} ${status}`,
      (m) => m.kind === "order" && m.data.vtOrderid === vtOrderid && m.data.status === status,
      since,
    );
  }

  connected(side: "TRADE" | "MARKET", since: number): Promise<FeedMessage> {
    return this.waitFor(
      `${side} CONNECTED`,
      (m) => m.kind === "status" && m.data.side === side && m.data.state === "CONNECTED",
      since,
    );
  }

  log(text: string, since = 0): Promise<FeedMessage> {
    return this.waitFor(
      `a log with "${text}"`,
      (m) => m.kind === "log" && String(m.data.msg).includes(text),
      since,
    );
  }
}

/** Opens a WebSocket that should be refused; records the refusal. */
function refusedFeed(port: number, query: string, origin: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws${query}`, { headers: { Origin: origin } });
    ws.on("unexpected-response", (_req, res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        httpAnswers += 1;
        artifacts.push({
          where: `HTTP answer #${httpAnswers} (refused WebSocket → ${res.statusCode})`,
          bytes: Buffer.concat(chunks),
        });
        resolve(res.statusCode ?? 0);
      });
      ws.terminate();
    });
    ws.on("open", () => reject(new Error("the WebSocket was opened")));
    ws.on("error", () => undefined);
  });
}

const mockConfig = (trade: string, market: string) => {
  const config = structuredClone(demoConfigInput) as {
    accounts: Array<{ password: string }>;
    mdUsers: Array<{ password: string }>;
  };
  for (const account of config.accounts) account.password = trade;
  for (const user of config.mdUsers) user.password = market;
  return JSON.stringify(config, null, 2);
};

const order = (price: number, volume = 100, direction = "LONG") => ({
  symbol: "600000",
  exchange: "SSE",
  direction,
  type: "LIMIT",
  price,
  volume,
});

let mockConfigFile = "";

beforeAll(() => {
  for (const dir of [inputDir, workDir, ...Object.values(env)]) mkdirSync(dir, { recursive: true });
  mockConfigFile = input("mock-config.json", mockConfig(TRADE_PASSWORD, MARKET_PASSWORD));
});

afterAll(async () => {
  for (const { cli } of processes) {
    if (cli.child.exitCode === null && cli.child.signalCode === null) {
      cli.child.kill("SIGKILL");
      await cli.exited;
    }
  }
  rmSync(root, { recursive: true, force: true });
});

describe("runs with secret passwords", () => {
  it("a dashboard session: connects, trades, is refused, reconnects, reports status; SIGTERM", async () => {
    const trader = start("dashboard run", [
      "trader",
      "--port",
      "0",
      "--journal",
      "dashboard-journal.db",
      "--mock-config",
      mockConfigFile,
      "--subscribe",
      "600000.SSE,000001.SZSE",
      "--seed",
      "7",
    ]);
    const [, port, token] = (await trader.waitForOutput(
      /(?:dashboard|看板)\s+http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+)/,
    )) as [string, string, string];
    const p = Number(port);
    const auth = { "X-Tsgate-Token": token, Origin: `http://127.0.0.1:${p}` };
    const feed = new Feed(p, token);
    await feed.waitFor("the snapshot", (m) => m.kind === "snapshot");
    await feed.waitFor(
      "the contract of 600000.SSE",
      (m) =>
        (m.kind === "contract" && m.data.vtSymbol === "600000.SSE") ||
        (m.kind === "snapshot" && JSON.stringify(m.data.contracts).includes('"600000.SSE"')),
    );

    // The page and the token-free endpoints.
    expect((await http(p, "GET", "/")).status).toBe(200);
    expect((await http(p, "GET", "/app.js")).status).toBe(200);
    expect((await http(p, "GET", "/api/status")).status).toBe(200);
    // Refused without the token, with a wrong one, from another origin.
    expect((await http(p, "GET", "/api/state")).status).toBe(401);
    expect((await http(p, "GET", "/api/state", { "X-Tsgate-Token": `${token}x` })).status).toBe(403);
    expect((await http(p, "POST", "/api/order", {}, order(11.5))).status).toBe(401);
    expect(
      (await http(p, "POST", "/api/order", { ...auth, Origin: "http://evil.example" }, order(11.5))).status,
    ).toBe(403);
    expect(
      (
        await http(
          p,
          "POST",
          "/api/connect",
          { "X-Tsgate-Token": "nope" },
          { setting: { 交易密码: TRADE_PASSWORD } },
        )
      ).status,
    ).toBe(403);
    expect(await refusedFeed(p, "", `http://127.0.0.1:${p}`)).toBe(401);
    expect(await refusedFeed(p, `?token=${token}`, "http://evil.example")).toBe(403);

    // With the token (header, Bearer and query): state, subscribe, orders, cancels.
    expect((await http(p, "GET", "/api/state", auth)).status).toBe(200);
    expect((await http(p, "GET", `/api/state?token=${token}`)).status).toBe(200);
    const sub = await http(
      p,
      "POST",
      "/api/subscribe",
      { Authorization: `Bearer ${token}` },
      { vtSymbol: "601318.SSE" },
    );
    expect(sub.status).toBe(200);
    const send = async (body: unknown) => {
      const answer = await http(p, "POST", "/api/order", auth, body);
      expect(answer.status, answer.body).toBe(200);
      return (JSON.parse(answer.body) as { vtOrderid: string }).vtOrderid;
    };
    const filled = await send(order(12.98));
    await feed.order(filled, "ALLTRADED");
    const resting = await send(order(10.62));
    await feed.order(resting, "NOTTRADED");
    expect((await http(p, "POST", "/api/cancel", auth, { vtOrderid: resting })).status).toBe(200);
    await feed.order(resting, "CANCELLED");
    const rejected = await send(order(13.5));
    await feed.order(rejected, "REJECTED");
    expect((await http(p, "POST", "/api/order", auth, { ...order(11.5), direction: "UP" })).status).toBe(400);
    expect((await http(p, "POST", "/api/cancel", auth, { vtOrderid: filled })).status).toBe(409);
    expect((await http(p, "POST", "/api/cancel", auth, { vtOrderid: "HFT.nope" })).status).toBe(404);

    // Invalid settings (with the passwords in the request): refused, the connection is kept.
    const badPort = await http(p, "POST", "/api/connect", auth, {
      setting: { 交易端口: "80a", 交易密码: TRADE_PASSWORD, 行情密码: MARKET_PASSWORD },
    });
    expect(badPort.status).toBe(400);
    expect(badPort.body).toContain("交易端口");
    const tooLong = await http(p, "POST", "/api/connect", auth, {
      setting: { 交易密码: `${TRADE_PASSWORD}${"x".repeat(40)}` },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toContain("交易密码");

    // Wrong passwords: both logins are refused.
    const beforeWrong = feed.messages.length;
    const wrong = await http(p, "POST", "/api/connect", auth, {
      setting: { 交易密码: WRONG_TRADE_PASSWORD, 行情密码: WRONG_MARKET_PASSWORD },
    });
    expect(wrong.status).toBe(200);
    await feed.log("(1002)", beforeWrong);
    await feed.log("(5002)", beforeWrong);

    // The right passwords again: connected, and trading works.
    const beforeRight = feed.messages.length;
    const right = await http(p, "POST", "/api/connect", auth, {
      setting: { 交易密码: TRADE_PASSWORD, 行情密码: MARKET_PASSWORD },
    });
    expect(right.status).toBe(200);
    await feed.connected("TRADE", beforeRight);
    await feed.connected("MARKET", beforeRight);
    const afterReconnect = await send(order(12.98));
    await feed.order(afterReconnect, "ALLTRADED");
    expect((await http(p, "GET", "/api/state", auth)).status).toBe(200);

    const status = start("tsgate status", ["status", "--port", port]);
    expect(await finish("tsgate status", status)).toBe(0);
    expect(status.stdout()).toMatch(/HFT TRADE\s+CONNECTED/);

    trader.child.kill("SIGTERM");
    expect(await finish("dashboard run", trader)).toBe(0);
    expect(trader.stdout()).toMatch(/^(?:stopped|已停止)$/m);
    await feed.closed;
    expect(feed.messages.length).toBeGreaterThan(10);
  }, 120_000);

  it("a terminal session killed with SIGKILL", async () => {
    const trader = start("terminal run (SIGKILL)", [
      "trader",
      "--no-browser",
      "--port",
      "0",
      "--journal",
      "terminal-journal.db",
      "--mock-config",
      mockConfigFile,
      "--subscribe",
      "600000.SSE",
      // The English terminal texts waited for below (zh-CN: terminal-pty.test.ts).
      "--language",
      "en",
    ]);
    await trader.waitForOutput(/STATUS HFT TRADE CONNECTED/);
    await trader.waitForOutput(/Type "help" for commands/);
    // Orders are checked against the contract, which arrives after the login.
    await expect
      .poll(
        () => {
          trader.send("positions");
          return /600000\.SSE\s+10000\b/.test(trader.stdout());
        },
        { timeout: 30_000, interval: 300 },
      )
      .toBe(true);
    trader.send("buy 600000.SSE 12.98 100");
    await trader.waitForOutput(/TRADE \S+ 600000\.SSE BUY 100/);
    trader.send("status");
    trader.send("account");
    await trader.waitForOutput(/HFT\.demo\s+[\d.]+/);
    trader.child.kill("SIGKILL");
    expect(await finish("terminal run (SIGKILL)", trader)).toBe("SIGKILL");
  }, 120_000);

  it("runs that fail at start print what is wrong, without the passwords", async () => {
    const fail = async (name: string, args: readonly string[], code: number, says: string) => {
      const cli = start(name, args);
      expect(await finish(name, cli), `${name}\n${cli.stderr()}`).toBe(code);
      expect(cli.stderr()).toContain(says);
      expect(cli.stdout()).not.toContain("token=");
    };
    const setting = (trade: string, market: string, port: unknown) => ({
      交易用户名: "demo",
      交易密码: trade,
      交易服务器: "127.0.0.1",
      交易端口: port,
      行情用户名: "demo",
      行情密码: market,
      行情服务器: "127.0.0.1",
      行情端口: 9000,
    });
    // The password without quotes: V8's message would quote it.
    const unquoted = input(
      "unquoted.json",
      JSON.stringify(setting("@T", "@M", 8000))
        .replace('"@T"', TRADE_PASSWORD.replace(/"/g, ""))
        .replace('"@M"', MARKET_PASSWORD.replace(/"/g, "")),
    );
    await fail(
      "settings without quotes",
      ["trader", "--port", "0", "--settings", unquoted],
      2,
      "不是有效的 JSON",
    );
    // Not JSON at all (key=value): the whole text would be quoted.
    const ini = input("settings.ini", `交易密码=${TRADE_PASSWORD}\n`);
    await fail("settings as key=value", ["trader", "--port", "0", "--settings", ini], 2, "不是有效的 JSON");
    const badPort = input("bad-port.json", JSON.stringify(setting(TRADE_PASSWORD, MARKET_PASSWORD, "80a")));
    await fail("settings with a bad port", ["trader", "--port", "0", "--settings", badPort], 2, "交易端口");
    const mockIni = input("mock.ini", `password=${TRADE_PASSWORD}\nmdPassword=${MARKET_PASSWORD}\n`);
    await fail(
      "mock config as key=value",
      ["trader", "--port", "0", "--mock-config", mockIni],
      2,
      "不是有效的 JSON",
    );
    const mockLong = input(
      "mock-long.json",
      // Past the mock config's own limit (64 bytes), so the mock server refuses it.
      mockConfig(`${TRADE_PASSWORD}${"x".repeat(60)}`, MARKET_PASSWORD),
    );
    await fail(
      "mock config with a long password",
      ["trader", "--port", "0", "--mock-config", mockLong],
      2,
      "password",
    );

    let blocker: Server | undefined;
    try {
      blocker = createServer();
      await new Promise<void>((resolve) => blocker?.listen(0, "127.0.0.1", resolve));
      const { port } = blocker.address() as { port: number };
      await fail(
        "busy port",
        ["trader", "--port", String(port), "--mock-config", mockConfigFile],
        1,
        "已被占用",
      );
    } finally {
      await new Promise((resolve) => blocker?.close(resolve));
    }

    await fail("tsgate mock with a broken config", ["mock", "--config", mockIni], 2, "不是有效的 JSON");
    const mock = start("tsgate mock", [
      "mock",
      "--config",
      mockConfigFile,
      "--trade-port",
      "0",
      "--market-port",
      "0",
    ]);
    const [, tradePort, marketPort] = (await mock.waitForOutput(
      /tsgate-mock ready: trade 127\.0\.0\.1:(\d+), market 127\.0\.0\.1:(\d+)/,
    )) as [string, string, string];
    // tsgate doctor against it: right passwords (every step passes) and wrong ones (both logins
    // fail); its output and both report formats (written under work/) are scanned below.
    const doctorSetting = (trade: string, market: string) => ({
      ...setting(trade, market, Number(tradePort)),
      行情端口: Number(marketPort),
    });
    const doctorOk = input("doctor-ok.json", JSON.stringify(doctorSetting(TRADE_PASSWORD, MARKET_PASSWORD)));
    const doctorRun = start("tsgate doctor", [
      "doctor",
      "--settings",
      doctorOk,
      "--report",
      "doctor-report.json",
    ]);
    expect(await finish("tsgate doctor", doctorRun)).toBe(0);
    expect(existsSync(join(workDir, "doctor-report.json"))).toBe(true);
    const doctorWrong = input(
      "doctor-wrong.json",
      JSON.stringify(doctorSetting(WRONG_TRADE_PASSWORD, WRONG_MARKET_PASSWORD)),
    );
    const doctorWrongRun = start("tsgate doctor, wrong passwords", [
      "doctor",
      "--settings",
      doctorWrong,
      "--report",
      "doctor-report.txt",
      "--language",
      "en",
    ]);
    expect(await finish("tsgate doctor, wrong passwords", doctorWrongRun)).toBe(1);
    expect(doctorWrongRun.stdout()).toContain("wrong password (1002)");
    expect(doctorWrongRun.stdout()).toContain("wrong password (5002)");
    expect(existsSync(join(workDir, "doctor-report.txt"))).toBe(true);
    mock.child.kill("SIGINT");
    expect(await finish("tsgate mock", mock)).toBe(0);
  }, 240_000);
});

describe("what the runs wrote", () => {
  let files: Artifact[] = [];

  beforeAll(() => {
    files = filesUnder(root, inputFiles);
  });

  it("searches its own input files and finds the passwords there (the search works)", () => {
    const scanner = new LeakScanner(PASSWORDS);
    const own = filesUnder(inputDir);
    expect(own).toHaveLength(inputFiles.size);
    const found = new Set(scanner.scan(own).map((leak) => `${leak.secret} / ${leak.encoding}`));
    expect(found).toContain("trade password / as is");
    expect(found).toContain("market password / JSON-escaped");
    expect([...found].some((f) => f.startsWith("trade password / characters"))).toBe(true);
  });

  it("holds no password: not in output, files, WebSocket messages or HTTP answers", () => {
    const all = [...artifacts, ...files];
    const scanner = new LeakScanner(PASSWORDS);
    const leaks = scanner.scan(all);
    const bytes = (list: readonly Artifact[]) => list.reduce((sum, a) => sum + a.bytes.length, 0);
    console.info(
      `secrets scan: ${all.length} artifacts, ${bytes(all)} bytes, ${scanner.patternCount} patterns — ` +
        `${processes.length} processes (${bytes(artifacts.filter((a) => /: std(out|err)$/.test(a.where)))} bytes of output), ` +
        `${files.length} files (${bytes(files)} bytes), ${wsMessages} WebSocket messages ` +
        `(${bytes(artifacts.filter((a) => a.where.startsWith("WebSocket")))} bytes), ${httpAnswers} HTTP answers ` +
        `(${bytes(artifacts.filter((a) => a.where.startsWith("HTTP")))} bytes)` +
        (files.length > 0 ? `\n  files: ${files.map((f) => f.where.slice(5)).join(", ")}` : ""),
    );
    expect(wsMessages).toBeGreaterThan(10);
    // The order journals (and their WAL files) of both trader runs are among the files scanned.
    const names = files.map((f) => f.where);
    expect(names.some((n) => n.endsWith("dashboard-journal.db"))).toBe(true);
    expect(names.some((n) => /terminal-journal\.db(-wal)?$/.test(n))).toBe(true);
    expect(httpAnswers).toBeGreaterThan(10);
    expect(leaks, `passwords found:\n${formatLeaks(leaks)}`).toEqual([]);
  });

  it("holds each dashboard token once: in the startup line of its own run, nowhere else", () => {
    const runs = processes.filter(({ cli }) => /token=/.test(cli.stdout()));
    expect(runs.map((r) => r.name)).toEqual(["dashboard run", "terminal run (SIGKILL)"]);
    const tokens: Secret[] = [];
    const withoutStartupLines = [...artifacts, ...files].map((artifact) => {
      const run = runs.find(({ name }) => artifact.where === `${name}: stdout`);
      if (run === undefined) return artifact;
      const lines = run.cli.stdout().split("\n");
      const startup = lines.filter((line) => STARTUP_LINE.test(line));
      expect(startup, `${run.name}: one startup line`).toHaveLength(1);
      const token = STARTUP_LINE.exec(startup[0] ?? "")?.[1] ?? "";
      tokens.push({ label: `token of the ${run.name}`, value: token });
      const rest = lines.filter((line) => !STARTUP_LINE.test(line)).join("\n");
      return { where: artifact.where, bytes: Buffer.from(rest) };
    });
    expect(tokens).toHaveLength(2);
    for (const { value } of tokens) expect(value).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    const leaks = new LeakScanner(tokens).scan(withoutStartupLines);
    expect(leaks, `tokens found outside the startup line:\n${formatLeaks(leaks)}`).toEqual([]);
  });
});

describe("JSON syntax errors in files that hold passwords", () => {
  const describeText = (text: string) => {
    try {
      JSON.parse(text);
    } catch (err) {
      return describeJsonError(err, text);
    }
    throw new Error("expected a syntax error");
  };

  it("are described by line and column, never quoting the file", () => {
    const secret = `Pw${random()}`;
    const cases: Array<[string, RegExp]> = [
      [
        `{\n  "交易用户名": "demo",\n  "交易密码": ${secret}\n}`,
        /^Unexpected character at line 3, column 11$/,
      ],
      [`交易密码=${secret}\n`, /^Unexpected character at line 1, column 1$/],
      [secret, /^(Unexpected character at line 1, column 1|a syntax error.*)$/],
      [
        `{\n  "交易密码": "${secret}"\n  "行情密码": "${secret}"\n}`,
        /^Expected ',' or '}' after property value at line 3, column 3$/,
      ],
      [
        `{"交易密码": "${secret}"}}`,
        /^Unexpected non-whitespace character after the JSON value at line 1, column \d+$/,
      ],
      [`{"交易密码": "${secret}`, /^(Unterminated string at line 1, column \d+|the file ends too early)$/],
      [`{"交易密码": '${secret}'}`, /^(Unexpected character at line 1, column 10|a syntax error.*)$/],
    ];
    for (const [text, expected] of cases) {
      const description = describeText(text);
      expect(description, text).toMatch(expected);
      expect(description).not.toContain(secret.slice(0, PIECE_LENGTH));
    }
  });
});
