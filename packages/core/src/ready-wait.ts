/**
 * Waiting for a gateway's READY status (see `BaseGateway.writeReady`), the one signal that the
 * broker's contracts, account, positions, orders and trades have been loaded.
 *
 * @module
 */
import { ConnectionState, GatewaySide } from "./constants.js";
import { GatewayNotReadyError, InvalidArgumentError } from "./errors.js";
import type { EventEngine, EventHandler } from "./event-engine.js";
import { EVENT_GATEWAY_STATUS, eventType } from "./event-types.js";
import type { GatewayStatusData } from "./objects/gateway-status.js";
import type { OmsEngine } from "./oms.js";

/**
 * Resolves with the READY status of `gatewayName` once it has been published (at once if the OMS
 * already holds it). Rejects with {@link GatewayNotReadyError} carrying the gateway's latest
 * status message when `timeoutMs` passes first, or when the TRADE side goes DISCONNECTED after an
 * attempt to connect started during the wait (the gateway gave up, e.g. a refused password), so a
 * caller learns why at once instead of at the timeout.
 *
 * `MainEngine.waitForReady` is this function on the engine's own event engine and OMS.
 *
 * @param eventEngine - the engine the gateway publishes on
 * @param oms - the OMS on that engine (for a READY status that arrived before the call)
 * @param gatewayName - the gateway to wait for
 * @param timeoutMs - how long to wait, in milliseconds (> 0)
 * @throws {@link InvalidArgumentError} for a timeout that is not a positive finite number
 */
export function waitForGatewayReady(
  eventEngine: EventEngine,
  oms: OmsEngine,
  gatewayName: string,
  timeoutMs: number,
): Promise<GatewayStatusData> {
  if (!(timeoutMs > 0 && Number.isFinite(timeoutMs))) {
    throw new InvalidArgumentError(
      `waitForReady: timeoutMs: expected a positive number of milliseconds, got ${timeoutMs}`,
    );
  }
  const current = oms.getGatewayStatus(gatewayName, GatewaySide.TRADE);
  if (current?.ready === true) return Promise.resolve(current);

  return new Promise((resolve, reject) => {
    const type = eventType(EVENT_GATEWAY_STATUS, gatewayName);
    let latest = current;
    let attempting = false;
    const finish = (): void => {
      clearTimeout(timer);
      eventEngine.unregister(type, onStatus);
    };
    const fail = (reason: string): void => {
      finish();
      const last =
        latest === undefined ? "" : `${latest.state}${latest.msg === "" ? "" : ` (${latest.msg})`}`;
      reject(new GatewayNotReadyError(gatewayName, reason, last));
    };
    const onStatus: EventHandler<typeof type> = (event) => {
      const status = event.data;
      if (status.side !== GatewaySide.TRADE) return;
      latest = status;
      if (status.ready) {
        finish();
        resolve(status);
      } else if (status.state === ConnectionState.DISCONNECTED && attempting) {
        fail("stopped connecting before it was READY");
      } else if (status.state !== ConnectionState.DISCONNECTED) {
        attempting = true;
      }
    };
    const timer = setTimeout(() => fail(`was not READY within ${timeoutMs} ms`), timeoutMs);
    eventEngine.register(type, onStatus);
  });
}
