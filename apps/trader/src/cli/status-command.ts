/**
 * `tsgate status`: asks a running trader's HTTP API for its connection state.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { DEFAULT_HTTP_HOST, DEFAULT_HTTP_PORT, PORT_ENV } from "../constants.js";
import { labeller } from "../shared/labels/labels.js";
import type { StatusAnswer } from "../shared/protocol.js";
import { traderLanguage } from "../trader-language.js";
import { type CliIo, UsageError } from "./cli-io.js";
import { httpPort } from "./options.js";
import { requestTrader, type TraderAnswer, unreachableReason } from "./trader-http.js";

export const STATUS_USAGE = `Usage: tsgate status [--port <n>] [--host <address>]

Prints the connection state of the tsgate trader running on this machine.
Exit code 0 when a trader answers, 1 when none is running.

  --port <n>          its dashboard port (default ${DEFAULT_HTTP_PORT}, or $${PORT_ENV})
  --host <address>    its interface (default ${DEFAULT_HTTP_HOST})
`;

function isStatusAnswer(value: unknown): value is StatusAnswer {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { app?: unknown }).app === "tsgate-trader" &&
    Array.isArray((value as { statuses?: unknown }).statuses)
  );
}

/** Runs `tsgate status`; resolves with the exit code. */
export async function runStatus(argv: readonly string[], io: CliIo): Promise<number> {
  let port: number;
  let host: string;
  try {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: { port: { type: "string" }, host: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
    if (values.help === true) {
      io.out(STATUS_USAGE);
      return 0;
    }
    port = httpPort(values.port, io.env);
    host = values.host ?? DEFAULT_HTTP_HOST;
    if (port === 0) throw new UsageError("--port 0 names no trader; give the port it listens on");
  } catch (err) {
    io.err(`tsgate status: ${(err as Error).message}\n\n${STATUS_USAGE}`);
    return 2;
  }
  const language = traderLanguage(undefined, io.env);
  const t = labeller(language);
  const where = `${host.includes(":") ? `[${host}]` : host}:${port}`;
  const notRunning = (why: string) => {
    io.err(t("cli.noTrader", { where, why }));
    return 1;
  };

  let answer: TraderAnswer;
  try {
    answer = await requestTrader({ host, port, method: "GET", path: "/api/status", language });
  } catch (err) {
    return notRunning(unreachableReason(err, t));
  }
  const body = answer.body;
  if (answer.status !== 200 || !isStatusAnswer(body)) {
    io.err(t("cli.notTrader", { where, status: answer.status }));
    return 1;
  }
  io.out(t("cli.statusTitle", { where, mode: t(`cli.mode.${body.mode}`) }));
  if (body.statuses.length === 0) io.out(t("cli.noState", { gateway: body.gatewayName }));
  // Side and state stay codes in every language, like the terminal mode's STATUS tags: scripts read them.
  for (const status of body.statuses)
    io.out(`  ${body.gatewayName} ${status.side.padEnd(6)} ${status.state}`);
  io.out(t("cli.subscriptions", { count: body.subscriptions }));
  return 0;
}
