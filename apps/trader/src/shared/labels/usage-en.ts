/**
 * The en usage texts of the `tsgate` commands (`--help`) and their usage errors: every code of
 * `usage-zh-cn.ts`, with the same placeholders. Option and command names stay as typed.
 *
 * @module
 */
import type { usageZhCN } from "./usage-zh-cn.js";

/** Every code of {@link usageZhCN}, in English. */
export const usageEn: { readonly [K in keyof typeof usageZhCN]: string } = {
  "usage.main": `Usage: tsgate <command> [options]

Commands:
  trader [--settings f.json] [--no-browser] [--port n]
                 web dashboard on the embedded simulator (or the server in f.json)
  mock [--config f] [--trade-port n] [--market-port n]
                 mock trade and market servers only (for another trader, or vnpy)
  status [--port n]
                 connection state of a running trader
  halt [--port n] [--reason text]
                 kill switch of a running trader: HALTED, every working order cancelled
                 (the access token from \${tokenEnv})
  doctor --settings f.json [--report file] [--language zh-CN|en]
                 checks settings, library, network, logins, data and clock, step by step

"tsgate <command> --help" describes each command's options.
`,
  "usage.trader": `Usage: tsgate trader [options]

Starts the web dashboard. Without --settings it runs on the embedded simulator (mock trade and
market servers with a demo account) through the real HFT gateway and native library.

  --settings <file.json>    connect to the server in this settings file (keys {firstKey} … {lastKey})
                            instead of the embedded simulator
  --journal <file.db>       order journal (SQLite): after a restart, order ids continue, trades are
                            not pushed twice and the day's orders come back (for a real server)
  --strategy <file.js>      run the StrategyTemplate classes this ES module exports (repeat for more
                            files); they are listed on the dashboard's Strategies page, not inited
  --strategy-setting <file> which strategies to add: { "name": { "className", "vtSymbols", "setting" } };
                            without it, each class once, named after it, on the first instrument
  --strategy-store <file>   keep the strategies' parameters, variables and positions in this JSON file
                            across restarts (saved on stop, restored on init; default: in memory)
  --backtest-report <file>  show this backtest result (resultToJson) on the Backtest report page
                            (a file that cannot be used is reported; the trader runs on without it)
  --no-browser              terminal mode: print orders/trades and read commands on stdin
  --full                    terminal mode: full order and trade ids instead of the short ones
  --ticker <seconds>        terminal mode: interval of the TICKS price line (default {ticker}; 0 = off)
  --port <n>                dashboard port (default {port}, or \${portEnv}; 0 = any free port)
  --host <address>          dashboard interface (default {host}; others print a warning)
  --language <zh-CN|en>     language of the trader's texts and the gateway's log lines (default: the
                            settings file's "language", else from LC_ALL / LC_MESSAGES / LANG, else zh-CN)
  --subscribe <list>        instruments to subscribe, e.g. 600000.SSE,000001.SZSE (default: the demo set)
  --mock-config <file>      simulator config (default: the built-in demo config)
  --trade-port <n>          simulator trade port (default: any free port)
  --market-port <n>         simulator market port (default: any free port)
  --seed <n>                simulator market seed
  -h, --help                show this help
`,
  "usage.status": `Usage: tsgate status [--port <n>] [--host <address>]

Prints the connection state of the tsgate trader running on this machine.
Exit code 0 when a trader answers, 1 when none is running.

  --port <n>          its dashboard port (default {port}, or \${portEnv})
  --host <address>    its interface (default {host})
  -h, --help          show this help
`,
  "usage.halt": `Usage: tsgate halt [--port <n>] [--host <address>] [--reason <text>]

The kill switch of the tsgate trader running on this machine: trading becomes HALTED (no new
order; cancels only) and every working order of every gateway is cancelled.

The access token printed when the trader started is read from \${tokenEnv}
(or --token <t>, which other users of the machine can see in the process list).
Exit code 0 when the trader halted, 1 when none answers or it refused, 2 on bad usage.

  --port <n>          its dashboard port (default {port}, or \${portEnv})
  --host <address>    its interface (default {host})
  --reason <text>     why, for the trader's log (default "{reason}")
  -h, --help          show this help
`,
  "usage.doctor": `Usage: tsgate doctor --settings <file.json> [options]

Runs the connection checklist against the settings you would connect with and prints one line
per step (passed, failed, warning, skipped) with what was found and what to do next:
settings, HFT library, each server's network and protocol, trade and market login, the queries
after login, a first tick, clock skew. Exit code 0 when no step failed, 1 when one did.

  --settings <file.json>    the settings (keys {firstKey} … {lastKey}, as for tsgate trader)
  --report <file>           also write a report without passwords for the broker's support:
                            JSON when the name ends in .json, else text
  --language <zh-CN|en>     language of the output (default from LC_ALL / LC_MESSAGES / LANG)
  --symbol <code>           code to subscribe for the tick check, e.g. 600000.SSE (default: the
                            first contract)
  --tick-timeout <ms>       how long to wait for a tick (default {tickTimeout})
  -h, --help                show this help
`,
  "usage.mock": `tsgate mock runs the mock trade and market servers of @tsgate/mock-server (its tsgate-mock
command) and passes every option on to it. Its own usage follows, in English, as tsgate-mock
prints it:
`,
  "usage.error": "tsgate {command}: {reason}",
  "usage.mainError": "tsgate: {reason}",
  "usage.unknownCommand": 'unknown command "{command}"',
  "usage.unknownOption": "unknown option {option}",
  "usage.missingValue": "{option} needs a value",
  "usage.noValue": "{option} takes no value",
  "usage.ambiguousValue": "{option}: {value} looks like an option; write {option}={value} if it is the value",
  "usage.unexpectedArgument": "unexpected argument {arg} (options only)",
  "usage.integer": "{option}: expected an integer {min}-{max}, got {got}",
  "usage.language": "--language: expected one of {languages}, got {got}",
  "usage.portZero": "--port 0 names no trader; give the port it listens on",
  "usage.noToken": "no access token: set {env} to the token the trader printed at its start",
  "usage.settingsRequired": "--settings <file.json> is required",
};
