// What the field checks cost on the tick path: createTick (checked) against the same frozen
// object literal built without checks, on a realistic 5-level tick. Run it by hand:
// `npm run build && npx tsx bench/factories.bench.ts` (a few seconds; not part of `npm run bench`).
// It measures the built package, as users run it: through tsx, cross-module calls in src cost more.
import { createTick, Exchange, type TickData, type TickInit } from "../dist/index.js";

const ROUNDS = 7;
const PER_ROUND = 500_000;

function unchecked(init: TickInit): TickData {
  return Object.freeze({
    gatewayName: init.gatewayName,
    symbol: init.symbol,
    exchange: init.exchange,
    vtSymbol: `${init.symbol}.${init.exchange}`,
    datetime: init.datetime,
    name: init.name ?? "",
    volume: init.volume ?? 0,
    turnover: init.turnover ?? 0,
    openInterest: init.openInterest ?? 0,
    lastPrice: init.lastPrice ?? 0,
    lastVolume: init.lastVolume ?? 0,
    limitUp: init.limitUp ?? 0,
    limitDown: init.limitDown ?? 0,
    openPrice: init.openPrice ?? 0,
    highPrice: init.highPrice ?? 0,
    lowPrice: init.lowPrice ?? 0,
    preClose: init.preClose ?? 0,
    bidPrice1: init.bidPrice1 ?? 0,
    bidPrice2: init.bidPrice2 ?? 0,
    bidPrice3: init.bidPrice3 ?? 0,
    bidPrice4: init.bidPrice4 ?? 0,
    bidPrice5: init.bidPrice5 ?? 0,
    askPrice1: init.askPrice1 ?? 0,
    askPrice2: init.askPrice2 ?? 0,
    askPrice3: init.askPrice3 ?? 0,
    askPrice4: init.askPrice4 ?? 0,
    askPrice5: init.askPrice5 ?? 0,
    bidVolume1: init.bidVolume1 ?? 0,
    bidVolume2: init.bidVolume2 ?? 0,
    bidVolume3: init.bidVolume3 ?? 0,
    bidVolume4: init.bidVolume4 ?? 0,
    bidVolume5: init.bidVolume5 ?? 0,
    askVolume1: init.askVolume1 ?? 0,
    askVolume2: init.askVolume2 ?? 0,
    askVolume3: init.askVolume3 ?? 0,
    askVolume4: init.askVolume4 ?? 0,
    askVolume5: init.askVolume5 ?? 0,
    localtime: init.localtime,
  });
}

function init(i: number): TickInit {
  const last = 7.3 + (i % 10) / 100;
  const now = new Date(1_700_000_000_000 + i);
  return {
    gatewayName: "HFT",
    symbol: i % 2 === 0 ? "600000" : "000001",
    exchange: i % 2 === 0 ? Exchange.SSE : Exchange.SZSE,
    datetime: now,
    localtime: now,
    name: "浦发银行",
    volume: 1_000_000 + i,
    turnover: 7_300_000 + i,
    lastPrice: last,
    openPrice: 7.2,
    highPrice: 7.5,
    lowPrice: 7.1,
    preClose: 7.25,
    limitUp: 7.98,
    limitDown: 6.53,
    bidPrice1: last - 0.01,
    bidPrice2: last - 0.02,
    bidPrice3: last - 0.03,
    bidPrice4: last - 0.04,
    bidPrice5: last - 0.05,
    askPrice1: last,
    askPrice2: last + 0.01,
    askPrice3: last + 0.02,
    askPrice4: last + 0.03,
    askPrice5: last + 0.04,
    bidVolume1: 100,
    bidVolume2: 200,
    bidVolume3: 300,
    bidVolume4: 400,
    bidVolume5: 500,
    askVolume1: 100,
    askVolume2: 200,
    askVolume3: 300,
    askVolume4: 400,
    askVolume5: 500,
  };
}

// Inputs are built once so the loop measures the factory, not the input.
const inputs = Array.from({ length: 1024 }, (_, i) => init(i));
let sink = 0;

function nsPerCall(make: (init: TickInit) => TickData): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < PER_ROUND; i++) sink += make(inputs[i & 1023] as TickInit).lastPrice;
  return Number(process.hrtime.bigint() - start) / PER_ROUND;
}

// The minimum, not the median: on a shared machine other processes only ever add time.
const best = (xs: number[]): number => Math.min(...xs);
const checked: number[] = [];
const plain: number[] = [];
nsPerCall(createTick);
nsPerCall(unchecked);
for (let round = 0; round < ROUNDS; round++) {
  checked.push(nsPerCall(createTick));
  plain.push(nsPerCall(unchecked));
}
const c = best(checked);
const p = best(plain);
console.log(
  `createTick: ${c.toFixed(0)} ns checked, ${p.toFixed(0)} ns unchecked, +${(c - p).toFixed(0)} ns per tick (best of ${ROUNDS} x ${PER_ROUND}; sink ${sink > 0})`,
);
