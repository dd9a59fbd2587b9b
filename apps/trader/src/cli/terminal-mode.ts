/**
 * The trader without a browser: prints orders, trades, logs, connection changes and a periodic
 * price line above a `tsgate> ` prompt (see terminal-screen.ts), and runs the commands typed.
 *
 * @module
 */
import {
  Direction,
  EVENT_GATEWAY_STATUS,
  EVENT_LOG,
  EVENT_ORDER,
  EVENT_TICK,
  EVENT_TRADE,
  type EventHandler,
  OrderType,
} from "@tsgate/core";
import { TERMINAL_TICKER_INTERVAL_MS } from "../constants.js";
import { InputError, reasonOf, TraderError } from "../errors.js";
import { parseOrderBody, parseVtSymbolInput } from "../order-input.js";
import { isUp } from "../shared/connection-states.js";
import { resolveId, shortenIdsInText, shortIds } from "../shared/display-id.js";
import { label, labeller } from "../shared/labels/labels.js";
import { checkOrder } from "../shared/order-checks.js";
import type { TraderRuntime } from "../trader-runtime.js";
import type { CliIo } from "./cli-io.js";
import {
  clock,
  type DisplayContext,
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
import { TerminalScreen } from "./terminal-screen.js";

/** Options of {@link startTerminalMode}. */
export interface TerminalModeOptions {
  readonly runtime: TraderRuntime;
  readonly io: CliIo;
  /** Show full order and trade ids (and the exact cost) instead of the short display ids. */
  readonly full?: boolean;
  /** Interval of the TICKS line in ms (default {@link TERMINAL_TICKER_INTERVAL_MS}); 0 turns it off. */
  readonly tickerMs?: number;
  /** Called on `quit`, Ctrl-C and at the end of input. */
  readonly onQuit: (reason: string) => void;
}

/** A running terminal mode. */
export interface TerminalMode {
  /** Stops printing and reading. */
  stop(): void;
}

/** Starts printing events and reading commands. */
export function startTerminalMode(options: TerminalModeOptions): TerminalMode {
  const { runtime, io } = options;
  const main = runtime.mainEngine;
  const engine = main.eventEngine;
  const full = options.full === true;
  let stopped = false;

  const t = labeller(runtime.language);
  const screen = new TerminalScreen(
    { input: io.input, output: io.output, error: io.error },
    (line) => {
      if (stopped) return;
      try {
        run(line);
      } catch (err) {
        // Another module's error (an engine's, Node's) is data: quoted in a Chinese line.
        screen.err(
          err instanceof TraderError
            ? err.messageIn(runtime.language)
            : t("term.error", { detail: reasonOf(err) }),
        );
      }
    },
    (reason) => {
      if (!stopped) options.onQuit(reason);
    },
  );
  const print = (line: string) => screen.out(`${clock()} ${line}`);
  const printLines = (lines: readonly string[]) => screen.outLines(lines);

  // Short ids are the shortest unique tails among every order the OMS knows (shared with the
  // dashboard), so they are computed afresh for each line.
  const shortOf = (vtId: string, known: readonly string[]) =>
    full ? vtId : (shortIds([...known, vtId]).get(vtId) ?? vtId);
  const ctx: DisplayContext = {
    full,
    language: runtime.language,
    priceTick: (vtSymbol) => main.getContract(vtSymbol)?.pricetick,
    // The id itself is included: an order just sent reaches the OMS only with its first event.
    orderId: (vtOrderid) =>
      shortOf(
        vtOrderid,
        main.getAllOrders().map((o) => o.vtOrderid),
      ),
    tradeId: (vtTradeid) =>
      shortOf(
        vtTradeid,
        main.getAllTrades().map((t) => t.vtTradeid),
      ),
  };

  /** Subscriptions asked for here and not yet confirmed by a tick or refused. */
  const awaited = new Set<string>();

  const onOrder: EventHandler<typeof EVENT_ORDER> = (event) => print(formatOrder(event.data, ctx));
  const onTrade: EventHandler<typeof EVENT_TRADE> = (event) => print(formatTrade(event.data, ctx));
  const onLog: EventHandler<typeof EVENT_LOG> = (event) => {
    const text = full
      ? event.data.msg
      : shortenIdsInText(event.data.msg, shortIds(main.getAllOrders().map((o) => o.vtOrderid)));
    print(`LOG ${event.data.level} ${event.data.gatewayName}: ${text}`);
  };
  const onStatus: EventHandler<typeof EVENT_GATEWAY_STATUS> = (event) => {
    const s = event.data;
    print(`STATUS ${s.gatewayName} ${s.side} ${s.state}${s.msg !== "" ? ` ${s.msg}` : ""}`);
  };
  let lastTickAt: number | undefined;
  const onTick: EventHandler<typeof EVENT_TICK> = (event) => {
    lastTickAt = Date.now();
    if (awaited.delete(event.data.vtSymbol)) print(t("term.subscribed", { vtSymbol: event.data.vtSymbol }));
  };
  /** Refusals already printed (each is printed once, also for subscriptions given at start). */
  const reported = new Set<string>();
  const offFailures = runtime.onChange((message) => {
    if (message.kind !== "subscriptionFailures") return;
    for (const vtSymbol of reported) if (!(vtSymbol in message.data)) reported.delete(vtSymbol);
    for (const [vtSymbol, reason] of Object.entries(message.data)) {
      awaited.delete(vtSymbol);
      if (reported.has(vtSymbol)) continue;
      reported.add(vtSymbol);
      print(t("term.subscribeFailed", { vtSymbol, reason }));
    }
  });
  engine.register(EVENT_ORDER, onOrder);
  engine.register(EVENT_TRADE, onTrade);
  engine.register(EVENT_LOG, onLog);
  engine.register(EVENT_GATEWAY_STATUS, onStatus);
  engine.register(EVENT_TICK, onTick);
  const tickerMs = options.tickerMs ?? TERMINAL_TICKER_INTERVAL_MS;
  const ticker =
    tickerMs > 0
      ? setInterval(() => {
          const ticks = main.getAllTicks();
          if (ticks.length === 0) return;
          // Prices of a market side that is down are the last received: say so, with their age.
          const market = main.getAllGatewayStatuses().find((s) => s.side === "MARKET");
          const stale =
            market !== undefined && !isUp(market.state)
              ? t("term.stale", {
                  state: label(runtime.language, `state.${market.state}`),
                  age:
                    lastTickAt !== undefined
                      ? t("term.staleAge", { seconds: Math.round((Date.now() - lastTickAt) / 1000) })
                      : "",
                })
              : "";
          print(`${formatTicker(ticks, ctx)}${stale}`);
        }, tickerMs)
      : undefined;
  ticker?.unref();

  const sendOrder = (direction: Direction, args: readonly string[]) => {
    const [instrument, priceText, volumeText] = args;
    if (instrument === undefined || priceText === undefined || volumeText === undefined) {
      screen.err(t("term.usageOrder", { command: direction === Direction.LONG ? "buy" : "sell" }));
      return;
    }
    const { symbol, exchange, vtSymbol } = parseVtSymbolInput(instrument);
    const market = /^(market|mkt)$/i.test(priceText);
    const req = parseOrderBody(
      {
        symbol,
        exchange,
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
      main.getContract(vtSymbol),
      runtime.language,
    );
    if (problems.length > 0) {
      screen.err(
        t("entry.notSent", { reason: problems.map((p) => p.text).join(t("entry.reasonSeparator")) }),
      );
      return;
    }
    print(`SENT ${ctx.orderId(runtime.sendOrder(req))}`);
  };

  const cancel = (typed: string | undefined) => {
    if (typed === undefined) {
      screen.err(t("term.usageCancel"));
      return;
    }
    const match = resolveId(
      typed,
      main.getAllOrders().map((o) => o.vtOrderid),
    );
    if (match.kind === "none") throw new InputError(t("term.noOrder", { id: typed }));
    if (match.kind === "many") {
      throw new InputError(
        t("term.ambiguous", {
          id: typed,
          count: match.vtIds.length,
          ids: match.vtIds.map((id) => ctx.orderId(id)).join(", "),
        }),
      );
    }
    runtime.cancelOrder(match.vtId);
    print(t("term.cancelRequested", { id: ctx.orderId(match.vtId) }));
  };

  const subscribe = (typed: string | undefined) => {
    if (typed === undefined) {
      screen.err("usage: subscribe <instrument>, e.g. subscribe 601318");
      return;
    }
    const { vtSymbol } = parseVtSymbolInput(typed);
    if (runtime.subscriptionList.includes(vtSymbol) && !runtime.subscriptionFailures.has(vtSymbol)) {
      print(t("term.alreadySubscribed", { vtSymbol }));
      return;
    }
    // Success is known only when the first tick comes (or the server refuses the code).
    awaited.add(vtSymbol);
    runtime.subscribe(vtSymbol);
    print(t("term.subscribing", { vtSymbol }));
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
      case "cancel":
        cancel(args[0]);
        return;
      case "orders":
        printLines(formatOrders(args[0] === "all" ? main.getAllOrders() : main.getAllActiveOrders(), ctx));
        return;
      case "trades":
        printLines(formatTrades(main.getAllTrades(), ctx));
        return;
      case "positions":
        printLines(formatPositions(main.getAllPositions(), ctx));
        return;
      case "account":
        printLines(formatAccounts(main.getAllAccounts(), runtime.language));
        return;
      case "ticks":
        printLines(formatTicks(main.getAllTicks(), ctx));
        return;
      case "subscribe":
      case "sub":
        subscribe(args[0]);
        return;
      case "status":
        for (const status of main.getAllGatewayStatuses()) {
          screen.out(
            `${status.gatewayName} ${status.side} ${status.state}${status.msg !== "" ? ` ${status.msg}` : ""}`,
          );
        }
        return;
      case "risk":
        printLines(formatRisk(runtime.riskSnapshot(), runtime.language));
        return;
      case "halt": {
        const result = runtime.halt(args.length > 0 ? args.join(" ") : t("term.haltReason"));
        const figures = { sent: result.cancelsSent, failed: result.cancelsFailed };
        print(t(result.cancelsFailed > 0 ? "term.haltedWithFailures" : "term.halted", figures));
        return;
      }
      case "resume":
        runtime.setTradingState("ACTIVE", t("term.resumeReason"));
        print(`RISK ${runtime.risk.state}`);
        return;
      case "help":
      case "?":
        screen.out(t("term.help"));
        return;
      case "quit":
      case "exit":
        options.onQuit("quit");
        return;
      default:
        screen.err(t("term.unknownCommand", { command: command ?? "" }));
    }
  };

  screen.out(t("term.typeHelp"));
  screen.start();

  return {
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(ticker);
      engine.unregister(EVENT_ORDER, onOrder);
      engine.unregister(EVENT_TRADE, onTrade);
      engine.unregister(EVENT_LOG, onLog);
      engine.unregister(EVENT_GATEWAY_STATUS, onStatus);
      engine.unregister(EVENT_TICK, onTick);
      offFailures();
      screen.close();
    },
  };
}
