/**
 * Property tests of `validateOrder` (issue 7): generated valid orders on every board are accepted;
 * each rule violation is refused with a reason naming the rule and the values; validation never
 * throws; prices with float noise are scaled exactly. Cross-checked in-process against the mock
 * broker's own A-share rules: contracts come from the broker's security records (as after a
 * trade login), and every order is also placed on a `Broker`, so the gateway and the server must
 * agree on every rule the gateway checks (volume, lot, tick, limits).
 *
 * Seeded (override with FC_SEED=<n>); fast-check prints the seed and the shrunk counterexample.
 */

import { type Board, boardOfCode, maxOrderVolume } from "@tsgate/ashare-rules";
import { type ContractData, Direction, Exchange, Offset, type OrderRequest, OrderType } from "@tsgate/core";
import { fromScaled, type SecurityRecord, toScaled } from "@tsgate/hft-native";
import {
  Broker,
  demoConfigInput,
  ErrorCode,
  parseMockConfig,
  QueryKind,
  OrderType as WireOrderType,
  type SecurityRecord as WireSecurityRecord,
  Side as WireSide,
} from "@tsgate/mock-server";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ContractStore } from "../src/contracts.js";
import { ORDERTYPE_VT2HFT } from "../src/mappings.js";
import { validateOrder as validateIn } from "../src/order-validation.js";
import { rawOrderRequest } from "./helpers/raw-requests.js";

/** The checks with English reasons, which the patterns below match. */
const validateOrder = (req: OrderRequest, contract: ContractData | undefined) =>
  validateIn(req, contract, "en");
/** The boards as the en reasons name them. */
const BOARD_EN: Record<Board, string> = { main: "main board", chinext: "ChiNext", star: "STAR" };

/** A limit as the reason names it: with as many decimals as the tick is written with (0.01 → 2). */
function toTick(price: number | undefined, tick: number): string {
  return (price ?? 0).toFixed(String(tick).split(".")[1]?.length ?? 0);
}

const SEED = Number(process.env.FC_SEED ?? 20_261_126);
const params = { seed: SEED, numRuns: 300 } as const;

const ACCOUNT = "prop";
/** The board's largest order (shares) of a contract, for limit or market orders. */
const capOf = (c: ContractData, market: boolean): number =>
  maxOrderVolume(boardOfCode(c.symbol), market ? "market" : "limit");
/** Server codes of the rules the gateway checks too; any other code is the server's alone. */
const GATEWAY_CHECKED = new Set<number>([
  ErrorCode.ORDER_BAD_LOT,
  ErrorCode.ORDER_STAR_MIN_VOLUME,
  ErrorCode.ORDER_BAD_TICK,
  ErrorCode.ORDER_ABOVE_LIMIT_UP,
  ErrorCode.ORDER_BELOW_LIMIT_DOWN,
  ErrorCode.ORDER_INVALID_TYPE_OR_SIDE,
  ErrorCode.ORDER_INVALID_PRICE_OR_VOLUME,
  ErrorCode.ORDER_ABOVE_MAX_VOLUME,
]);

/**
 * A broker with the demo instruments (main board SH/SZ, ChiNext, STAR, ST, an ETF, a 4-digit
 * price), always open, and an account rich enough that cash and holdings rarely decide.
 */
function newBroker(): Broker {
  const input = structuredClone(demoConfigInput) as unknown as {
    accounts: unknown[];
    instruments: { code: string; market: string }[];
  };
  input.accounts = [
    {
      accountId: ACCOUNT,
      password: "x",
      cash: 100_000_000_000,
      positions: input.instruments.map((inst) => ({
        symbol: `${inst.market}.${inst.code}`,
        volume: 10_000_000_000,
        ydVolume: 10_000_000_000,
        costPrice: 1,
      })),
    },
  ];
  return new Broker(parseMockConfig(input));
}

