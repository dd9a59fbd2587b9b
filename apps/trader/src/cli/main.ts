/**
 * The `tsgate` command: `tsgate trader`, `tsgate mock`, `tsgate status`, `tsgate halt`, `tsgate doctor`.
 *
 * @module
 */
import { type CliIo, processIo } from "./cli-io.js";
import { runDoctorCommand } from "./doctor-command.js";
import { runHalt } from "./halt-command.js";
import { runMock } from "./mock-command.js";
import { runStatus } from "./status-command.js";
import { runTrader } from "./trader-command.js";

export const USAGE = `Usage: tsgate <command> [options]

Commands:
  trader [--settings f.json] [--no-browser] [--port n]
                 web dashboard on the embedded simulator (or the server in f.json)
  mock [--config f] [--trade-port n] [--market-port n]
                 mock trade and market servers only (for another trader, or vnpy)
  status [--port n]
                 connection state of a running trader
  halt [--port n] [--reason text]
                 kill switch of a running trader: HALTED, every working order cancelled
                 (the access token from $TSGATE_TOKEN)
  doctor --settings f.json [--report file] [--language zh-CN|en]
                 checks settings, library, network, logins, data and clock, step by step

"tsgate <command> --help" describes each command's options.
`;

/** Runs the CLI; resolves with the process exit code. */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "trader":
      return runTrader(rest, io);
    case "mock":
      return runMock(rest, io);
    case "status":
      return runStatus(rest, io);
    case "halt":
      return runHalt(rest, io);
    case "doctor":
      return runDoctorCommand(rest, io);
    case undefined:
    case "help":
    case "-h":
    case "--help":
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    default:
      io.err(`tsgate: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}
