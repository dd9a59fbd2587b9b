/** Captures every event an EventEngine delivers, and waits for conditions without sleeping blindly. */
import {
  type AccountData,
  type ContractData,
  EVENT_ACCOUNT,
  EVENT_CONTRACT,
  EVENT_GATEWAY_STATUS,
  EVENT_LOG,
  EVENT_ORDER,
  EVENT_POSITION,
  EVENT_TICK,
  EVENT_TRADE,
  type Event,
  type EventEngine,
  type GatewayStatusData,
  type LogData,
  type OrderData,
  type PositionData,
  type TickData,
  type TradeData,
} from "@tsgate/core";

export class Recorder {
  readonly events: Event[] = [];
  readonly logs: LogData[] = [];
  readonly orders: OrderData[] = [];
  readonly trades: TradeData[] = [];
  readonly ticks: TickData[] = [];
  readonly contracts: ContractData[] = [];
  readonly accounts: AccountData[] = [];
  readonly positions: PositionData[] = [];
  readonly statuses: GatewayStatusData[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(engine: EventEngine) {
    engine.registerGeneral((event) => {
      this.events.push(event);
      // Only the bare prefixes, so each object is recorded once.
      switch (event.type) {
        case EVENT_LOG:
          this.logs.push(event.data as LogData);
          break;
        case EVENT_ORDER:
          this.orders.push(event.data as OrderData);
          break;
        case EVENT_TRADE:
          this.trades.push(event.data as TradeData);
          break;
        case EVENT_TICK:
          this.ticks.push(event.data as TickData);
          break;
        case EVENT_CONTRACT:
          this.contracts.push(event.data as ContractData);
          break;
        case EVENT_ACCOUNT:
          this.accounts.push(event.data as AccountData);
          break;
        case EVENT_POSITION:
          this.positions.push(event.data as PositionData);
          break;
        case EVENT_GATEWAY_STATUS:
          this.statuses.push(event.data as GatewayStatusData);
          break;
      }
      for (const wake of this.waiters) wake();
    });
  }

  /** Ticks delivered after the event carrying `data` (e.g. a log), in order. */
  ticksAfter(data: unknown): TickData[] {
    const index = this.events.findIndex((event) => event.data === data);
    if (index < 0) return [];
    return this.events
      .slice(index + 1)
      .filter((event) => event.type === EVENT_TICK)
      .map((event) => event.data as TickData);
  }

  /** Log texts, in order. */
  get logTexts(): string[] {
    return this.logs.map((log) => log.msg);
  }

  /** Order snapshots of one vtOrderid, in order. */
  ordersOf(vtOrderid: string): OrderData[] {
    return this.orders.filter((order) => order.vtOrderid === vtOrderid);
  }

  /** Latest snapshot of one vtOrderid. */
  lastOrder(vtOrderid: string): OrderData | undefined {
    return this.ordersOf(vtOrderid).at(-1);
  }

  /**
   * Resolves when `check` returns a truthy value (checked after every event), or rejects after
   * `timeoutMs` with `what` and the recent logs. The timeout is a safety net for a broken build,
   * generous so that slow machines only wait longer, never fail.
   */
  waitFor<T>(what: string, check: () => T | undefined | false | null, timeoutMs = 60_000): Promise<T> {
    const first = check();
    if (first) return Promise.resolve(first);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        const recent = this.logTexts.slice(-15).join("\n  ");
        const statuses = this.statuses
          .slice(-8)
          .map((s) => `${s.time.toISOString()} ${s.side} ${s.state} ${s.msg}`)
          .join("\n  ");
        reject(
          new Error(
            `timed out waiting for ${what}; recent logs:\n  ${recent}\nrecent statuses:\n  ${statuses}`,
          ),
        );
      }, timeoutMs);
      const wake = (): void => {
        const value = check();
        if (!value) return;
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(value);
      };
      this.waiters.add(wake);
    });
  }

  /** Waits for a log line matching `pattern`. */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<LogData> {
    return this.waitFor(
      `a log matching ${pattern}`,
      () => this.logs.find((log) => pattern.test(log.msg)),
      timeoutMs,
    );
  }
}

/** Lets pending promise chains and the event engine's queue run. */
export async function settle(engine: EventEngine, rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    await engine.flush();
  }
}
