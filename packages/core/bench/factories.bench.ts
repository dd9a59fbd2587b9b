// What the field checks cost on the tick path: createTick (checked) against the same frozen tick
// built by its own unchecked half (tickFields), on a realistic 5-level tick. Run it by hand:
// `npx tsx bench/factories.bench.ts` (a few seconds; not part of `npm run bench`). Both come from
// src through tsx, so both pay the same cross-module call cost (the built package is faster).
import { Exchange, type TickInit } from "../src/index.js";
import { createTick, type TickData, tickFields } from "../src/objects/tick.js";

const ROUNDS = 7;
const PER_ROUND = 500_000;

/** The same tick with no checks: createTick's own field defaults, frozen as createTick freezes. */
const unchecked = (init: TickInit): TickData => Object.freeze(tickFields(init));

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
