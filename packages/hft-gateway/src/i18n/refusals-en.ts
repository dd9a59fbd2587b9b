/**
 * The en reasons the gateway itself refuses an order for: the same `refusal.*` codes and
 * parameters as `refusals-zh-cn.ts`.
 *
 * @module
 */
import type { refusalsZhCN } from "./refusals-zh-cn.js";

/** Every code of {@link refusalsZhCN}, in English. */
export const refusalsEn: typeof refusalsZhCN = {
  "refusal.exchange": (p) => `exchange ${p.exchange} is not traded by this gateway (SSE and SZSE only)`,
  "refusal.symbol": (p) => `symbol ${p.symbol} is not a security code: expected text such as "600000"`,
  "refusal.noContract": (p) =>
    `no contract for ${p.vtSymbol}: unknown symbol, or contracts are not loaded yet (wait for the trade login)`,
  "refusal.direction": (p) =>
    `direction ${p.direction} is not an order direction: use LONG (buy) or SHORT (sell)`,
  "refusal.offset": (p) =>
    `offset ${p.offset} with direction ${p.direction} needs a margin account; a cash account buys (LONG, NONE/OPEN) and sells holdings (SHORT, NONE/CLOSE)`,
  "refusal.orderType": (p) => `order type ${p.type} is not supported: use LIMIT, MARKET, FAK or FOK`,
  "refusal.orderTypeExchange": (p) =>
    `order type ${p.type} (${p.vendorType}, ${p.text}) is not accepted by ${p.exchange}: use LIMIT or MARKET there`,
  "refusal.notConnected": () => "not connected: call connect() first",
};
