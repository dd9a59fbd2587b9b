/**
 * A strategy that trades continuously through MainEngine → HftGateway: buys and sells of demo
 * instruments, some marketable (at the limit price, so they fill against the book), some resting
 * away from the market and cancelled after a while. Sells only what the account held at the start
 * of the day (A-shares are T+1), so the server never has to refuse them for lack of shares.
 */
import {
  ACTIVE_STATUSES,
  createCancelRequest,
  createOrderRequest,
  Direction,
  Exchange,
  type MainEngine,
  OrderType,
} from "@tsgate/core";
import type { Prng } from "./prng.js";

export const GATEWAY = "HFT";

/** Instruments the strategy trades. */
export const INSTRUMENTS = [
  { symbol: "600000", exchange: Exchange.SSE },
  { symbol: "000001", exchange: Exchange.SZSE },
  { symbol: "510300", exchange: Exchange.SSE },
  { symbol: "601318", exchange: Exchange.SSE },
] as const;

interface Sent {
  readonly vtOrderid: string;
  readonly direction: Direction;
  readonly volume: number;
  readonly vtSymbol: string;
  readonly sentAt: number;
  /** Cancel once older than this (ms). */
  readonly cancelAfterMs: number;
  lastCancelAt: number;
  released: boolean;
}

const LOT = 100;
const VOLUMES = [100, 100, 100, 300, 1000, 3000] as const;
const MAX_ACTIVE = 8;
const CANCEL_RETRY_MS = 400;

const round2 = (x: number) => Math.round(x * 100) / 100;

export class Strategy {
  /** Every order sent, in order. */
  readonly sent: Sent[] = [];
  private readonly sellable = new Map<string, number>();
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  cancelsSent = 0;

  constructor(
    private readonly main: MainEngine,
    private readonly prng: Prng,
    /** Shares held at the start of the day (sellable today), by vtSymbol. */
    holdings: ReadonlyMap<string, number>,
  ) {
    for (const [vtSymbol, volume] of holdings) this.sellable.set(vtSymbol, volume);
  }

  /** Starts the trading loop (one decision every 10–50 ms). */
  start(): void {
    this.running = true;
    const loop = () => {
      if (!this.running) return;
      this.step();
      this.timer = setTimeout(loop, this.prng.int(10, 50));
    };
    loop();
  }

  /** Stops sending new orders (cancels continue through {@link cancelActive}). */
  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** vtOrderids of the strategy's orders the OMS still holds as active. */
  activeOrders(): string[] {
    return this.sent
      .filter((s) => {
        const order = this.main.getOrder(s.vtOrderid);
        return order === undefined || ACTIVE_STATUSES.has(order.status);
      })
      .map((s) => s.vtOrderid);
  }

  /** Asks to cancel every active order (rate-limited per order); used while settling. */
  cancelActive(now = Date.now()): void {
    for (const s of this.sent) this.maybeCancel(s, now, true);
  }

  /** Sends one order now (e.g. just before a server restart). */
  sendOne(): void {
    this.place(Date.now());
  }

  private step(): void {
    const now = Date.now();
    let active = 0;
    for (const s of this.sent) {
      this.release(s);
      if (!s.released) active++;
      this.maybeCancel(s, now, false);
    }
    if (active < MAX_ACTIVE) this.place(now);
  }

  /** Gives back the unfilled shares of a finished sell. */
  private release(s: Sent): void {
    if (s.released) return;
    const order = this.main.getOrder(s.vtOrderid);
    if (order === undefined || ACTIVE_STATUSES.has(order.status)) return;
    s.released = true;
    if (s.direction === Direction.SHORT) {
      this.sellable.set(s.vtSymbol, (this.sellable.get(s.vtSymbol) ?? 0) + s.volume - order.traded);
    }
  }

  private maybeCancel(s: Sent, now: number, force: boolean): void {
    if (s.released) return;
    if (!force && now - s.sentAt < s.cancelAfterMs) return;
    if (now - s.lastCancelAt < CANCEL_RETRY_MS) return;
    const order = this.main.getOrder(s.vtOrderid);
    // Not yet known to the server: nothing to cancel by (the gateway would only warn).
    if (order === undefined || !ACTIVE_STATUSES.has(order.status)) return;
    s.lastCancelAt = now;
    this.cancelsSent++;
    this.main.cancelOrder(createCancelRequest(order), GATEWAY);
  }

  private place(now: number): void {
    const inst = this.prng.pick(INSTRUMENTS);
    const vtSymbol = `${inst.symbol}.${inst.exchange}`;
    const tick = this.main.getTick(vtSymbol);
    if (tick === undefined || tick.lastPrice <= 0) return;
    const left = this.sellable.get(vtSymbol) ?? 0;
    const sell = left >= LOT && this.prng.chance(0.5);
    // Mostly one lot; sometimes enough to walk several book levels (several trades per order,
    // a remainder left resting and then cancelled: PARTTRADED → CANCELLED).
    const wanted = this.prng.pick(VOLUMES);
    const volume = sell ? Math.min(wanted, left) : wanted;
    const marketable = this.prng.chance(0.4);
    let price: number;
    if (marketable) price = sell ? tick.limitDown : tick.limitUp;
    else {
      const offset = this.prng.pick([0.002, 0.005, 0.02]);
      price = sell
        ? Math.min(tick.limitUp, round2(tick.lastPrice * (1 + offset)))
        : Math.max(tick.limitDown, round2(tick.lastPrice * (1 - offset)));
    }
    const direction = sell ? Direction.SHORT : Direction.LONG;
    if (sell) this.sellable.set(vtSymbol, left - volume);
    const vtOrderid = this.main.sendOrder(
      createOrderRequest({
        symbol: inst.symbol,
        exchange: inst.exchange,
        direction,
        type: OrderType.LIMIT,
        volume,
        price,
      }),
      GATEWAY,
    );
    this.sent.push({
      vtOrderid,
      direction,
      volume,
      vtSymbol,
      sentAt: now,
      cancelAfterMs: this.prng.int(100, 800),
      lastCancelAt: 0,
      released: false,
    });
  }
}
