import {
  EVENT_ACCOUNT,
  EVENT_CONTRACT,
  EVENT_ORDER,
  EVENT_POSITION,
  EVENT_TICK,
  EVENT_TRADE,
} from "../../event-types.js";
import { ConformanceError } from "../errors.js";
import { listProblems } from "../messages.js";
import { type RecordedEvent, safeJson } from "../recorder.js";
import { type ConformanceSession, errorText } from "../session.js";
import { settle } from "../settle.js";
import { cancelRestingOrder } from "./cancel.js";

const CHECK = "immutability";
// Fresh ticks after the other checks, so a feed that mutates its latest tick is caught too.
const FRESH_TICKS = 2;
const MAX_DIFFS = 3;

const KINDS: ReadonlyArray<readonly [prefix: string, name: string, id: string]> = [
  [EVENT_TICK, "TickData", "vtSymbol"],
  [EVENT_ORDER, "OrderData", "vtOrderid"],
  [EVENT_TRADE, "TradeData", "vtTradeid"],
  [EVENT_POSITION, "PositionData", "vtPositionid"],
  [EVENT_ACCOUNT, "AccountData", "vtAccountid"],
  [EVENT_CONTRACT, "ContractData", "vtSymbol"],
];

/**
 * Checks the immutability rule over everything the session recorded (plus fresh ticks, an order
 * sent and cancelled unless `sendOrder`/`cancel` are skipped, and an account and position query):
 * - every pushed TickData, OrderData, TradeData, PositionData, AccountData and ContractData was
 *   frozen when it arrived;
 * - no pushed object changed afterwards (its JSON on receipt equals its JSON now, Dates included),
 *   so each order update is a new object.
 *
 * @throws {@link ConformanceError} listing the violations
 */
export async function checkImmutability(session: ConformanceSession): Promise<void> {
  const { options, recorder, vtSymbol } = session;
  await session.subscribe();
  const ticksBefore = recorder.dataOf(`${EVENT_TICK}${vtSymbol}`).length;
  await recorder.waitUntil(
    () => recorder.dataOf(`${EVENT_TICK}${vtSymbol}`).length >= ticksBefore + FRESH_TICKS,
    options.timeouts.tick,
    `${FRESH_TICKS} more ticks of ${vtSymbol}`,
  );
  if (options.skip.sendOrder === undefined && options.skip.cancel === undefined) {
    await cancelRestingOrder(session, CHECK);
  }
  try {
    session.asGateway(() => {
      session.gateway.queryAccount();
      session.gateway.queryPosition();
    });
  } catch (error) {
    throw new ConformanceError(CHECK, `queryAccount()/queryPosition() threw ${errorText(error)}`, {
      cause: error,
    });
  }
  await settle(session.eventEngine, options.timeouts.quietPeriod);

  const problems = immutabilityProblems(recorder.events);
  if (problems.length > 0) {
    throw new ConformanceError(
      CHECK,
      `pushed objects must be frozen snapshots that never change (build them with the create* factories and updateOrder): ${listProblems(problems)}`,
    );
  }
}

/**
 * The immutability violations among recorded events: objects not frozen on receipt, and objects
 * whose content changed since receipt (one report per object).
 */
export function immutabilityProblems(events: readonly RecordedEvent[]): string[] {
  const problems: string[] = [];
  const reported = new Set<unknown>();
  for (const event of events) {
    if (event.frozen === undefined || reported.has(event.data)) continue;
    if (!event.frozen) {
      reported.add(event.data);
      problems.push(`${describeObject(event)} was not frozen when pushed`);
      continue;
    }
    if (event.json === undefined) continue;
    const now = safeJson(event.data);
    // Also catches one object pushed for several updates: its earlier receipts no longer match.
    if (now !== event.json) {
      reported.add(event.data);
      problems.push(
        `${describeObject(event)} changed after it was pushed (${diff(event.json, now)}); push a new object for each update`,
      );
    }
  }
  return problems;
}

function describeObject(event: RecordedEvent): string {
  const kind = KINDS.find(([prefix]) => event.type.startsWith(prefix));
  const name = kind?.[1] ?? "object";
  const id = kind === undefined ? undefined : (event.data as Record<string, unknown>)[kind[2]];
  return `${name} ${typeof id === "string" ? id : "?"} (on "${event.type}")`;
}

function diff(before: string, after: string): string {
  let a: unknown;
  let b: unknown;
  try {
    a = JSON.parse(before);
    b = JSON.parse(after);
  } catch {
    return "content differs";
  }
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) return "content differs";
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])];
  const changes = keys
    .filter((key) => JSON.stringify(x[key]) !== JSON.stringify(y[key]))
    .map((key) => `${key} ${JSON.stringify(x[key]) ?? "missing"} → ${JSON.stringify(y[key]) ?? "missing"}`);
  if (changes.length === 0) return "content differs";
  return changes.length > MAX_DIFFS ? `${changes.slice(0, MAX_DIFFS).join(", ")}, …` : changes.join(", ");
}
