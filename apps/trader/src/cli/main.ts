/**
 * The `tsgate` command: `tsgate trader`, `tsgate mock`, `tsgate status`, `tsgate halt`, `tsgate doctor`.
 *
 * @module
 */
import { traderLanguage } from "../trader-language.js";
import { type CliIo, processIo } from "./cli-io.js";
import { runDoctorCommand } from "./doctor-command.js";
import { runHalt } from "./halt-command.js";
import { runMock } from "./mock-command.js";
import { runStatus } from "./status-command.js";
import { runTrader } from "./trader-command.js";
import { printUsageError, usageText } from "./usage.js";

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
      io.out(usageText(traderLanguage(undefined, io.env), "main"));
      return command === undefined ? 2 : 0;
    default:
      printUsageError(io, traderLanguage(undefined, io.env), "main", {
        label: "usage.unknownCommand",
        params: { command },
      });
      return 2;
  }
}
