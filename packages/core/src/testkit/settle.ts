import type { EventEngine } from "../event-engine.js";

/**
 * Waits `quietPeriodMs`, then until the engine delivered everything put so far: what a gateway
 * had in flight has then been seen. Used before asserting that something did *not* happen.
 */
export async function settle(eventEngine: EventEngine, quietPeriodMs: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, quietPeriodMs));
  await eventEngine.flush();
}
