/**
 * `tsgate trader`: starts the dashboard on the embedded simulator (or on the server of a settings
 * file), prints the URL with its access token once, and stops cleanly on Ctrl-C / SIGTERM.
 *
 * @module
 */
import {
  ConnectionState,
  EVENT_GATEWAY_STATUS,
  EVENT_LOG,
  type EventHandler,
  LogLevel,
  SettingsError,
} from "@tsgate/core";
import { ConfigError } from "@tsgate/mock-server";
import {
  DEFAULT_HTTP_HOST,
  LOOPBACK_HOSTS,
  SHUTDOWN_TIMEOUT_MS,
  TERMINAL_TICKER_INTERVAL_MS,
} from "../constants.js";
import { InputError, reasonOf, TraderError } from "../errors.js";
import { readSettingFile } from "../gateway-settings.js";
import { settingsErrorText } from "../settings-error-text.js";
import { type Labeller, labeller } from "../shared/labels/labels.js";
import { startTrader, type TraderApp, type TraderOptions } from "../trader-app.js";
import { traderLanguage } from "../trader-language.js";
import { type CliIo, UsageError } from "./cli-io.js";
import { clock } from "./format.js";
import { httpPort, intOption, languageOption, usageLanguage } from "./options.js";
import { parseOptions } from "./parse-options.js";
import { startTerminalMode, type TerminalMode } from "./terminal-mode.js";
import { printUsageError, usageText } from "./usage.js";

interface TraderArgs {
  readonly options: TraderOptions;
  readonly terminal: boolean;
  readonly full: boolean;
  /** Interval of the terminal mode's TICKS line in ms; 0 turns it off. */
  readonly tickerMs: number;
}

