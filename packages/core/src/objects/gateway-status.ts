import { ConnectionState, type GatewaySide } from "../constants.js";
import { InvalidFieldError } from "../errors.js";
import * as check from "./field-checks.js";

/**
 * Connection state of one side (trading or market data) of a gateway, pushed on every change
 * as `eGatewayStatus.` and `eGatewayStatus.<gatewayName>`.
 *
 * **READY.** A TRADE status with `state` CONNECTED and `ready` true says the gateway has loaded
 * and pushed what it queries after login (contracts, account, positions, orders and trades): from
 * then on the OMS answers `getContract`, `getAllPositions`, ... with the broker's state, and
 * orders can be checked against their contracts. `MainEngine.waitForReady` waits for it.
 */
export interface GatewayStatusData {
  /** Name of the gateway. */
  readonly gatewayName: string;
  /** Which session changed state. */
  readonly side: GatewaySide;
  /** The new state. */
  readonly state: ConnectionState;
  /**
   * True when the side is CONNECTED and its start-up data is loaded (see READY above); false in
   * every other state, and while the start-up queries are still running.
   */
  readonly ready: boolean;
  /** Why, in words a user can act on (e.g. `"connection refused by 127.0.0.1:8000"`); may be `""`. */
  readonly msg: string;
  /** When the state changed. Not deep-frozen: do not mutate. */
  readonly time: Date;
}

/** Input of {@link createGatewayStatus}: `ready` defaults to false, `msg` to `""`, `time` to now. */
export type GatewayStatusInit = Pick<GatewayStatusData, "gatewayName" | "side" | "state"> &
  Partial<Pick<GatewayStatusData, "ready" | "msg" | "time">>;

/**
 * Creates a frozen {@link GatewayStatusData}.
 *
 * @throws {@link InvalidFieldError} naming the field when a value is not valid, or when `ready`
 *   is true for a state other than CONNECTED
 */
export function createGatewayStatus(init: GatewayStatusInit): GatewayStatusData {
  const where = "createGatewayStatus";
  const state = check.connectionState(where, "state", init.state);
  const ready = check.flag(where, "ready", init.ready ?? false);
  if (ready && state !== ConnectionState.CONNECTED)
    throw new InvalidFieldError(where, "ready", `false while the state is ${state}`, ready);
  return Object.freeze({
    gatewayName: check.nonEmptyText(where, "gatewayName", init.gatewayName),
    side: check.gatewaySide(where, "side", init.side),
    state,
    ready,
    msg: check.text(where, "msg", init.msg ?? ""),
    time: check.validDate(where, "time", init.time ?? new Date()),
  });
}
