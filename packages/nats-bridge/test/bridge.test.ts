import {
  createCancelRequest,
  createSubscribeRequest,
  EVENT_ORDER,
  EVENT_TICK,
  EVENT_TRADE,
  Exchange,
  eventType,
  MainEngine,
  type OrderData,
  Status,
  type TickData,
  type TradeData,
} from "@tsgate/core";
import { InMemoryGateway } from "@tsgate/core/sim";
import { connect } from "nats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BridgeError,
  NatsBridgeClient,
  type NatsBridgeClientOptions,
  NatsBridgeServer,
} from "../src/index.js";
import type { StrategyState } from "./fixtures/remote-strategy.js";
import {
  brokerTradeIds,
  fillingBuy,
  type Host,
  omsState,
  restingBuy,
  SYMBOL,
  startHost,
  until,
  VT_SYMBOL,
} from "./helpers/gateway-host.js";
import { startNatsServer, type TestNatsServer } from "./helpers/nats-server.js";
import { StrategyProcess } from "./helpers/strategy-process.js";

const GW = "HFT";
let nats: TestNatsServer;
let host: Host;
let alice: NatsBridgeClient;
let bob: StrategyProcess;
let dora: StrategyProcess;
const aliceTicks: TickData[] = [];
const aliceTrades: TradeData[] = [];

const clientOptions = (
  clientId: string,
  extra: Partial<NatsBridgeClientOptions> = {},
): NatsBridgeClientOptions => ({
  servers: nats.url,
  gatewayName: GW,
  clientId,
  ...extra,
});

async function rejection(promise: Promise<unknown>): Promise<BridgeError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BridgeError) return error;
    throw error;
  }
  throw new Error("expected a rejection");
}

beforeAll(async () => {
  nats = await startNatsServer();
  host = await startHost(nats.url, GW, {}, "hft");
  alice = await NatsBridgeClient.connect(clientOptions("alice"));
  alice.register(eventType(EVENT_TICK, VT_SYMBOL), (e) => aliceTicks.push(e.data));
  alice.register(EVENT_TRADE, (e) => aliceTrades.push(e.data as TradeData));
  await alice.subscribe(createSubscribeRequest({ symbol: SYMBOL, exchange: Exchange.SSE }));
  [bob, dora] = await Promise.all([
    StrategyProcess.start(clientOptions("bob", { orderEvents: "own" })),
    StrategyProcess.start(clientOptions("dora", { orderEvents: "own" })),
  ]);
  await Promise.all([
    bob.send({ cmd: "subscribe", symbol: SYMBOL }),
    dora.send({ cmd: "subscribe", symbol: SYMBOL }),
  ]);
});

afterAll(async () => {
  await Promise.all([bob?.stop(), dora?.stop()]);
  await alice?.close();
  await host?.close();
  await nats?.dispose();
});

/** Polls a strategy process (bounded) until `done(state)` holds; returns the last state. */
async function stateOf(
  strategy: StrategyProcess,
  done: (state: StrategyState) => boolean,
): Promise<StrategyState> {
  let state = await strategy.send<StrategyState>({ cmd: "state" });
  for (let i = 0; i < 300 && !done(state); i++) {
    await new Promise((r) => setTimeout(r, 50));
    state = await strategy.send<StrategyState>({ cmd: "state" });
  }
  return state;
}

