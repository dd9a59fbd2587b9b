import { ConnectionState } from "../../constants.js";
import {
  EVENT_ACCOUNT,
  EVENT_CONTRACT,
  EVENT_GATEWAY_STATUS,
  EVENT_LOG,
  EVENT_POSITION,
} from "../../event-types.js";
import type { AccountData } from "../../objects/account.js";
import type { ContractData } from "../../objects/contract.js";
import type { PositionData } from "../../objects/position.js";
import { ConformanceError } from "../errors.js";
import { listProblems, showValue } from "../messages.js";
import { type ConformanceSession, errorText } from "../session.js";

const CHECK = "connect";

/**
 * Checks the connect flow: after `connect(setting)`, the gateway publishes at least one contract
 * (including the harness instrument), an account, positions (unless `expectPositions: false`), a
 * CONNECTED status for at least one side and at least one log; every one of these objects is
 * well-formed and carries the gateway's name.
 *
 * @throws {@link ConformanceError} or `WaitTimeoutError` describing the first violation
 */
export async function checkConnect(session: ConformanceSession): Promise<void> {
  const { recorder, gatewayName, options } = session;
  await session.connect();
  if (session.connectRejection !== undefined) {
    throw new ConformanceError(
      CHECK,
      `the promise returned by connect() rejected with ${errorText(session.connectRejection)}; connect() must throw synchronously for bad input and report later failures as events`,
    );
  }
  const timeoutMs = options.timeouts.connect;
  const mine = (data: { gatewayName: string }) => data.gatewayName === gatewayName;
  await recorder.waitFor(
    EVENT_ACCOUNT,
    mine,
    timeoutMs,
    `an account event from ${gatewayName} after connect()`,
  );
  if (options.expectPositions) {
    await recorder.waitFor(
      EVENT_POSITION,
      mine,
      timeoutMs,
      `a position event from ${gatewayName} after connect() (pass expectPositions: false if the account holds none)`,
    );
  }
  await recorder.waitFor(
    EVENT_GATEWAY_STATUS,
    (status) => mine(status) && status.state === ConnectionState.CONNECTED,
    timeoutMs,
    `a CONNECTED gateway status from ${gatewayName} (writeStatus(side, ConnectionState.CONNECTED))`,
  );
  await recorder.waitFor(EVENT_LOG, mine, timeoutMs, `a log from ${gatewayName} (writeLog) during connect`);

  const problems: string[] = [];
  for (const contract of recorder.dataOf(EVENT_CONTRACT))
    problems.push(...contractProblems(session, contract));
  for (const account of recorder.dataOf(EVENT_ACCOUNT))
    problems.push(...accountProblems(gatewayName, account));
  for (const position of recorder.dataOf(EVENT_POSITION))
    problems.push(...positionProblems(gatewayName, position));
  if (problems.length > 0) {
    throw new ConformanceError(CHECK, `malformed objects after connect: ${listProblems(problems)}`);
  }
}

function contractProblems(session: ConformanceSession, c: ContractData): string[] {
  const where = `contract ${showValue(c.vtSymbol)}`;
  const problems: string[] = [];
  if (c.gatewayName !== session.gatewayName)
    problems.push(`${where} has gatewayName ${showValue(c.gatewayName)}`);
  if (c.vtSymbol !== `${c.symbol}.${c.exchange}`) problems.push(`${where}: vtSymbol is not symbol.exchange`);
  if (!session.gateway.exchanges.includes(c.exchange)) {
    problems.push(`${where}: exchange ${c.exchange} is not in the gateway's static exchanges`);
  }
  if (!(c.pricetick > 0)) problems.push(`${where}: pricetick ${c.pricetick} is not > 0`);
  if (!(c.size > 0)) problems.push(`${where}: size ${c.size} is not > 0`);
  if (!(c.minVolume > 0)) problems.push(`${where}: minVolume ${c.minVolume} is not > 0`);
  if (c.limitUp !== undefined && c.limitDown !== undefined && c.limitDown > c.limitUp) {
    problems.push(`${where}: limitDown ${c.limitDown} is above limitUp ${c.limitUp}`);
  }
  return problems;
}

function accountProblems(gatewayName: string, a: AccountData): string[] {
  const where = `account ${showValue(a.vtAccountid)}`;
  const problems: string[] = [];
  if (a.gatewayName !== gatewayName) problems.push(`${where} has gatewayName ${showValue(a.gatewayName)}`);
  if (a.vtAccountid !== `${a.gatewayName}.${a.accountid}`)
    problems.push(`${where}: vtAccountid is not gatewayName.accountid`);
  for (const field of ["balance", "frozen", "available"] as const) {
    if (!Number.isFinite(a[field])) problems.push(`${where}: ${field} ${a[field]} is not a finite number`);
  }
  return problems;
}

function positionProblems(gatewayName: string, p: PositionData): string[] {
  const where = `position ${showValue(p.vtPositionid)}`;
  const problems: string[] = [];
  if (p.gatewayName !== gatewayName) problems.push(`${where} has gatewayName ${showValue(p.gatewayName)}`);
  if (p.vtSymbol !== `${p.symbol}.${p.exchange}`) problems.push(`${where}: vtSymbol is not symbol.exchange`);
  if (p.vtPositionid !== `${p.gatewayName}.${p.vtSymbol}.${p.direction}`) {
    problems.push(`${where}: vtPositionid is not gatewayName.vtSymbol.direction`);
  }
  for (const field of ["volume", "frozen", "price", "pnl", "ydVolume"] as const) {
    if (!Number.isFinite(p[field])) problems.push(`${where}: ${field} ${p[field]} is not a finite number`);
  }
  return problems;
}
