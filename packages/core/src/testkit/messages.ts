/**
 * Short, readable renderings of events and data objects for failure messages.
 *
 * @module
 */
import { EVENT_GATEWAY_STATUS, EVENT_LOG, EVENT_TIMER } from "../event-types.js";
import type { GatewayStatusData } from "../objects/gateway-status.js";
import type { LogData } from "../objects/log.js";
import type { OrderData } from "../objects/order.js";

const MAX_VALUE_CHARS = 300;
const MAX_LISTED = 3;

/** Minimal shape of a recorded or observed event. */
export interface SeenEvent {
  readonly type: string;
  readonly data: unknown;
}

/** Compact JSON of any value, Dates as ISO strings, cut at a readable length. */
export function showValue(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text;
}

/** `HFT.3 LONG 100 @ 7.3 NOTTRADED traded 0 ("reason")`. */
export function showOrder(order: OrderData): string {
  const reason = order.statusMsg === "" ? "" : ` (${JSON.stringify(order.statusMsg)})`;
  return `${order.vtOrderid} ${order.direction} ${order.volume} @ ${order.price} ${order.status} traded ${order.traded}${reason}`;
}

/** `SUBMITTING → NOTTRADED → CANCELLED`. */
export function showStatuses(orders: readonly OrderData[]): string {
  return orders.length === 0 ? "(none)" : orders.map((order) => order.status).join(" → ");
}

/**
 * What arrived among `events`: counts by type (timer events left out), the last logs and the last
 * status changes, which usually explain a timeout (a failed login, a refused connection).
 */
export function describeArrivals(events: readonly SeenEvent[]): string {
  const counts = new Map<string, number>();
  const logs: LogData[] = [];
  const statuses: GatewayStatusData[] = [];
  for (const event of events) {
    if (event.type === EVENT_TIMER) continue;
    counts.set(event.type, (counts.get(event.type) ?? 0) + 1);
    if (event.type === EVENT_LOG) logs.push(event.data as LogData);
    if (event.type === EVENT_GATEWAY_STATUS) statuses.push(event.data as GatewayStatusData);
  }
  if (counts.size === 0) return "No event arrived meanwhile.";
  const parts = [`Arrived meanwhile: ${[...counts].map(([type, n]) => `${n} × "${type}"`).join(", ")}.`];
  if (logs.length > 0) {
    const last = logs.slice(-MAX_LISTED).map((log) => `[${log.level}] ${log.msg}`);
    parts.push(`Last logs: ${last.join(" | ")}.`);
  }
  if (statuses.length > 0) {
    const last = statuses
      .slice(-MAX_LISTED)
      .map((s) => `${s.side} ${s.state}${s.msg === "" ? "" : ` (${s.msg})`}`);
    parts.push(`Last status changes: ${last.join(" | ")}.`);
  }
  return parts.join(" ");
}

/** `first; second; third (and 4 more)`. */
export function listProblems(problems: readonly string[], max = 5): string {
  const shown = problems.slice(0, max).join("; ");
  return problems.length > max ? `${shown} (and ${problems.length - max} more)` : shown;
}
