import { ConnectionState, GatewaySide } from "../../constants.js";
import { EVENT_ACCOUNT, EVENT_CONTRACT, EVENT_GATEWAY_STATUS, EVENT_POSITION } from "../../event-types.js";
import { ConformanceError } from "../errors.js";
import type { ConformanceSession } from "../session.js";

const CHECK = "ready";

/**
 * Checks the READY signal: after `connect(setting)` the gateway publishes a TRADE status with
 * `ready: true` and state CONNECTED (`writeReady()`), and by then it has already published the
 * harness instrument's contract, an account and (unless `expectPositions: false`) positions, so
 * that a strategy that waits with `MainEngine.waitForReady` finds them in the OMS.
 *
 * @throws {@link ConformanceError} or `WaitTimeoutError` describing the first violation
 */
export async function checkReady(session: ConformanceSession): Promise<void> {
  const { recorder, gatewayName, options } = session;
  await session.connect();
  let readyAt = -1;
  await recorder.waitUntil(
    () => {
      readyAt = recorder.events.findIndex(
        (event) => event.type === EVENT_GATEWAY_STATUS && isReadyStatus(event.data, gatewayName),
      );
      return readyAt !== -1;
    },
    options.timeouts.connect,
    `a READY status from ${gatewayName}: side TRADE, state CONNECTED, ready true (call writeReady() once contracts, account, positions, orders and trades are pushed)`,
  );
  const before = recorder.events.slice(0, readyAt);
  const mine = (type: string) =>
    before.filter(
      (e) => e.type === type && (e.data as { gatewayName?: unknown }).gatewayName === gatewayName,
    );
  const missing: string[] = [];
  const vtSymbol = options.harness.symbol;
  if (!mine(EVENT_CONTRACT).some((e) => (e.data as { vtSymbol?: unknown }).vtSymbol === vtSymbol))
    missing.push(`the contract of ${vtSymbol}`);
  if (mine(EVENT_ACCOUNT).length === 0) missing.push("an account");
  if (options.expectPositions && mine(EVENT_POSITION).length === 0)
    missing.push("positions (pass expectPositions: false if the account holds none)");
  if (missing.length > 0) {
    throw new ConformanceError(
      CHECK,
      `${gatewayName} reported READY before it published ${missing.join(", ")}; READY must come after the start-up data`,
    );
  }
}

function isReadyStatus(data: unknown, gatewayName: string): boolean {
  const status = data as { gatewayName?: unknown; side?: unknown; state?: unknown; ready?: unknown };
  return (
    status.gatewayName === gatewayName &&
    status.side === GatewaySide.TRADE &&
    status.state === ConnectionState.CONNECTED &&
    status.ready === true
  );
}
