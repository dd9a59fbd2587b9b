import {
  createOrder,
  createOrderRequest,
  createPosition,
  createTrade,
  Direction,
  Exchange,
  type OrderRequest,
  OrderType,
  parseRiskConfig,
  type RiskConfigInput,
  RiskCore,
  Status,
} from "../../src/index.js";

/** A hand-driven clock: tests move time, nothing sleeps. Starts at 2026-12-02 10:00 CST. */
export class ManualClock {
  ms = Date.UTC(2026, 11, 2, 2, 0, 0);
  readonly now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

export const GW = "GW";

export function coreWith(
  config: RiskConfigInput,
  clock = new ManualClock(),
): { core: RiskCore; clock: ManualClock } {
  return { core: new RiskCore(parseRiskConfig(config), clock.now), clock };
}

export function buy(
  volume: number,
  price: number,
  symbol = "600000",
  type: OrderType = OrderType.LIMIT,
): OrderRequest {
  return createOrderRequest({
    symbol,
    exchange: Exchange.SSE,
    direction: Direction.LONG,
    type,
    volume,
    price,
  });
}

export function sell(
  volume: number,
  price: number,
  symbol = "600000",
  type: OrderType = OrderType.LIMIT,
): OrderRequest {
  return createOrderRequest({
    symbol,
    exchange: Exchange.SSE,
    direction: Direction.SHORT,
    type,
    volume,
    price,
  });
}

let nextId = 0;

/** Checks `req` and, when it passes, tracks it as sent; returns the vtOrderid or the refusal. */
export function send(core: RiskCore, req: OrderRequest): string | { rule: string; message: string } {
  const why = core.checkOrder(req, GW);
  if (why !== undefined) return why;
  nextId += 1;
  const vtOrderid = `${GW}.${nextId}`;
  core.trackSent(vtOrderid, req, GW);
  return vtOrderid;
}

/** Reports an order tracked under `vtOrderid` as finished (`status`) after `traded` shares. */
export function finish(
  core: RiskCore,
  vtOrderid: string,
  req: OrderRequest,
  status: Status,
  traded = 0,
): void {
  core.onOrder(
    createOrder({
      gatewayName: GW,
      orderid: vtOrderid.slice(GW.length + 1),
      symbol: req.symbol,
      exchange: req.exchange,
      direction: req.direction,
      type: req.type,
      price: req.price,
      volume: req.volume,
      traded,
      status,
    }),
  );
}

let nextTrade = 0;

/** A fill of `volume` at `price` for `req`'s instrument and side. */
export function fill(core: RiskCore, req: OrderRequest, volume: number, price: number, fee = 0) {
  nextTrade += 1;
  return core.onTrade(
    createTrade({
      gatewayName: GW,
      symbol: req.symbol,
      exchange: req.exchange,
      orderid: "x",
      tradeid: `t${nextTrade}`,
      direction: req.direction,
      price,
      volume,
      fee,
      datetime: new Date(0),
    }),
  );
}

export function position(core: RiskCore, volume: number, symbol = "600000"): void {
  core.onPosition(
    createPosition({ gatewayName: GW, symbol, exchange: Exchange.SSE, direction: Direction.NET, volume }),
  );
}

export { Status };
