/**
 * Recent last prices per instrument, so a dashboard that opens late still draws a chart.
 *
 * @module
 */
import { EVENT_TICK, type EventEngine, type EventHandler } from "@tsgate/core";
import { PRICE_HISTORY_POINTS } from "./constants.js";
import type { PricePoint } from "./shared/protocol.js";

/** Keeps the last `capacity` (time, last price) points of every instrument that ticks. */
export class PriceHistory {
  private readonly points = new Map<string, PricePoint[]>();
  private readonly capacity: number;
  private readonly eventEngine: EventEngine;
  private readonly onTick: EventHandler<typeof EVENT_TICK> = (event) => {
    const tick = event.data;
    if (!(tick.lastPrice > 0)) return;
    let series = this.points.get(tick.vtSymbol);
    if (series === undefined) {
      series = [];
      this.points.set(tick.vtSymbol, series);
    }
    series.push([tick.datetime.getTime(), tick.lastPrice]);
    // Trim in chunks so the array is not shifted on every tick.
    if (series.length > this.capacity * 1.25) series.splice(0, series.length - this.capacity);
  };

  constructor(eventEngine: EventEngine, capacity = PRICE_HISTORY_POINTS) {
    this.eventEngine = eventEngine;
    this.capacity = capacity;
    eventEngine.register(EVENT_TICK, this.onTick);
  }

  /** The recent points of every instrument, oldest first. */
  all(): Record<string, PricePoint[]> {
    const out: Record<string, PricePoint[]> = {};
    for (const [vtSymbol, series] of this.points) out[vtSymbol] = series.slice(-this.capacity);
    return out;
  }

  /** Stops recording. */
  dispose(): void {
    this.eventEngine.unregister(EVENT_TICK, this.onTick);
  }
}