describe("two remote strategy processes", () => {
  it("receive the same ticks", async () => {
    const [bobState, doraState] = await Promise.all([
      stateOf(bob, (s) => s.ticks.length >= 10),
      stateOf(dora, (s) => s.ticks.length >= 10),
    ]);
    const seq = (ticks: StrategyState["ticks"]) => ticks.map((t) => JSON.stringify(t));
    const bobTicks = seq(bobState.ticks);
    const doraTicks = seq(doraState.ticks);
    const aliceTicksSeq = aliceTicks.map((t) =>
      JSON.stringify([t.datetime.getTime(), t.lastPrice, t.volume]),
    );
    expect(bobTicks.length).toBeGreaterThanOrEqual(10);
    expect(doraTicks.length).toBeGreaterThanOrEqual(10);
    // From the later of the two first ticks on, both saw the same ticks in the same order.
    const from = Math.max(aliceTicksSeq.indexOf(bobTicks[0]!), aliceTicksSeq.indexOf(doraTicks[0]!));
    const common = aliceTicksSeq[from]!;
    const b = bobTicks.slice(bobTicks.indexOf(common));
    const d = doraTicks.slice(doraTicks.indexOf(common));
    const overlap = Math.min(b.length, d.length);
    expect(bobTicks.indexOf(common)).toBeGreaterThanOrEqual(0);
    expect(doraTicks.indexOf(common)).toBeGreaterThanOrEqual(0);
    expect(overlap).toBeGreaterThan(0);
    expect(b.slice(0, overlap)).toEqual(d.slice(0, overlap));
    // ...and the same as the in-process client alice.
    expect(aliceTicksSeq.slice(from, from + overlap)).toEqual(b.slice(0, overlap));
    // The same tick object shape as in-process, Dates included.
    const local = host.main.getTick(VT_SYMBOL)!;
    expect(Object.keys(alice.getTick(VT_SYMBOL)!).sort()).toEqual(Object.keys(local).sort());
    expect(alice.getTick(VT_SYMBOL)!.datetime).toBeInstanceOf(Date);
  });

  it("send orders that reach the mock broker; each gets only its own fills; the OMS is shared", async () => {
    const limitUp = alice.getTick(VT_SYMBOL)!.limitUp;
    const [bobOrder, doraOrder] = await Promise.all([
      bob.send<string>({ cmd: "buy", symbol: SYMBOL, price: limitUp, volume: 100 }),
      dora.send<string>({ cmd: "buy", symbol: SYMBOL, price: limitUp, volume: 100 }),
    ]);
    const aliceOrder = await alice.sendOrder(fillingBuy(limitUp, "alice"));
    const all = [aliceOrder, bobOrder, doraOrder];
    expect(new Set(all).size).toBe(3);
    // All reached the gateway on the host and filled there...
    await until(
      () => all.every((id) => host.main.getOrder(id)?.status === Status.ALLTRADED),
      "the three orders ALLTRADED on the host",
    );
    const hostTrades = host.main.getAllTrades();
    const tradesOf = (id: string) => hostTrades.filter((t) => t.vtOrderid === id).map((t) => t.vtTradeid);
    const allTrades = all.flatMap(tradesOf);
    // ...with fills the mock broker reported.
    expect(brokerTradeIds(host.mock!, GW)).toEqual(expect.arrayContaining(allTrades));
    // Each strategy process got its own fills as events, and only those; its OMS view has all.
    for (const [strategy, order] of [
      [bob, bobOrder],
      [dora, doraOrder],
    ] as const) {
      const state = await stateOf(
        strategy,
        (s) =>
          allTrades.every((id) => s.omsTrades.includes(id)) && s.tradeEvents.length >= tradesOf(order).length,
      );
      expect([...state.tradeEvents].sort()).toEqual(tradesOf(order).sort());
      expect(state.myOrders).toEqual([order]);
      expect(state.omsTrades).toEqual(expect.arrayContaining(allTrades));
    }
    // Alice (orderEvents "all") sees every fill, and knows which order is hers.
    await until(() => allTrades.every((id) => aliceTrades.some((t) => t.vtTradeid === id)), "alice's fills");
    expect(all.map((id) => alice.isMine(id))).toEqual([true, false, false]);
    expect(alice.getMyOrders().map((o) => o.vtOrderid)).toEqual([aliceOrder]);
    expect(
      alice
        .getMyTrades()
        .map((t) => t.vtTradeid)
        .sort(),
    ).toEqual(tradesOf(aliceOrder).sort());
    // Alice's OMS view equals the host's.
    await host.bridge.flushDurable();
    await until(
      () => JSON.stringify(omsState(alice)) === JSON.stringify(omsState(host.main)),
      "alice's OMS view to match the host's",
    );
  });

  it("cancel an order and query the host's OMS and status", async () => {
    const orders: OrderData[] = [];
    alice.register(EVENT_ORDER, (e) => orders.push(e.data as OrderData));
    const vtOrderid = await alice.sendOrder(restingBuy(alice.getTick(VT_SYMBOL)!.limitDown));
    await until(
      () => alice.getOrder(vtOrderid)?.status === Status.NOTTRADED,
      "the resting order acknowledged",
    );
    await alice.cancelOrder(createCancelRequest(alice.getOrder(vtOrderid)!));
    await until(() => alice.getOrder(vtOrderid)?.status === Status.CANCELLED, "the order CANCELLED");
    const statuses = orders.filter((o) => o.vtOrderid === vtOrderid).map((o) => o.status);
    expect(statuses[0]).toBe(Status.SUBMITTING);
    expect(statuses).toContain(Status.NOTTRADED);
    expect(statuses.at(-1)).toBe(Status.CANCELLED);
    const remote = await alice.query("orders");
    expect(remote.find((o) => o.vtOrderid === vtOrderid)?.status).toBe(Status.CANCELLED);
    expect((await alice.query("contracts")).map((c) => c.vtSymbol)).toContain(VT_SYMBOL);
    expect((await alice.query("activeOrders", VT_SYMBOL)).map((o) => o.vtOrderid)).not.toContain(vtOrderid);
    const gatewayStatuses = await alice.status();
    expect(gatewayStatuses.map((s) => `${s.side}:${s.state}`).sort()).toEqual([
      "MARKET:CONNECTED",
      "TRADE:CONNECTED",
    ]);
  });
});

