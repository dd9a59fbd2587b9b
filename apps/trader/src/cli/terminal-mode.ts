/**
 * The trader without a browser: prints orders, trades, logs, connection changes and a periodic
 * price line, and runs simple commands typed on stdin.
 *
 * @module
 */
import { createInterface, type Interface } from "node:readline";
import {
  type ContractData,
  Direction,
  EVENT_GATEWAY_STATUS,
  EVENT_LOG,
  EVENT_ORDER,
  EVENT_TRADE,
  type EventHandler,
  OrderType,
} from "@tsgate/core";
import { TERMINAL_TICKER_INTERVAL_MS } from "../constants.js";
import { TraderError } from "../errors.js";
import { parseOrderBody } from "../order-input.js";
import { checkOrder } from "../shared/order-checks.js";
import type { TraderRuntime } from "../trader-runtime.js";
import type { CliIo } from "./cli-io.js";
import {
  clock,
  formatAccounts,
  formatOrder,
  formatOrders,
  formatPositions,
  formatRisk,
  formatTicker,
  formatTicks,
  formatTrade,
  formatTrades,
} from "./format.js";

export const TERMINAL_HELP = `commands:
  buy <instrument> <price|market> <volume>    e.g. buy 600000.SSE 10.50 100
  sell <instrument> <price|market> <volume>   e.g. sell 600000.SSE market 100
  cancel <order id>                           cancel a working order (id as printed, e.g. HFT.123...)
  orders [all]                                working orders (all: every order)
  trades | positions | account | ticks        current state
  subscribe <instrument>                      add market data, e.g. subscribe 601318.SSE
  status                                      connection state
  risk                                        trading state and every risk limit with its figure
  halt [reason]                               kill switch: HALTED, every working order cancelled
  resume                                      trading ACTIVE again after a halt
  help                                        this list
  quit                                        stop the trader`;

/** Options of {@link startTerminalMode}. */
export interface TerminalModeOptions {
  readonly runtime: TraderRuntime;
  readonly io: CliIo;
  /** Called on `quit` and at the end of input. */
  readonly onQuit: (reason: string) => void;
}

/** A running terminal mode. */
export interface TerminalMode {
  /** Stops printing and reading. */
  stop(): void;
}

function contractOf(runtime: TraderRuntime, vtSymbol: string): ContractData | undefined {
  return runtime.mainEngine.getContract(vtSymbol);
}