/** The gateway's contracts, built from the broker's security records as after a trade login. */
function contractsOf(broker: Broker): ContractData[] {
  const rsp = broker.query(ACCOUNT, {
    requestId: 1,
    kind: QueryKind.Securities,
    posStr: "",
    queryNum: 500,
    symbol: "",
  });
  expect(rsp.errorCode).toBe(0);
  const store = new ContractStore("HFT", () => {});
  const contracts: ContractData[] = [];
  for (const wire of rsp.records as WireSecurityRecord[]) {
    const record: SecurityRecord = {
      ...wire,
      preClose: fromScaled(wire.preClose),
      limitUp: fromScaled(wire.limitUp),
      limitDown: fromScaled(wire.limitDown),
      priceTick: fromScaled(wire.priceTick),
    };
    const contract = store.addSecurity(record);
    if (contract !== undefined) contracts.push(contract);
  }
  return contracts;
}

const BROKER = newBroker();
const CONTRACTS = contractsOf(BROKER);
const STAR = CONTRACTS.find((c) => c.symbol.startsWith("688"));
const MAIN = CONTRACTS.find((c) => c.symbol === "600000");

/** Scaled (×10,000) integer of a contract price. */
const units = (yuan: number | undefined): number => toScaled("test", yuan ?? 0);

/** Places the order the gateway would send on a fresh copy of the rules; the server's code. */
function serverCode(broker: Broker, req: OrderRequest, volume = req.volume): number {
  const market = req.exchange === Exchange.SSE ? "SH" : "SZ";
  const limit = req.type === OrderType.LIMIT;
  const rsp = broker.placeOrder(ACCOUNT, {
    clOrderId: "",
    symbol: `${market}.${req.symbol}`,
    orderType: WireOrderType[ORDERTYPE_VT2HFT[req.type] ?? "LMT"],
    side: req.direction === Direction.LONG ? WireSide.Bid : WireSide.Ask,
    volume,
    price: limit ? toScaled("price", req.price) : 0,
  });
  return rsp.errorCode;
}

function order(contract: ContractData, init: Partial<Parameters<typeof rawOrderRequest>[0]>): OrderRequest {
  return rawOrderRequest({
    symbol: contract.symbol,
    exchange: contract.exchange,
    direction: Direction.LONG,
    type: OrderType.LIMIT,
    volume: contract.minVolume,
    price: contract.limitDown ?? 1,
    ...init,
  });
}

const contractArb = fc.constantFrom(...CONTRACTS);

/** Text of any value, for building test requests (String() throws for null-prototype objects). */
function safeText(value: unknown): string {
  try {
    return String(value);
  } catch {
    return "?";
  }
}

/** Price units on the contract's tick between its limits. */
function onTickUnits(c: ContractData): fc.Arbitrary<number> {
  const tick = units(c.pricetick);
  const low = Math.ceil(units(c.limitDown) / tick);
  const high = Math.floor(units(c.limitUp) / tick);
  return fc.integer({ min: low, max: high }).map((t) => t * tick);
}

/**
 * The same price written the ways strategies compute it: exact, as a sum of two prices
 * (10.1 + 0.2 = 10.299999999999999), as cents × 0.01, or as yuan ÷ 10,000.
 */
function noisy(priceUnits: number): fc.Arbitrary<number> {
  return fc.oneof(
    fc.constant(priceUnits / 10_000),
    fc.integer({ min: 0, max: priceUnits }).map((a) => a / 10_000 + (priceUnits - a) / 10_000),
    fc
      .integer({ min: 0, max: Math.floor(priceUnits / 100) })
      .map((a) => (a * 100) / 10_000 + (priceUnits - a * 100) / 10_000),
    fc.constant(priceUnits % 100 === 0 ? (priceUnits / 100) * 0.01 : priceUnits * 0.0001),
    fc.constant(Number.parseFloat((priceUnits / 10_000).toPrecision(15))),
  );
}

/** Valid buy volumes of a contract: the minimum plus whole steps, up to the board's cap. */
function buyVolume(c: ContractData, cap: number): fc.Arbitrary<number> {
  const steps = Math.floor((cap - c.minVolume) / c.volumeStep);
  return fc
    .oneof(
      fc.integer({ min: 0, max: Math.min(steps, 50) }),
      fc.integer({ min: 0, max: steps }),
      fc.constant(steps),
    )
    .map((k) => c.minVolume + k * c.volumeStep);
}

