/**
 * Requests built without the core factories' field checks: what a plain-JavaScript caller, or an
 * object decoded from JSON, can hand a gateway. The gateway's own checks must refuse them cleanly.
 */
import {
  Offset,
  type OrderRequest,
  type OrderRequestInit,
  type SubscribeRequest,
  type SubscribeRequestInit,
} from "@tsgate/core";

/** A frozen OrderRequest with createOrderRequest's defaults and no validation. */
export function rawOrderRequest(init: OrderRequestInit): OrderRequest {
  return Object.freeze({
    symbol: init.symbol,
    exchange: init.exchange,
    vtSymbol: `${init.symbol}.${init.exchange}`,
    direction: init.direction,
    type: init.type,
    volume: init.volume,
    price: init.price ?? 0,
    offset: init.offset ?? Offset.NONE,
    reference: init.reference ?? "",
  });
}

/** A frozen SubscribeRequest with no validation. */
export function rawSubscribeRequest(init: SubscribeRequestInit): SubscribeRequest {
  return Object.freeze({
    symbol: init.symbol,
    exchange: init.exchange,
    vtSymbol: `${init.symbol}.${init.exchange}`,
  });
}