function parseTraderArgs(argv: readonly string[], io: CliIo): TraderArgs {
  const values = parseOptions(argv, {
    settings: { type: "string" },
    journal: { type: "string" },
    strategy: { type: "string", multiple: true },
    "strategy-setting": { type: "string" },
    "strategy-store": { type: "string" },
    "backtest-report": { type: "string" },
    "no-browser": { type: "boolean" },
    full: { type: "boolean" },
    ticker: { type: "string" },
    port: { type: "string" },
    host: { type: "string" },
    subscribe: { type: "string" },
    language: { type: "string" },
    "mock-config": { type: "string" },
    "trade-port": { type: "string" },
    "market-port": { type: "string" },
    seed: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help === true) throw new HelpRequested();
  const str = (name: Exclude<keyof typeof values, "strategy">) =>
    typeof values[name] === "string" ? values[name] : undefined;
  const subscribe = str("subscribe")
    ?.split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  const tradePort = intOption("--trade-port", str("trade-port"), 0, 65535);
  const marketPort = intOption("--market-port", str("market-port"), 0, 65535);
  const seed = intOption("--seed", str("seed"), 0, 2 ** 32 - 1);
  const settingsFile = str("settings");
  const language = languageOption(str("language"));
  const options: TraderOptions = {
    host: str("host") ?? DEFAULT_HTTP_HOST,
    port: httpPort(str("port"), io.env),
    ...(settingsFile !== undefined ? { setting: readSettingFile(settingsFile) } : {}),
    ...(subscribe !== undefined ? { subscribe } : {}),
    ...(language !== undefined ? { language } : {}),
    ...(str("journal") !== undefined ? { journalPath: str("journal") } : {}),
    ...(Array.isArray(values.strategy) ? { strategyFiles: values.strategy } : {}),
    ...(str("strategy-setting") !== undefined ? { strategySettingFile: str("strategy-setting") } : {}),
    ...(str("strategy-store") !== undefined ? { strategyStorePath: str("strategy-store") } : {}),
    ...(str("backtest-report") !== undefined ? { backtestReportPath: str("backtest-report") } : {}),
    simulator: {
      ...(str("mock-config") !== undefined ? { configPath: str("mock-config") } : {}),
      ...(tradePort !== undefined ? { tradePort } : {}),
      ...(marketPort !== undefined ? { marketPort } : {}),
      ...(seed !== undefined ? { seed } : {}),
    },
  };
  const tickerSeconds = intOption("--ticker", str("ticker"), 0, 3600);
  return {
    options,
    terminal: values["no-browser"] === true,
    full: values.full === true,
    tickerMs: tickerSeconds === undefined ? TERMINAL_TICKER_INTERVAL_MS : tickerSeconds * 1000,
  };
}

class HelpRequested extends Error {}

/** Prints gateway status changes and warnings/errors in browser mode (the terminal mode prints everything). */
function watchQuietly(app: TraderApp, io: CliIo, t: Labeller): () => void {
  const engine = app.runtime.mainEngine.eventEngine;
  const onStatus: EventHandler<typeof EVENT_GATEWAY_STATUS> = (event) => {
    const s = event.data;
    const detail =
      s.state !== ConnectionState.CONNECTED && s.msg !== "" ? t("health.detail", { msg: s.msg }) : "";
    io.out(
      t("cli.gatewayStatus", {
        time: clock(),
        gateway: s.gatewayName,
        side: t(`cli.side.${s.side}`),
        // The READY status is a second CONNECTED one: say "ready", not "connected" twice.
        state: t(s.ready ? "state.READY" : `state.${s.state}`),
        detail,
      }),
    );
  };
  const onLog: EventHandler<typeof EVENT_LOG> = (event) => {
    if (event.data.level === LogLevel.WARNING || event.data.level === LogLevel.ERROR) {
      const { level, gatewayName: gateway, msg } = event.data;
      io.out(t("cli.logLine", { time: clock(), level, gateway, msg }));
    }
  };
  engine.register(EVENT_GATEWAY_STATUS, onStatus);
  engine.register(EVENT_LOG, onLog);
  return () => {
    engine.unregister(EVENT_GATEWAY_STATUS, onStatus);
    engine.unregister(EVENT_LOG, onLog);
  };
}

/** Runs `tsgate trader`; resolves with the exit code after shutdown. */
export async function runTrader(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed: TraderArgs;
  // Until the settings file is read, the --language among the arguments, else the environment's.
  const argsLanguage = usageLanguage(argv, io.env);
  try {
    parsed = parseTraderArgs(argv, io);
  } catch (err) {
    if (err instanceof HelpRequested) {
      io.out(usageText(argsLanguage, "trader"));
      return 0;
    }
    if (err instanceof UsageError) {
      printUsageError(io, argsLanguage, "trader", err.text);
      return 2;
    }
    if (err instanceof TraderError) {
      printUsageError(io, argsLanguage, "trader", reasonOf(err), false);
      return 2;
    }
    throw err;
  }
  const { options, terminal, full, tickerMs } = parsed;
  // Before the start the runtime's language is not known yet: the same rule, from the options.
  const startLanguage = traderLanguage(options.language ?? options.setting?.language, io.env);
  let t = labeller(startLanguage);
  const host = options.host ?? DEFAULT_HTTP_HOST;
  if (!LOOPBACK_HOSTS.has(host)) io.err(t("cli.hostWarning", { host }));

  let app: TraderApp;
  try {
    app = await startTrader({
      ...options,
      // The error is the web server's or Node's, not ours: its text is data (reasonOf).
      onError: (err) => io.err(t("cli.webServerError", { detail: reasonOf(err) })),
    });
  } catch (err) {
    // Mistakes in the user's input (settings, mock config, instruments) exit 2, like usage errors.
    const reason = err instanceof SettingsError ? settingsErrorText(startLanguage, err) : reasonOf(err);
    printUsageError(io, startLanguage, "trader", reason, false);
    return err instanceof SettingsError || err instanceof ConfigError || err instanceof InputError ? 2 : 1;
  }

  t = labeller(app.runtime.language);
  const sim = app.runtime.simulator;
  io.out(t("cli.title"));
  io.out(
    sim !== undefined
      ? t("cli.simulator", {
          trade: `${sim.host}:${sim.tradePort}`,
          market: `${sim.host}:${sim.marketPort}`,
        })
      : t("cli.server"),
  );
  io.out(t("cli.instruments", { list: app.runtime.subscriptionList.join(", ") }));
  const { strategies, loadErrors } = app.runtime.strategies.view();
  if (strategies.length > 0) io.out(t("cli.strategies", { list: strategies.map((s) => s.name).join(", ") }));
  for (const reason of loadErrors) io.err(t("term.error", { detail: reason }));
  const report = app.runtime.backtestReport;
  if (report.state === "error") io.err(t("term.error", { detail: report.reason }));
  // The only line that ever shows the token; the URL stays last on it, for scripts.
  io.out(t("cli.dashboard", { url: app.url }));
  io.out(t("cli.pressCtrlC"));

  return new Promise<number>((resolve) => {
    let terminalMode: TerminalMode | undefined;
    let unwatch: (() => void) | undefined;
    let stopping = false;
    const stop = (reason: string) => {
      if (stopping) return;
      stopping = true;
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
      process.once("SIGINT", onSecondSignal);
      process.once("SIGTERM", onSecondSignal);
      io.out(t("cli.shuttingDown", { reason }));
      terminalMode?.stop();
      unwatch?.();
      const timer = setTimeout(() => {
        io.err(t("cli.shutdownTimeout", { seconds: SHUTDOWN_TIMEOUT_MS / 1000 }));
        io.exit(1);
      }, SHUTDOWN_TIMEOUT_MS);
      timer.unref();
      app.close().then(
        () => {
          clearTimeout(timer);
          process.off("SIGINT", onSecondSignal);
          process.off("SIGTERM", onSecondSignal);
          io.out(t("cli.stopped"));
          resolve(0);
        },
        (err: unknown) => {
          clearTimeout(timer);
          io.err(t("cli.stopError", { detail: reasonOf(err) }));
          resolve(1);
        },
      );
    };
    const onInt = () => stop("SIGINT");
    const onTerm = () => stop("SIGTERM");
    const onSecondSignal = () => {
      io.err(t("cli.stoppingAtOnce"));
      io.exit(130);
    };
    process.on("SIGINT", onInt);
    process.on("SIGTERM", onTerm);
    if (terminal) {
      terminalMode = startTerminalMode({ runtime: app.runtime, io, full, tickerMs, onQuit: stop });
    } else {
      unwatch = watchQuietly(app, io, t);
    }
  });
}