describe("durable replay", () => {
  it("a restarted client replays the trades it missed exactly once and rebuilds its OMS view", async () => {
    const limitUp = alice.getTick(VT_SYMBOL)!.limitUp;
    const carolTrades: string[] = [];
    let carol = await NatsBridgeClient.connect(clientOptions("carol"));
    carol.register(EVENT_TRADE, (e) => carolTrades.push((e.data as TradeData).vtTradeid));
    const first = await carol.sendOrder(fillingBuy(limitUp));
    await until(() => carol.getMyTrades().length > 0 && carolTrades.length > 0, "carol's first fill");
    await carol.close();
    const seenBefore = new Set(carolTrades);

    // While carol is away: two more fills, one of them from an order carol had sent before.
    const missedOrders = [
      await alice.sendOrder(fillingBuy(limitUp)),
      await alice.sendOrder(fillingBuy(limitUp)),
    ];
    await until(
      () => missedOrders.every((id) => host.main.getOrder(id)?.status === Status.ALLTRADED),
      "the missed orders filled",
    );
    await host.bridge.flushDurable();
    const missed = host.main
      .getAllTrades()
      .filter((t) => missedOrders.includes(t.vtOrderid))
      .map((t) => t.vtTradeid);

    const replayed: string[] = [];
    carol = await NatsBridgeClient.connect(clientOptions("carol"));
    carol.register(EVENT_TRADE, (e) => replayed.push((e.data as TradeData).vtTradeid));
    await until(() => missed.every((id) => replayed.includes(id)), "carol replaying the missed trades");
    // A later fill as a barrier: everything before it in the stream has been delivered.
    const barrier = await alice.sendOrder(fillingBuy(limitUp));
    await until(() => carol.getOrder(barrier)?.status === Status.ALLTRADED, "the barrier order at carol");
    await until(
      () => replayed.some((id) => host.main.getTrade(id)?.vtOrderid === barrier),
      "the barrier trade at carol",
    );
    const beforeBarrier = replayed.filter((id) => host.main.getTrade(id)?.vtOrderid !== barrier);
    expect(beforeBarrier.sort()).toEqual([...missed].sort());
    expect(beforeBarrier.some((id) => seenBefore.has(id))).toBe(false);
    // Ownership survives the restart; the OMS view is the host's.
    expect(carol.isMine(first)).toBe(true);
    await host.bridge.flushDurable();
    await until(
      () => JSON.stringify(omsState(carol)) === JSON.stringify(omsState(host.main)),
      "carol's OMS view to match the host's",
    );
    await carol.close();
  });
});