/** A valid order for a contract: buy or sell (any offset a cash account accepts), limit or market. */
const validOrder = fc.tuple(contractArb, fc.boolean()).chain(([c, market]) =>
  fc
    .record({
      buy: fc.boolean(),
      buyVolume: buyVolume(c, capOf(c, market)),
      sellVolume: fc.integer({ min: 1, max: capOf(c, market) }),
      market: fc.constant(market),
      priceUnits: onTickUnits(c),
      buyOffset: fc.constantFrom(Offset.NONE, Offset.OPEN),
      sellOffset: fc.constantFrom(Offset.NONE, Offset.CLOSE, Offset.CLOSETODAY, Offset.CLOSEYESTERDAY),
    })
    .chain((o) =>
      noisy(o.priceUnits).map((price) => ({
        contract: c,
        priceUnits: o.priceUnits,
        req: order(c, {
          direction: o.buy ? Direction.LONG : Direction.SHORT,
          offset: o.buy ? o.buyOffset : o.sellOffset,
          type: o.market ? OrderType.MARKET : OrderType.LIMIT,
          volume: o.buy ? o.buyVolume : o.sellVolume,
          price: o.market ? 0 : price,
        }),
      })),
    ),
);

/** No message shows float noise such as 10.299999999999999 or 2.0100000000000002. */
const NOISE = /\d\.\d*(9{6,}|0{6,}[1-9])/;

