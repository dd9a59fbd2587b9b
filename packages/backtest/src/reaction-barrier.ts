import {
  EVENT_TICK,
  EVENT_TRADE,
  type Event,
  isActiveOrder,
  type MainEngine,
  Status,
  type TickData,
  type TradeData,
} from "@tsgate/core";
import { FINAL_ORDER_STATUSES, type MockServers, type Report } from "@tsgate/mock-server";
import { StrategyError } from "@tsgate/strategy";
import { priceUnits } from "./replay-csv-writer.js";

/** Default stall timeout of the full-path backtest: 30 s without any progress. */
export const DEFAULT_STALL_TIMEOUT_MS = 30_000;

/**
 * Knows when a market step's consequences have all arrived, so the driver can take the next step
 * and results do not depend on machine speed. It watches both ends in process:
 *
 * - the broker (the mock's `Broker`): the latest report of each order of the account, the number
 *   of trade reports, and which cancel requests it has processed;
 * - the client (the `MainEngine` the strategy runs on): ticks delivered, the OMS's orders, trades
 *   delivered, and the orders and cancels the gateway sent.
 *
 * Settled means: every tick the step published is delivered; no order the gateway sent is still
 * SUBMITTING; every order the broker reported has, in the OMS, the same filled volume and the same
 * finished-or-not; as many trades are delivered as the broker reported; no cancel is on its way.
 * Waiting is event-driven (each delivered event or broker report re-checks) with a stall timeout
 * that fails the run instead of hanging.
 */
export class ReactionBarrier {
  private readonly brokerOrders = new Map<string, { final: boolean; filled: number }>();
  /** Orders whose broker state the OMS has not yet been seen to match. */
  private readonly unmatched = new Set<string>();
  private readonly submitting = new Set<string>();
  private readonly cancelling = new Set<string>();
  private brokerTrades = 0;
  private clientTrades = 0;
  private ticks = 0;
  private lastSum = 0;
  private expectedTicks = 0;
  private wake: (() => void) | undefined;
  private readonly held: (() => void)[] = [];
  private readonly detach: (() => void)[] = [];

  /**
   * @param main - the engine the strategy runs on
   * @param gatewayName - the gateway whose orders are watched
   * @param mock - the running mock servers
   * @param accountId - the broker account the gateway logs in as
   * @param stallTimeoutMs - how long without progress before the run fails
   */
  constructor(
    private readonly main: MainEngine,
    private readonly gatewayName: string,
    mock: MockServers,
    private readonly accountId: string,
    private readonly stallTimeoutMs = DEFAULT_STALL_TIMEOUT_MS,
  ) {
    const onEvent = (event: Event) => {
      if (event.type === EVENT_TICK) {
        this.ticks += 1;
        this.lastSum += priceUnits((event.data as TickData).lastPrice);
      } else if (event.type === EVENT_TRADE && (event.data as TradeData).gatewayName === gatewayName)
        this.clientTrades += 1;
      this.releaseHeld();
      this.poke();
    };
    main.eventEngine.registerGeneral(onEvent);
    this.detach.push(() => main.eventEngine.unregisterGeneral(onEvent));
    this.detach.push(mock.broker.onReport((account, report) => this.onBrokerReport(account, report)));
    // A cancel leaves no report when the broker refuses it; seeing it processed is the only sign.
    const broker = mock.broker;
    const cancelOrder = broker.cancelOrder;
    broker.cancelOrder = (account, req) => {
      const rsp = cancelOrder.call(broker, account, req);
      if (account === accountId) this.cancelling.delete(req.clOrderId);
      this.poke();
      return rsp;
    };
    this.detach.push(() => {
      broker.cancelOrder = cancelOrder;
    });
  }

  /** Notes an order the gateway sent (its local id, the wire's client order id). */
  orderSent(orderid: string): void {
    this.submitting.add(orderid);
  }

  /** Notes a cancel request the gateway is about to send. */
  cancelSent(orderid: string): void {
    this.cancelling.add(orderid);
  }

