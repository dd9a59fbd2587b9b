/**
 * The client's own books: positions and cash derived only from the TradeData and OrderData events
 * the strategy received (plus reconnect counts from gateway status events). Money is kept in the
 * mock's scaled units (yuan × 10,000) so sums are exact integers.
 */
import {
  type AccountData,
  ConnectionState,
  Direction,
  EVENT_ACCOUNT,
  EVENT_GATEWAY_STATUS,
  EVENT_ORDER,
  EVENT_TRADE,
  type EventEngine,
  type GatewayStatusData,
  type OrderData,
  type TradeData,
} from "@tsgate/core";
import { yuanToScaled } from "@tsgate/mock-server";

export class Ledger {
  /** Every trade event, in arrival order (duplicates included, so the check can see them). */
  readonly trades: TradeData[] = [];
  /** Latest order event per vtOrderid. */
  readonly orders = new Map<string, OrderData>();
  /** Signed position change per vtSymbol, from unique trades. */
  readonly positionDelta = new Map<string, number>();
  /** Signed cash change from trade amounts (sells +, buys −), scaled, before fees. */
  amountFlow = 0;
  /** Fees of the unique trades received (TradeData.fee), scaled. */
  fees = 0;
  /** Trade ids seen more than once. */
  readonly duplicateTradeIds: string[] = [];
  /** Orders seen leaving a final state for an active one (must never happen). */
  readonly reopened: string[] = [];
  /** Entries into RECONNECTING per side. */
  readonly reconnects = { TRADE: 0, MARKET: 0 };
  readonly status = new Map<string, GatewayStatusData>();
  accounts: AccountData[] = [];
  orderEvents = 0;
  private readonly seen = new Set<string>();

  constructor(engine: EventEngine) {
    engine.register(EVENT_TRADE, (event) => this.onTrade(event.data as TradeData));
    engine.register(EVENT_ORDER, (event) => this.onOrder(event.data as OrderData));
    engine.register(EVENT_ACCOUNT, (event) => this.accounts.push(event.data as AccountData));
    engine.register(EVENT_GATEWAY_STATUS, (event) => {
      const s = event.data as GatewayStatusData;
      const before = this.status.get(s.side);
      if (s.state === ConnectionState.RECONNECTING && before?.state !== ConnectionState.RECONNECTING) {
        this.reconnects[s.side]++;
      }
      this.status.set(s.side, s);
    });
  }

  /** Unique trade ids received. */
  tradeIds(): Set<string> {
    return this.seen;
  }

  /** Sum of traded volume per vtOrderid from unique trades. */
  tradedByOrder(): Map<string, number> {
    const out = new Map<string, number>();
    const counted = new Set<string>();
    for (const t of this.trades) {
      if (counted.has(t.tradeid)) continue;
      counted.add(t.tradeid);
      out.set(t.vtOrderid, (out.get(t.vtOrderid) ?? 0) + t.volume);
    }
    return out;
  }

  connected(): boolean {
    return (
      this.status.get("TRADE")?.state === ConnectionState.CONNECTED &&
      this.status.get("MARKET")?.state === ConnectionState.CONNECTED
    );
  }

  private onTrade(trade: TradeData): void {
    this.trades.push(trade);
    if (this.seen.has(trade.tradeid)) {
      this.duplicateTradeIds.push(trade.tradeid);
      return;
    }
    this.seen.add(trade.tradeid);
    const sign = trade.direction === Direction.LONG ? 1 : -1;
    this.positionDelta.set(
      trade.vtSymbol,
      (this.positionDelta.get(trade.vtSymbol) ?? 0) + sign * trade.volume,
    );
    this.amountFlow -= sign * yuanToScaled(trade.price) * trade.volume;
    this.fees += yuanToScaled(trade.fee);
  }

  private onOrder(order: OrderData): void {
    this.orderEvents++;
    const before = this.orders.get(order.vtOrderid);
    const final = (o: OrderData | undefined) =>
      o !== undefined && (o.status === "ALLTRADED" || o.status === "CANCELLED" || o.status === "REJECTED");
    if (final(before) && !final(order)) this.reopened.push(order.vtOrderid);
    this.orders.set(order.vtOrderid, order);
  }
}
