/**
 * Rules an order's life and its trades must follow, shared by the order checks.
 *
 * @module
 */
import { Direction, OrderType, Status } from "../../constants.js";
import type { OrderData } from "../../objects/order.js";
import type { OrderRequest } from "../../objects/requests.js";
import type { TradeData } from "../../objects/trade.js";

const TERMINAL: ReadonlySet<Status> = new Set<Status>([Status.ALLTRADED, Status.CANCELLED, Status.REJECTED]);

/** Equal up to floating-point noise (prices that went through a scaling). */
export function sameNumber(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** How the first snapshot of an order differs from the request that created it. */
export function requestMismatches(order: OrderData, req: OrderRequest, gatewayName: string): string[] {
  const problems: string[] = [];
  const expect = (field: string, actual: unknown, wanted: unknown): void => {
    if (actual !== wanted) {
      problems.push(`${field} is ${JSON.stringify(actual)}, the request said ${JSON.stringify(wanted)}`);
    }
  };
  expect("gatewayName", order.gatewayName, gatewayName);
  expect("vtSymbol", order.vtSymbol, req.vtSymbol);
  expect("direction", order.direction, req.direction);
  expect("type", order.type, req.type);
  expect("volume", order.volume, req.volume);
  if (!sameNumber(order.price, req.price))
    problems.push(`price is ${order.price}, the request said ${req.price}`);
  expect("reference", order.reference, req.reference);
  expect("vtOrderid", order.vtOrderid, `${order.gatewayName}.${order.orderid}`);
  return problems;
}

/**
 * Violations in the sequence of snapshots of one order: identity or volume changing, traded
 * going down or beyond the volume, a status inconsistent with traded, a return to SUBMITTING, a
 * change after a terminal status (ALLTRADED, CANCELLED, REJECTED).
 */
export function lifecycleProblems(updates: readonly OrderData[]): string[] {
  const first = updates[0];
  if (first === undefined) return [];
  const problems: string[] = [];
  let previous: OrderData | undefined;
  for (const order of updates) {
    const at = `${order.vtOrderid} ${order.status}`;
    if (
      order.vtSymbol !== first.vtSymbol ||
      order.direction !== first.direction ||
      order.orderid !== first.orderid
    ) {
      problems.push(
        `${at}: identity changed (vtSymbol, direction or orderid differs from the first snapshot)`,
      );
    }
    if (order.volume !== first.volume)
      problems.push(`${at}: volume changed from ${first.volume} to ${order.volume}`);
    if (!(order.traded >= 0 && order.traded <= order.volume)) {
      problems.push(`${at}: traded ${order.traded} outside [0, ${order.volume}]`);
    }
    if (order.status === Status.NOTTRADED && order.traded !== 0)
      problems.push(`${at} but traded is ${order.traded}`);
    if (order.status === Status.PARTTRADED && !(order.traded > 0 && order.traded < order.volume)) {
      problems.push(`${at} but traded is ${order.traded} of ${order.volume}`);
    }
    if (order.status === Status.ALLTRADED && order.traded !== order.volume) {
      problems.push(`${at} but traded is ${order.traded} of ${order.volume}`);
    }
    if (previous !== undefined) {
      if (order.traded < previous.traded)
        problems.push(`${at}: traded went down from ${previous.traded} to ${order.traded}`);
      if (TERMINAL.has(previous.status) && order.status !== previous.status) {
        problems.push(`${at}: changed status after the terminal ${previous.status}`);
      }
      if (order.status === Status.SUBMITTING && previous.status !== Status.SUBMITTING) {
        problems.push(`${at}: went back to SUBMITTING after ${previous.status}`);
      }
    }
    previous = order;
  }
  return problems;
}

/** What is wrong with one trade of `order`: ids, side, numbers, and a price beyond the limit. */
export function tradeProblems(trade: TradeData, order: OrderData): string[] {
  const at = `trade ${trade.vtTradeid}`;
  const problems: string[] = [];
  if (trade.gatewayName !== order.gatewayName)
    problems.push(`${at}: gatewayName ${JSON.stringify(trade.gatewayName)}`);
  if (trade.orderid !== order.orderid)
    problems.push(`${at}: orderid ${trade.orderid}, the order's is ${order.orderid}`);
  if (trade.vtSymbol !== order.vtSymbol)
    problems.push(`${at}: vtSymbol ${trade.vtSymbol}, the order's is ${order.vtSymbol}`);
  if (trade.direction !== order.direction) {
    problems.push(`${at}: direction ${trade.direction}, the order's is ${order.direction}`);
  }
  if (trade.vtTradeid !== `${trade.gatewayName}.${trade.tradeid}`)
    problems.push(`${at}: vtTradeid is not gatewayName.tradeid`);
  if (!(Number.isFinite(trade.price) && trade.price > 0))
    problems.push(`${at}: price ${trade.price} is not > 0`);
  if (!(Number.isFinite(trade.volume) && trade.volume > 0))
    problems.push(`${at}: volume ${trade.volume} is not > 0`);
  if (!(trade.datetime instanceof Date) || Number.isNaN(trade.datetime.getTime())) {
    problems.push(`${at}: datetime is not a valid Date`);
  }
  if (order.type === OrderType.LIMIT) {
    const worse =
      order.direction === Direction.LONG
        ? trade.price > order.price && !sameNumber(trade.price, order.price)
        : order.direction === Direction.SHORT &&
          trade.price < order.price &&
          !sameNumber(trade.price, order.price);
    if (worse) problems.push(`${at}: price ${trade.price} is worse than the limit ${order.price}`);
  }
  return problems;
}

/** True for ALLTRADED, CANCELLED and REJECTED. */
export function isFinished(order: Pick<OrderData, "status">): boolean {
  return TERMINAL.has(order.status);
}