  /**
   * Runs `deliver` (a tick's push) once the client holds every order state and trade the broker has
   * reported. Ticks and reports travel on two connections, so a tick could overtake the fills the
   * same market step made; the fast mode matches before the strategy sees the tick, and so must
   * this one, or a strategy that looks at its active orders decides differently.
   */
  deliverWhenCaughtUp(deliver: () => void): void {
    if (this.held.length === 0 && this.reportsCaughtUp()) deliver();
    else this.held.push(deliver);
  }

  /** Expects `n` more ticks to be delivered (the snapshots a step published). */
  expectTicks(n: number): void {
    this.expectedTicks += n;
  }

  /** Ticks delivered so far. */
  get tickCount(): number {
    return this.ticks;
  }

  /** Σ of the delivered ticks' last prices, in units of 0.0001 yuan (to check a step replayed its rows). */
  get lastPriceSum(): number {
    return this.lastSum;
  }

  /** Resolves once settled (class comment); throws `BACKTEST_STALLED` when nothing moves for too long. */
  async settle(): Promise<void> {
    for (;;) {
      while (this.main.eventEngine.pending > 0) await this.main.eventEngine.flush();
      if (this.settled()) return;
      await this.nextProgress();
    }
  }

  /** Stops watching. */
  dispose(): void {
    for (const undo of this.detach.splice(0)) undo();
    this.poke();
  }

  private releaseHeld(): void {
    while (this.held.length > 0 && this.reportsCaughtUp()) this.held.shift()?.();
  }

  /** Whether the client has every trade and order state the broker reported for this account. */
  private reportsCaughtUp(): boolean {
    if (this.clientTrades < this.brokerTrades) return false;
    for (const orderid of this.unmatched) {
      const broker = this.brokerOrders.get(orderid);
      const order = this.main.getOrder(`${this.gatewayName}.${orderid}`);
      if (broker === undefined || order === undefined) return false;
      if (order.traded !== broker.filled || isActiveOrder(order) === broker.final) return false;
      this.unmatched.delete(orderid);
    }
    return true;
  }

  private settled(): boolean {
    if (this.held.length > 0) this.releaseHeld();
    if (this.ticks < this.expectedTicks || this.clientTrades < this.brokerTrades) return false;
    for (const orderid of this.submitting) {
      const order = this.main.getOrder(`${this.gatewayName}.${orderid}`);
      if (order !== undefined && order.status !== Status.SUBMITTING) this.submitting.delete(orderid);
    }
    if (this.submitting.size > 0) return false;
    for (const orderid of this.cancelling) {
      const order = this.main.getOrder(`${this.gatewayName}.${orderid}`);
      if (order === undefined || !isActiveOrder(order)) this.cancelling.delete(orderid);
    }
    if (this.cancelling.size > 0) return false;
    return this.reportsCaughtUp();
  }

  private onBrokerReport(account: string, report: Report): void {
    if (account !== this.accountId) return;
    if (report.type === "trade") this.brokerTrades += 1;
    else {
      const body = report.body;
      const orderid = body.clOrderId || body.orderId;
      this.brokerOrders.set(orderid, {
        final: FINAL_ORDER_STATUSES.includes(body.status),
        filled: body.filledVolume,
      });
      this.unmatched.add(orderid);
    }
    this.poke();
  }

  private poke(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private nextProgress(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        reject(
          new StrategyError(
            "BACKTEST_STALLED",
            `full-path backtest: nothing arrived for ${this.stallTimeoutMs} ms (ticks ${this.ticks}/${this.expectedTicks}, trades ${this.clientTrades}/${this.brokerTrades}, orders submitting ${[...this.submitting].join(",") || "none"}, cancels pending ${[...this.cancelling].join(",") || "none"}, orders behind the broker ${[...this.unmatched].join(",") || "none"})`,
          ),
        );
      }, this.stallTimeoutMs);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
