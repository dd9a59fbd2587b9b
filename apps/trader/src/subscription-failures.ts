/**
 * The subscriptions the gateway or the market server refused, with the reason, so the dashboard
 * marks the instrument's row and the terminal says so instead of waiting for ticks for ever.
 *
 * @module
 */
import { EVENT_TICK, type EventEngine, type EventHandler } from "@tsgate/core";
import { EVENT_SUBSCRIBE_FAILED, type SubscribeFailure } from "@tsgate/hft-gateway";

/** Refused subscriptions by vtSymbol, fed by the gateway's {@link EVENT_SUBSCRIBE_FAILED}. */
export class SubscriptionFailures {
  private readonly reasons = new Map<string, string>();
  private readonly handler: EventHandler<string>;
  /** Ticks prove a subscription works (e.g. another server, after the connect form, knows the code). */
  private readonly onTick: EventHandler<typeof EVENT_TICK> = (event) => {
    if (this.reasons.size > 0) this.clear(event.data.vtSymbol);
  };

  /**
   * @param engine - the event engine the gateway publishes on
   * @param onChange - called with every failure map after a change
   */
  constructor(
    private readonly engine: EventEngine,
    private readonly onChange: (failures: Readonly<Record<string, string>>) => void,
  ) {
    this.handler = (event) => {
      const failure = event.data as SubscribeFailure;
      this.reasons.set(failure.vtSymbol, failure.reason);
      this.onChange(this.all());
    };
    engine.register(EVENT_SUBSCRIBE_FAILED, this.handler);
    engine.register(EVENT_TICK, this.onTick);
  }

  /** Whether `vtSymbol`'s subscription was refused (and not requested again since). */
  has(vtSymbol: string): boolean {
    return this.reasons.has(vtSymbol);
  }

  /** Forgets a failure when the subscription is requested again. */
  clear(vtSymbol: string): void {
    if (this.reasons.delete(vtSymbol)) this.onChange(this.all());
  }

  /** Every refused subscription's reason, by vtSymbol. */
  all(): Record<string, string> {
    return Object.fromEntries(this.reasons);
  }

  /** Stops listening. */
  dispose(): void {
    this.engine.unregister(EVENT_SUBSCRIBE_FAILED, this.handler);
    this.engine.unregister(EVENT_TICK, this.onTick);
  }
}