/** Starts printing events and reading commands. */
export function startTerminalMode(options: TerminalModeOptions): TerminalMode {
  const { runtime, io } = options;
  const main = runtime.mainEngine;
  const engine = main.eventEngine;
  const print = (line: string) => io.out(`${clock()} ${line}`);
  const printLines = (lines: readonly string[]) => {
    for (const line of lines) io.out(line);
  };

  const onOrder: EventHandler<typeof EVENT_ORDER> = (event) => print(formatOrder(event.data));
  const onTrade: EventHandler<typeof EVENT_TRADE> = (event) => print(formatTrade(event.data));
  const onLog: EventHandler<typeof EVENT_LOG> = (event) =>
    print(`LOG ${event.data.level} ${event.data.gatewayName}: ${event.data.msg}`);
  const onStatus: EventHandler<typeof EVENT_GATEWAY_STATUS> = (event) => {
    const s = event.data;
    print(`STATUS ${s.gatewayName} ${s.side} ${s.state}${s.msg !== "" ? ` ${s.msg}` : ""}`);
  };
  engine.register(EVENT_ORDER, onOrder);
  engine.register(EVENT_TRADE, onTrade);
  engine.register(EVENT_LOG, onLog);
  engine.register(EVENT_GATEWAY_STATUS, onStatus);
  const ticker = setInterval(() => {
    const ticks = main.getAllTicks();
    if (ticks.length > 0) print(formatTicker(ticks));
  }, TERMINAL_TICKER_INTERVAL_MS);
  ticker.unref();

  const sendOrder = (direction: Direction, args: readonly string[]) => {
    const [vtSymbol, priceText, volumeText] = args;
    if (vtSymbol === undefined || priceText === undefined || volumeText === undefined) {
      io.err(`usage: ${direction === Direction.LONG ? "buy" : "sell"} <instrument> <price|market> <volume>`);
      return;
    }
    const dot = vtSymbol.lastIndexOf(".");
    const market = /^(market|mkt)$/i.test(priceText);
    const req = parseOrderBody(
      {
        symbol: dot > 0 ? vtSymbol.slice(0, dot) : vtSymbol,
        exchange: dot > 0 ? vtSymbol.slice(dot + 1).toUpperCase() : "",
        direction,
        type: market ? OrderType.MARKET : OrderType.LIMIT,
        price: market ? 0 : priceText,
        volume: volumeText,
      },
      "terminal",
    );
    const problems = checkOrder(
      {
        direction: req.direction === Direction.LONG ? "LONG" : "SHORT",
        type: market ? "MARKET" : "LIMIT",
        price: req.price,
        volume: req.volume,
      },
      contractOf(runtime, req.vtSymbol),
    );
    if (problems.length > 0) {
      io.err(`not sent: ${problems.join("; ")}`);
      return;
    }
    print(`SENT ${runtime.sendOrder(req)}`);
  };

  const run = (line: string) => {
    const [command, ...args] = line.trim().split(/\s+/);
    switch (command?.toLowerCase()) {
      case undefined:
      case "":
        return;
      case "buy":
        sendOrder(Direction.LONG, args);
        return;
      case "sell":
        sendOrder(Direction.SHORT, args);
        return;
      case "cancel": {
        const id = args[0];
        if (id === undefined) {
          io.err("usage: cancel <order id>");
          return;
        }
        const vtOrderid = id.includes(".") ? id : `${runtime.gatewayName}.${id}`;
        runtime.cancelOrder(vtOrderid);
        print(`CANCEL requested for ${vtOrderid}`);
        return;
      }
      case "orders":
        printLines(formatOrders(args[0] === "all" ? main.getAllOrders() : main.getAllActiveOrders()));
        return;
      case "trades":
        printLines(formatTrades(main.getAllTrades()));
        return;
      case "positions":
        printLines(formatPositions(main.getAllPositions()));
        return;
      case "account":
        printLines(formatAccounts(main.getAllAccounts()));
        return;
      case "ticks":
        printLines(formatTicks(main.getAllTicks()));
        return;
      case "subscribe":
      case "sub":
        runtime.subscribe(args[0] ?? "");
        print(`SUBSCRIBED ${runtime.subscriptionList.join(", ")}`);
        return;
      case "status":
        for (const status of main.oms.getAllGatewayStatuses()) {
          io.out(
            `${status.gatewayName} ${status.side} ${status.state}${status.msg !== "" ? ` ${status.msg}` : ""}`,
          );
        }
        return;
      case "risk":
        printLines(formatRisk(runtime.riskSnapshot()));
        return;
      case "halt": {
        const result = runtime.halt(args.length > 0 ? args.join(" ") : "halt typed in the terminal");
        print(
          `HALTED; ${result.cancelsSent} cancel(s) sent${result.cancelsFailed > 0 ? `, ${result.cancelsFailed} failed` : ""}`,
        );
        return;
      }
      case "resume":
        runtime.setTradingState("ACTIVE", "resume typed in the terminal");
        print(`RISK ${runtime.risk.state}`);
        return;
      case "help":
      case "?":
        io.out(TERMINAL_HELP);
        return;
      case "quit":
      case "exit":
        options.onQuit("quit");
        return;
      default:
        io.err(`unknown command "${command}" (type help)`);
    }
  };

  // Not a readline "terminal": Ctrl-C stays a process signal and stops the trader like in browser mode.
  const rl: Interface = createInterface({ input: io.input, terminal: false });
  let stopped = false;
  rl.on("line", (line) => {
    if (stopped) return;
    try {
      run(line);
    } catch (err) {
      io.err(err instanceof TraderError ? err.message : `error: ${(err as Error).message}`);
    }
  });
  rl.on("close", () => {
    if (!stopped) options.onQuit("end of input");
  });
  io.out('Type "help" for commands.');

  return {
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(ticker);
      engine.unregister(EVENT_ORDER, onOrder);
      engine.unregister(EVENT_TRADE, onTrade);
      engine.unregister(EVENT_LOG, onLog);
      engine.unregister(EVENT_GATEWAY_STATUS, onStatus);
      rl.close();
    },
  };
}
