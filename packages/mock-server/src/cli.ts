/**
 * `tsgate-mock`: runs the trade and market servers until Ctrl-C.
 *
 *   tsgate-mock [--config <file>] [--trade-port 8000] [--market-port 9000] [--seed N] [--host 127.0.0.1]
 *
 * Exit codes: 0 after a clean shutdown, 1 on a startup failure (e.g. port in use), 2 on bad
 * arguments or an invalid config (each problem printed with its field).
 */
import { createInterface, type Interface } from "node:readline";
import { parseArgs } from "node:util";
import { booksLines, feeLines } from "./books-text.js";
import { ConfigError } from "./domain/index.js";
import { DEFAULT_HOST, DEFAULT_MARKET_PORT, DEFAULT_TRADE_PORT } from "./protocol/constants.js";
import type { ServerSide } from "./server/framed-server.js";
import { type MockControl, type MockServerOptions, startMockServers } from "./server/mock-servers.js";

const USAGE = `Usage: tsgate-mock [options]

  --config <file>            JSON config (default: the built-in demo config)
  --trade-port <port>        trade server port (default ${DEFAULT_TRADE_PORT}; 0 = any free port)
  --market-port <port>       market server port (default ${DEFAULT_MARKET_PORT}; 0 = any free port)
  --host <address>           interface to bind (default ${DEFAULT_HOST})
  --seed <n>                 market simulation seed (default: the config's)
  --market-rate <hz>         market steps per second (default: from the config)
  --heartbeat-interval <ms>  server heartbeat interval (default 1000)
  --heartbeat-timeout <ms>   close silent connections after this long (default 5000)
  --start <time>             run a simulated clock from this time (e.g. 2026-11-27T09:14:00+08:00)
  --speed <x>                simulated clock speed, simulated per real second (default 1; 0 = stopped)
  Faults from the start:
  --reject-logins <n>        reject the next n trade logins (1005)
  --reject-orders <n>        reject the next n orders (2015)
  --delay-reports <ms>       delay every report
  --duplicate-reports        send every report twice
  --reorder-reports          swap adjacent pairs of reports
  --commands                 read fault commands from stdin (on by default in a terminal; type "help")
  -h, --help                 show this help
`;

const COMMANDS_HELP = `commands:
  connections                    list connections
  drop [trade|market] [who]      drop connections (all, one side, or one account/user)
  drop-id <id>                   drop one connection
  stall <ms> [trade|market] [who]
  delay-reports <ms> | duplicate-reports on|off | reorder-reports on|off
  pause-md | resume-md
  reject-logins <n> [trade|market] | reject-orders <n>
  restart trade|market [downMs]
  step [n]                       advance the market n steps
  counters <account>             programmatic-trading counters of an account today
  books <account>                cash, positions and fees paid by part (commission, stamp duty, transfer fee)
  fees <account>                 today's fills of an account with the parts of each fee
  advance <ms>                   move the simulated clock forward (with --start)
  speed <x>                      change the simulated clock's speed (with --start)
  reset                          turn off report and market-data faults`;

/** Where the CLI writes; replaceable in tests. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const defaultIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

class UsageError extends Error {}

function intOption(
  values: Record<string, unknown>,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name}: expected an integer ${min}-${max}, got "${String(raw)}"`);
  }
  return n;
}

function timestamp(): string {
  return new Date().toISOString();
}

function side(word: string | undefined): ServerSide | undefined {
  return word === "trade" || word === "market" ? word : undefined;
}

/** Runs one stdin command against the control handle. */
async function runCommand(control: MockControl, line: string, print: (s: string) => void): Promise<void> {
  const [cmd, ...args] = line.trim().split(/\s+/);
  const a0 = args[0];
  const a1 = args[1];
  const num = (s: string | undefined, dflt?: number): number => {
    const n = s === undefined ? dflt : Number(s);
    if (n === undefined || !Number.isFinite(n) || n < 0)
      throw new UsageError(`expected a number, got "${s}"`);
    return n;
  };
  const filterOf = (words: string[]) => {
    const s = side(words[0]);
    const who = s ? words[1] : words[0];
    return { ...(s ? { side: s } : {}), ...(who ? { principal: who } : {}) };
  };
  switch (cmd) {
    case undefined:
    case "":
      return;
    case "help":
      print(COMMANDS_HELP);
      return;
    case "advance":
      control.advanceClock(num(a0));
      return;
    case "speed":
      control.setClockSpeed(num(a0));
      return;
    case "counters": {
      if (a0 === undefined) throw new UsageError("counters: expected an account id");
      const c = control.programmaticCounts(a0);
      print(
        `${a0} ${c.tradingDay}: orders ${c.orders}, cancels ${c.cancels} (instant ${c.instantCancels}), total ${c.total}, peak ${c.peakPerSecond}/s${c.highFrequency ? ", HIGH-FREQUENCY" : ""}`,
      );
      return;
    }
    case "books":
      if (a0 === undefined) throw new UsageError("books: expected an account id");
      for (const l of booksLines(a0, control.books(a0))) print(l);
      return;
    case "fees":
      if (a0 === undefined) throw new UsageError("fees: expected an account id");
      for (const l of feeLines(a0, control.tradesWithFees(a0))) print(l);
      return;
    case "connections":
      for (const c of control.connections()) {
        print(
          `#${c.id} ${c.side} ${c.remote} ${c.principal ?? "(not logged in)"}${c.stalled ? " stalled" : ""}`,
        );
      }
      return;
    case "drop":
      control.dropConnections(filterOf(args));
      return;
    case "drop-id":
      control.dropConnections({ id: num(a0) });
      return;
    case "stall":
      control.stallConnections(num(a0), filterOf(args.slice(1)));
      return;
    case "delay-reports":
      control.delayReports(num(a0));
      return;
    case "duplicate-reports":
      control.duplicateReports(a0 !== "off");
      return;
    case "reorder-reports":
      control.reorderReports(a0 !== "off");
      return;
    case "pause-md":
      control.pauseMarketData();
      return;
    case "resume-md":
      control.resumeMarketData();
      return;
    case "reject-logins":
      control.rejectNextLogins(num(a0), side(a1) ?? "trade");
      return;
    case "reject-orders":
      control.rejectNextOrders(num(a0));
      return;
    case "restart": {
      const s = side(a0);
      if (!s) throw new UsageError("restart trade|market [downMs]");
      await control.restartServer(s, num(a1, 0));
      return;
    }
    case "step":
      control.stepMarket(num(a0, 1));
      return;
    case "reset":
      control.resetFaults();
      return;
    default:
      throw new UsageError(`unknown command "${cmd}" (type "help")`);
  }
}