describe("validateOrder properties", () => {
  it("the contracts under test cover every board", () => {
    expect(CONTRACTS.map((c) => c.vtSymbol).sort()).toEqual(
      demoConfigInput.instruments.map((i) => `${i.code}.${i.market === "SH" ? "SSE" : "SZSE"}`).sort(),
    );
    expect(STAR).toMatchObject({ minVolume: 200, volumeStep: 1 });
    expect(MAIN).toMatchObject({ minVolume: 100, volumeStep: 100, pricetick: 0.01 });
  });

  it("accepts every valid order on every board, exactly scaled, and so does the server", () => {
    const broker = newBroker();
    fc.assert(
      fc.property(validOrder, ({ contract, priceUnits, req }) => {
        const result = validateOrder(req, contract);
        if (!result.ok) throw new Error(`refused ${JSON.stringify(req)}: ${result.reason}`);
        const market = contract.exchange === Exchange.SSE ? "SH" : "SZ";
        expect(result.order.symbol).toBe(`${market}.${contract.symbol}`);
        expect(result.order.side).toBe(req.direction === Direction.LONG ? "Bid" : "Ask");
        expect(result.order.volume).toBe(req.volume);
        if (req.type === OrderType.LIMIT) {
          expect(result.order.orderType).toBe("LMT");
          // Whatever float noise the price carried, the wire gets the exact price.
          expect(toScaled("price", result.order.price)).toBe(priceUnits);
        } else {
          expect(result.order).toMatchObject({ orderType: "B5TC", price: 0 });
        }
        const code = serverCode(broker, req);
        expect(GATEWAY_CHECKED.has(code), `server code ${code}`).toBe(false);
      }),
      params,
    );
  });

  it("refuses each rule violation with a reason naming the rule and the values, as the server does", () => {
    type Case = { req: OrderRequest; contract: ContractData; reason: RegExp; server?: number[] };
    const violation: fc.Arbitrary<Case> = contractArb.chain((c) => {
      const tick = units(c.pricetick);
      const up = units(c.limitUp);
      const down = units(c.limitDown);
      const lot = c.volumeStep;
      const cases: fc.Arbitrary<Case>[] = [
        // Buy below the minimum (100; STAR 200).
        fc.integer({ min: 1, max: c.minVolume - 1 }).map((v) => ({
          req: order(c, { volume: v }),
          contract: c,
          reason: new RegExp(
            `^buy volume ${v} is below the minimum of ${c.minVolume} shares for ${c.vtSymbol}$`,
          ),
          server: [ErrorCode.ORDER_BAD_LOT, ErrorCode.ORDER_STAR_MIN_VOLUME],
        })),
        // Volume that is not a positive whole number.
        fc
          .oneof(
            fc.integer({ max: 0 }),
            fc.double({ min: 0.01, max: 1e6, noNaN: true }).filter((v) => !Number.isInteger(v)),
            fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53),
          )
          .chain((v) =>
            fc.boolean().map((buy) => ({
              req: order(c, { volume: v, direction: buy ? Direction.LONG : Direction.SHORT }),
              contract: c,
              reason: new RegExp(
                `^volume ${String(v).replace(/[.+]/g, "\\$&")} is not a positive whole number of shares$`,
              ),
              server: [ErrorCode.ORDER_INVALID_PRICE_OR_VOLUME],
            })),
          ),
        // Above the board's largest order of the type (STAR 100,000 / 50,000, ChiNext 300,000 /
        // 150,000, main board 1,000,000).
        fc
          .tuple(fc.integer({ min: 1, max: 100_000_000 }), fc.boolean(), fc.boolean())
          .map(([extra, buy, market]) => {
            const cap = capOf(c, market);
            const v = cap + extra;
            const kind = market ? "market" : "limit";
            return {
              req: order(c, {
                volume: buy ? v - ((v - c.minVolume) % lot) : v,
                direction: buy ? Direction.LONG : Direction.SHORT,
                type: market ? OrderType.MARKET : OrderType.LIMIT,
              }),
              contract: c,
              reason: new RegExp(
                `^volume \\d+ is above the maximum of ${cap} shares per ${kind} order on ${BOARD_EN[boardOfCode(c.symbol)]}$`,
              ),
              server: [ErrorCode.ORDER_ABOVE_MAX_VOLUME],
              cap,
            };
          })
          .filter((k) => k.req.volume > k.cap)
          .map(({ cap: _cap, ...k }) => k),
        // Limit price off the tick (still at most 4 decimals, inside the limits).
        fc
          .integer({ min: Math.ceil(down / tick), max: Math.floor(up / tick) - 1 })
          .chain((t) => fc.integer({ min: 1, max: tick - 1 }).map((off) => t * tick + off))
          .chain((u) =>
            noisy(u).map((price) => ({
              req: order(c, { price }),
              contract: c,
              reason: new RegExp(`^price ${u / 10_000} is not a multiple of the tick ${c.pricetick}$`),
              server: [ErrorCode.ORDER_BAD_TICK],
            })),
          ),
        // Above limit-up / below limit-down, on the tick.
        fc.integer({ min: 1, max: 1000 }).map((k) => ({
          req: order(c, { price: (up + k * tick) / 10_000 }),
          contract: c,
          reason: new RegExp(
            `^price ${(up + k * tick) / 10_000} is above the limit-up price ${toTick(c.limitUp, c.pricetick)} of ${c.vtSymbol}$`,
          ),
          server: [ErrorCode.ORDER_ABOVE_LIMIT_UP],
        })),
        fc.integer({ min: 1, max: Math.floor(down / tick) - 1 }).map((k) => ({
          req: order(c, { price: (down - k * tick) / 10_000, direction: Direction.SHORT }),
          contract: c,
          reason: new RegExp(
            `^price ${(down - k * tick) / 10_000} is below the limit-down price ${toTick(c.limitDown, c.pricetick)} of ${c.vtSymbol}$`,
          ),
          server: [ErrorCode.ORDER_BELOW_LIMIT_DOWN],
        })),
        // Not a price: zero, negative, not finite, more than 4 decimals (cannot go on the wire).
        fc
          .oneof(
            fc.constantFrom(0, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
            fc.integer({ min: -1_000_000, max: -1 }).map((u) => u / 100),
            fc.integer({ min: down, max: up - 1 }).map((u) => u / 10_000 + 0.000_03),
          )
          .map((price) => ({
            req: order(c, { price }),
            contract: c,
            reason: /^limit price \S+ is not a positive price with at most 4 decimals$/,
          })),
        // What a cash account cannot do, and what this gateway does not trade.
        fc
          .constantFrom(
            {
              direction: Direction.SHORT,
              offset: Offset.OPEN,
              reason: /^offset OPEN with direction SHORT needs a margin account/,
            },
            {
              direction: Direction.LONG,
              offset: Offset.CLOSE,
              reason: /^offset CLOSE with direction LONG needs a margin account/,
            },
            {
              direction: Direction.LONG,
              offset: Offset.CLOSETODAY,
              reason: /^offset CLOSETODAY with direction LONG/,
            },
            {
              direction: Direction.NET,
              offset: Offset.NONE,
              reason: /^direction NET is not an order direction/,
            },
          )
          .map(({ direction, offset, reason }) => ({
            req: order(c, { direction, offset }),
            contract: c,
            reason,
          })),
        fc.constantFrom("STOP" as OrderType, "" as OrderType).map((type) => ({
          req: order(c, { type }),
          contract: c,
          reason: new RegExp(`^order type ${type} is not supported: use LIMIT, MARKET, FAK or FOK$`),
        })),
      ];
      if (c.exchange === Exchange.SSE) {
        // SSE has no IOC and no all-or-nothing market order.
        cases.push(
          fc.constantFrom(OrderType.FAK, OrderType.FOK).map((type) => ({
            req: order(c, { type, price: 0 }),
            contract: c,
            reason: new RegExp(
              `^order type ${type} \\((IOC|AON), .*\\) is not accepted by SSE: use LIMIT or MARKET there$`,
            ),
            server: [ErrorCode.ORDER_INVALID_TYPE_OR_SIDE],
          })),
        );
      }
      if (lot > 1) {
        // Buy above the minimum but not in whole lots.
        cases.push(
          fc.tuple(fc.integer({ min: 0, max: 9_000 }), fc.integer({ min: 1, max: lot - 1 })).map(([k, r]) => {
            const v = c.minVolume + k * lot + r;
            return {
              req: order(c, { volume: v }),
              contract: c,
              reason: new RegExp(`^buy volume ${v} is not a multiple of the lot \\(${lot} shares\\)$`),
              server: [ErrorCode.ORDER_BAD_LOT],
            };
          }),
        );
      }
      return fc.oneof(...cases);
    });
    const broker = newBroker();
    fc.assert(
      fc.property(violation, ({ req, contract, reason, server }) => {
        const result = validateOrder(req, contract);
        expect(result.ok).toBe(false);
        const text = result.ok ? "" : result.reason;
        expect(text).toMatch(reason);
        // Valid-looking prices are shown without float noise (bad values are shown as given).
        if (text.startsWith("price ")) expect(text).not.toMatch(NOISE);
        if (server !== undefined) {
          // The server refuses it for the same rule (volume sent as is: in-process, not encoded).
          expect(server).toContain(serverCode(broker, req));
        }
      }),
      params,
    );
  });

  it("agrees with the server on every order it checks: order type by exchange, volume, lot, tick and limits", () => {
    // Orders near every boundary: volumes around the lots and the maximum, prices around the
    // limits and off the tick. Both sides see the same order; exactly the gateway's refusals
    // must be refusals for a rule the server checks too.
    const broker = newBroker();
    const near = (edges: number[], spread: number) =>
      fc.oneof(
        fc.constantFrom(...edges).chain((e) => fc.integer({ min: -spread, max: spread }).map((d) => e + d)),
        fc.integer({ min: 1, max: Math.max(...edges) * 2 }),
      );
    const orders = contractArb.chain((c) =>
      fc
        .record({
          buy: fc.boolean(),
          type: fc.constantFrom(OrderType.LIMIT, OrderType.MARKET, OrderType.FAK, OrderType.FOK),
          volume: near(
            [c.minVolume, c.minVolume + c.volumeStep, 1000, capOf(c, false), capOf(c, true)],
            150,
          ).filter((v) => v > 0),
          priceUnits: near([units(c.limitDown), units(c.limitUp), units(c.limitUp) / 1.1], 250).filter(
            (u) => u > 0,
          ),
        })
        .map((o) => ({
          contract: c,
          req: order(c, {
            direction: o.buy ? Direction.LONG : Direction.SHORT,
            type: o.type,
            volume: o.volume,
            price: o.type === OrderType.LIMIT ? Math.round(o.priceUnits) / 10_000 : 0,
          }),
        })),
    );
    fc.assert(
      fc.property(orders, ({ contract, req }) => {
        const result = validateOrder(req, contract);
        const code = serverCode(broker, req);
        const serverRefusesCheckedRule = GATEWAY_CHECKED.has(code);
        expect(
          { gatewayAccepts: result.ok, serverRefusesCheckedRule },
          `${JSON.stringify(req)}: gateway ${result.ok ? "ok" : result.reason}; server ${code}`,
        ).toEqual({ gatewayAccepts: !serverRefusesCheckedRule, serverRefusesCheckedRule });
      }),
      { ...params, numRuns: 500 },
    );
  });

  it("refuses orders for unknown contracts and unsupported exchanges", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9A-Z]{1,8}$/),
        fc.constantFrom(Exchange.SSE, Exchange.SZSE, "SHFE", "CFFEX", "BSE", "__proto__", "constructor"),
        (symbol, exchange) => {
          const req = rawOrderRequest({
            symbol,
            exchange: exchange as Exchange,
            direction: Direction.LONG,
            type: OrderType.LIMIT,
            volume: 100,
            price: 10,
          });
          const result = validateOrder(req, undefined);
          expect(result.ok).toBe(false);
          const text = result.ok ? "" : result.reason;
          if (exchange === Exchange.SSE || exchange === Exchange.SZSE) {
            expect(text).toBe(
              `no contract for ${symbol}.${exchange}: unknown symbol, or contracts are not loaded yet (wait for the trade login)`,
            );
          } else {
            expect(text).toBe(`exchange ${exchange} is not traded by this gateway (SSE and SZSE only)`);
          }
        },
      ),
      params,
    );
  });

  it("never throws, whatever the request and the contract hold", () => {
    const weird = fc.oneof(
      fc.anything({ maxDepth: 1, withBigInt: true, withNullPrototype: true }),
      fc.constantFrom("__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"),
    );
    const field = <T>(arb: fc.Arbitrary<T>) =>
      fc.oneof({ weight: 3, arbitrary: arb }, { weight: 1, arbitrary: weird });
    const request = fc
      .record({
        symbol: field(fc.constantFrom("600000", "688981", "000001", "")),
        exchange: field(fc.constantFrom(...Object.values(Exchange))),
        direction: field(fc.constantFrom(...Object.values(Direction))),
        type: field(fc.constantFrom(...Object.values(OrderType))),
        offset: field(fc.constantFrom(...Object.values(Offset))),
        volume: field(fc.oneof(fc.integer(), fc.double())),
        price: field(
          fc.oneof(
            fc.double(),
            fc.integer().map((u) => u / 100),
          ),
        ),
      })
      .map(
        (r) =>
          ({
            ...r,
            vtSymbol: `${safeText(r.symbol)}.${safeText(r.exchange)}`,
            reference: "",
          }) as unknown as OrderRequest,
      );
    // Contracts are the gateway's own (built by ContractStore), so only their numbers go wrong.
    const badNumber = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(0, -1, Number.NaN));
    const contract = fc.oneof(
      fc.constant(undefined),
      contractArb,
      contractArb.chain((c) =>
        fc
          .record({
            pricetick: badNumber,
            minVolume: badNumber,
            volumeStep: badNumber,
            limitUp: badNumber,
            limitDown: badNumber,
            maxVolume: fc.option(badNumber, { nil: undefined }),
          })
          .map((broken) => ({ ...c, ...broken }) as unknown as ContractData),
      ),
    );
    fc.assert(
      fc.property(request, contract, (req, c) => {
        let result: ReturnType<typeof validateOrder> | undefined;
        expect(() => {
          result = validateOrder(req, c);
        }).not.toThrow();
        if (result?.ok === false) {
          expect(typeof result.reason).toBe("string");
          expect(result.reason.length).toBeGreaterThan(0);
        }
        if (result?.ok === true) {
          // Only real enum values get through; prototype keys such as "toString" never do.
          expect(["Bid", "Ask"]).toContain(result.order.side);
          expect(Object.values(ORDERTYPE_VT2HFT)).toContain(result.order.orderType);
          expect(result.order.symbol.slice(0, 3)).toMatch(/^(SH|SZ)\.$/);
          expect(Number.isSafeInteger(result.order.volume) && result.order.volume > 0).toBe(true);
        }
      }),
      { ...params, numRuns: 500 },
    );
  });
});
