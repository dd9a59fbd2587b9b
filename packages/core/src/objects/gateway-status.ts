import type { ConnectionState, GatewaySide } from "../constants.js";

/**
 * Connection state of one side (trading or market data) of a gateway, pushed on every change
 * as `eGatewayStatus.` and `eGatewayStatus.<gatewayName>`.
 */
export interface GatewayStatusData {
  /** Name of the gateway. */
  readonly gatewayName: string;
  /** Which session changed state. */
  readonly side: GatewaySide;
  /** The new state. */
  readonly state: ConnectionState;
  /** Why, in words a user can act on (e.g. `"connection refused by 127.0.0.1:8000"`); may be `""`. */
  readonly msg: string;
  /** When the state changed. Not deep-frozen: do not mutate. */
  readonly time: Date;
}

/** Input of {@link createGatewayStatus}: `msg` defaults to `""`, `time` to now. */
export type GatewayStatusInit = Pick<GatewayStatusData, "gatewayName" | "side" | "state"> &
  Partial<Pick<GatewayStatusData, "msg" | "time">>;

/** Creates a frozen {@link GatewayStatusData}. */
export function createGatewayStatus(init: GatewayStatusInit): GatewayStatusData {
  return Object.freeze({
    gatewayName: init.gatewayName,
    side: init.side,
    state: init.state,
    msg: init.msg ?? "",
    time: init.time ?? new Date(),
  });
}