describe("typed errors", () => {
  it("names the problem: no server, trading not allowed, bad request, closed client", async () => {
    const nobody = await rejection(
      NatsBridgeClient.connect({ ...clientOptions("alice"), gatewayName: "NOPE" }),
    );
    expect(nobody.code).toBe("NO_SERVER");
    expect(nobody.message).toContain("NOPE");

    const readOnly = await startHost(nats.url, "RO", { allowRemoteTrading: ["dave"] });
    try {
      const eve = await NatsBridgeClient.connect({ ...clientOptions("eve"), gatewayName: "RO" });
      const limitUp = eve.getContract(VT_SYMBOL)!.limitUp!;
      const refused = await rejection(eve.sendOrder(fillingBuy(limitUp)));
      expect(refused.code).toBe("TRADING_NOT_ALLOWED");
      expect(refused.message).toContain('"eve"');
      const dave = await NatsBridgeClient.connect({ ...clientOptions("dave"), gatewayName: "RO" });
      expect(await dave.sendOrder(fillingBuy(limitUp))).toMatch(/^RO\./);
      const bad = await rejection(dave.sendOrder({ ...fillingBuy(limitUp), volume: Number.NaN }));
      expect(bad.code).toBe("BAD_REQUEST");
      expect(bad.message).toContain("volume");
      await dave.close();
      await eve.close();
      const closed = await rejection(eve.status());
      expect(closed.code).toBe("CLOSED");
    } finally {
      await readOnly.close();
    }
  });
});

describe("large replies", () => {
  it("snapshots and query results above the chunk size arrive whole, in chunks", async () => {
    const small = await startHost(nats.url, "CHUNKY", { replyChunkBytes: 200 });
    try {
      await small.bridge.flushDurable();
      const client = await NatsBridgeClient.connect({ ...clientOptions("frank"), gatewayName: "CHUNKY" });
      const canon = (items: readonly object[]) => items.map((i) => JSON.stringify(i)).sort();
      expect(canon(client.getAllContracts())).toEqual(canon(small.main.getAllContracts()));
      // The contracts alone take several 200-byte chunks.
      expect(JSON.stringify(small.main.getAllContracts()).length).toBeGreaterThan(2 * 200);
      expect(canon(await client.query("contracts"))).toEqual(canon(small.main.getAllContracts()));
      await until(
        () => JSON.stringify(omsState(client)) === JSON.stringify(omsState(small.main)),
        "frank's OMS view to match the host's",
      );
      await client.close();
    } finally {
      await small.close();
    }
  });
});

describe("host restart", () => {
  it("a restarted gateway host receives the connected clients' subscriptions again", async () => {
    let restartable = await startHost(nats.url, "RESTART");
    const client = await NatsBridgeClient.connect({ ...clientOptions("grace"), gatewayName: "RESTART" });
    try {
      const ticks: TickData[] = [];
      client.register(eventType(EVENT_TICK, "000001.SZSE"), (e) => ticks.push(e.data));
      await client.subscribe(createSubscribeRequest({ symbol: "000001", exchange: Exchange.SZSE }));
      await until(() => ticks.length > 0, "a tick before the restart");
      await restartable.close();
      // Meanwhile nobody answers on the gateway's request subjects.
      const down = await rejection(client.status());
      expect(down.code).toBe("NO_SERVER");
      restartable = await startHost(nats.url, "RESTART");
      const seen = ticks.length;
      await until(() => ticks.length > seen, "a tick from the restarted host");
      expect(restartable.main.getTick("000001.SZSE")).toBeDefined();
    } finally {
      await client.close();
      await restartable.close();
    }
  });
});

describe("connection ownership", () => {
  it("a server given an open NatsConnection uses it and leaves it open on close", async () => {
    const nc = await connect({ servers: nats.url });
    const main = new MainEngine();
    main.addGateway(InMemoryGateway, "SHARED");
    const server = await NatsBridgeServer.attach(main, { nats: nc, gatewayName: "SHARED" });
    try {
      expect(server.nc).toBe(nc);
      const client = await NatsBridgeClient.connect({ ...clientOptions("henry"), gatewayName: "SHARED" });
      const refused = await rejection(client.sendOrder(fillingBuy(8)));
      expect(refused.code).toBe("TRADING_NOT_ALLOWED"); // allowRemoteTrading defaults to false
      await client.close();
    } finally {
      await server.close();
      await main.close();
    }
    expect(nc.isClosed()).toBe(false);
    await nc.close();
  });
});
