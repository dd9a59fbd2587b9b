import { EVENT_TICK } from "../../event-types.js";
import type { TickData } from "../../objects/tick.js";
import { ConformanceError } from "../errors.js";
import { listProblems } from "../messages.js";
import type { ConformanceSession } from "../session.js";

const CHECK = "ticks";
const LEVELS = [1, 2, 3, 4, 5] as const;
// Two ticks show the feed keeps flowing, not just a snapshot sent on subscribe.
const MIN_TICKS = 2;

/**
 * Checks market data: after `subscribe()`, ticks of the harness instrument arrive as the same
 * object on both `eTick.` and `eTick.<vtSymbol>`, and every tick of it is valid (see
 * {@link tickProblems}).
 *
 * @throws {@link ConformanceError} or `WaitTimeoutError` describing the first violation
 */
export async function checkTicks(session: ConformanceSession): Promise<void> {
  const { recorder, vtSymbol, options } = session;
  await session.subscribe();
  const specific = `${EVENT_TICK}${vtSymbol}` as const;
  const onBoth = (): TickData[] => {
    const generic = new Set<unknown>(recorder.dataOf(EVENT_TICK));
    return recorder.dataOf(specific).filter((tick) => generic.has(tick));
  };
  await recorder.waitUntil(
    () => onBoth().length >= MIN_TICKS,
    options.timeouts.tick,
    `${MIN_TICKS} ticks of ${vtSymbol} published on both "${EVENT_TICK}" and "${specific}" (use onTick())`,
    () =>
      `Seen on "${specific}": ${recorder.dataOf(specific).length}; of those also on "${EVENT_TICK}": ${onBoth().length}.`,
  );
  const problems: string[] = [];
  for (const tick of recorder.dataOf(specific))
    problems.push(...tickProblems(tick, vtSymbol, session.gatewayName));
  for (const tick of recorder.dataOf(EVENT_TICK)) {
    if (tick.gatewayName !== session.gatewayName) {
      problems.push(`a tick of ${tick.vtSymbol} has gatewayName ${JSON.stringify(tick.gatewayName)}`);
    }
  }
  if (problems.length > 0) throw new ConformanceError(CHECK, `invalid ticks: ${listProblems(problems)}`);
}

/**
 * What is wrong with a tick, as readable sentences (empty when valid):
 * - identity: `vtSymbol` is the expected one and equals `symbol.exchange`, `gatewayName` matches,
 *   `datetime` is a valid Date;
 * - numbers: every price and volume is finite and not negative (0 means "not present");
 * - depth: present levels are contiguous from level 1, bids strictly descending, asks strictly
 *   ascending, best bid not above best ask, no volume at a level without a price;
 * - limits: when present, `limitDown ≤ limitUp` and the last price lies between them; the day's
 *   low is not above its high.
 */
export function tickProblems(tick: TickData, vtSymbol: string, gatewayName: string): string[] {
  const validTime = tick.datetime instanceof Date && !Number.isNaN(tick.datetime.getTime());
  const at = `tick ${tick.vtSymbol} at ${validTime ? tick.datetime.toISOString() : String(tick.datetime)}`;
  const problems: string[] = [];
  if (tick.vtSymbol !== vtSymbol) problems.push(`${at}: vtSymbol is not ${vtSymbol}`);
  if (tick.vtSymbol !== `${tick.symbol}.${tick.exchange}`)
    problems.push(`${at}: vtSymbol is not symbol.exchange`);
  if (tick.gatewayName !== gatewayName)
    problems.push(`${at}: gatewayName ${JSON.stringify(tick.gatewayName)}`);
  if (!validTime) problems.push(`${at}: datetime is not a valid Date`);
  const numeric = [
    "lastPrice",
    "lastVolume",
    "volume",
    "turnover",
    "openPrice",
    "highPrice",
    "lowPrice",
    "preClose",
    "limitUp",
    "limitDown",
  ] as const;
  for (const field of numeric) {
    const value = tick[field];
    if (!(Number.isFinite(value) && value >= 0))
      problems.push(`${at}: ${field} ${value} is not a number ≥ 0`);
  }
  problems.push(...sideProblems(tick, "bid", at), ...sideProblems(tick, "ask", at));
  if (tick.bidPrice1 > 0 && tick.askPrice1 > 0 && tick.bidPrice1 > tick.askPrice1) {
    problems.push(`${at}: crossed book, bidPrice1 ${tick.bidPrice1} > askPrice1 ${tick.askPrice1}`);
  }
  if (tick.limitUp > 0 && tick.limitDown > 0) {
    if (tick.limitDown > tick.limitUp)
      problems.push(`${at}: limitDown ${tick.limitDown} > limitUp ${tick.limitUp}`);
    if (tick.lastPrice > 0 && (tick.lastPrice > tick.limitUp || tick.lastPrice < tick.limitDown)) {
      problems.push(`${at}: lastPrice ${tick.lastPrice} outside [${tick.limitDown}, ${tick.limitUp}]`);
    }
  }
  if (tick.highPrice > 0 && tick.lowPrice > 0 && tick.lowPrice > tick.highPrice) {
    problems.push(`${at}: lowPrice ${tick.lowPrice} > highPrice ${tick.highPrice}`);
  }
  return problems;
}

function sideProblems(tick: TickData, side: "bid" | "ask", at: string): string[] {
  const problems: string[] = [];
  let previous = 0;
  let gap = false;
  for (const level of LEVELS) {
    const price = tick[`${side}Price${level}`];
    const volume = tick[`${side}Volume${level}`];
    if (!(Number.isFinite(price) && price >= 0))
      problems.push(`${at}: ${side}Price${level} ${price} is not a number ≥ 0`);
    if (!(Number.isFinite(volume) && volume >= 0)) {
      problems.push(`${at}: ${side}Volume${level} ${volume} is not a number ≥ 0`);
    }
    if (price > 0 && gap)
      problems.push(`${at}: ${side} level ${level} is quoted but level ${level - 1} is empty`);
    if (price <= 0 && volume > 0) problems.push(`${at}: ${side}Volume${level} ${volume} has no price`);
    if (price > 0 && previous > 0) {
      const ordered = side === "bid" ? price < previous : price > previous;
      if (!ordered) {
        problems.push(
          `${at}: ${side}Price${level} ${price} is not ${side === "bid" ? "below" : "above"} ${side}Price${level - 1} ${previous}`,
        );
      }
    }
    if (price <= 0) gap = true;
    else previous = price;
  }
  return problems;
}