/**
 * Runs the CLI. Resolves with the exit code once the servers have closed (after SIGINT/SIGTERM),
 * or at once on a usage or config error.
 */
export async function runCli(argv: string[], io: CliIo = defaultIo): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        config: { type: "string" },
        "trade-port": { type: "string" },
        "market-port": { type: "string" },
        host: { type: "string" },
        seed: { type: "string" },
        "market-rate": { type: "string" },
        "heartbeat-interval": { type: "string" },
        "heartbeat-timeout": { type: "string" },
        start: { type: "string" },
        speed: { type: "string" },
        "reject-logins": { type: "string" },
        "reject-orders": { type: "string" },
        "delay-reports": { type: "string" },
        "duplicate-reports": { type: "boolean" },
        "reorder-reports": { type: "boolean" },
        commands: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (err) {
    io.err(`tsgate-mock: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }

  const log = (line: string) => io.out(`${timestamp()} ${line}`);
  const options: MockServerOptions = { log };
  let faults: { logins?: number; orders?: number; delay?: number };
  try {
    if (typeof values.config === "string") options.config = values.config;
    options.tradePort = intOption(values, "trade-port", 0, 65535) ?? DEFAULT_TRADE_PORT;
    options.marketPort = intOption(values, "market-port", 0, 65535) ?? DEFAULT_MARKET_PORT;
    if (typeof values.host === "string") options.host = values.host;
    const seed = intOption(values, "seed", 0, 2 ** 32 - 1);
    if (seed !== undefined) options.seed = seed;
    const rate = intOption(values, "market-rate", 0, 100_000);
    if (rate !== undefined) options.marketRateHz = rate;
    const hbi = intOption(values, "heartbeat-interval", 0, 3_600_000);
    if (hbi !== undefined) options.heartbeatIntervalMs = hbi;
    const hbt = intOption(values, "heartbeat-timeout", 0, 3_600_000);
    if (hbt !== undefined) options.heartbeatTimeoutMs = hbt;
    if (typeof values.speed === "string" && typeof values.start !== "string") {
      throw new UsageError("--speed needs --start (the simulated clock's start time)");
    }
    if (typeof values.start === "string") {
      const speed = values.speed === undefined ? 1 : Number(values.speed);
      if (!Number.isFinite(speed) || speed < 0) {
        throw new UsageError(`--speed: expected a number ≥ 0, got "${String(values.speed)}"`);
      }
      options.clock = { start: values.start, speed };
    }
    faults = {};
    const logins = intOption(values, "reject-logins", 0, 1_000_000);
    if (logins !== undefined) faults.logins = logins;
    const orders = intOption(values, "reject-orders", 0, 1_000_000);
    if (orders !== undefined) faults.orders = orders;
    const delay = intOption(values, "delay-reports", 0, 3_600_000);
    if (delay !== undefined) faults.delay = delay;
  } catch (err) {
    io.err(`tsgate-mock: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }

  let mock: Awaited<ReturnType<typeof startMockServers>>;
  try {
    mock = await startMockServers(options);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(`tsgate-mock: invalid config ${String(values.config ?? "")}:`);
      for (const issue of err.issues) io.err(`  ${issue.path || "(root)"}: ${issue.message}`);
      return 2;
    }
    const message = err instanceof Error ? err.message : String(err);
    if (message.startsWith("config ")) {
      io.err(`tsgate-mock: ${message}`);
      return 2;
    }
    io.err(`tsgate-mock: cannot start: ${message}`);
    return 1;
  }

  const { control } = mock;
  if (faults.logins) control.rejectNextLogins(faults.logins);
  if (faults.orders) control.rejectNextOrders(faults.orders);
  if (faults.delay) control.delayReports(faults.delay);
  if (values["duplicate-reports"]) control.duplicateReports(true);
  if (values["reorder-reports"]) control.reorderReports(true);
  log(
    `tsgate-mock ready: trade ${mock.host}:${mock.tradePort}, market ${mock.host}:${mock.marketPort} (Ctrl-C to stop)`,
  );

  let rl: Interface | undefined;
  if (values.commands || (values.commands === undefined && process.stdin.isTTY)) {
    rl = createInterface({ input: process.stdin });
    rl.on("line", (line) => {
      runCommand(control, line, (s) => io.out(s)).catch((err: Error) => io.err(err.message));
    });
  }

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      log(`${signal}: shutting down`);
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
      rl?.close();
      if (rl) process.stdin.pause();
      mock.close().then(
        () => resolve(0),
        (err: Error) => {
          io.err(`tsgate-mock: error while closing: ${err.message}`);
          resolve(1);
        },
      );
    };
    const onInt = () => stop("SIGINT");
    const onTerm = () => stop("SIGTERM");
    process.on("SIGINT", onInt);
    process.on("SIGTERM", onTerm);
  });
}
