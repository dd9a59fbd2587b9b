import { EVENT_TRADE, Status, type TradeData } from "@tsgate/core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { BridgeError, NatsBridgeClient } from "../src/index.js";
import { fillingBuy, type Host, omsState, startHost, until, VT_SYMBOL } from "./helpers/gateway-host.js";
import { startNatsServer, type TestNatsServer } from "./helpers/nats-server.js";

const GW = "HFT";
let nats: TestNatsServer;
let host: Host;

beforeAll(async () => {
  nats = await startNatsServer();
  host = await startHost(nats.url, GW, {}, "hft");
});

afterAll(async () => {
  await host?.close();
  await nats?.dispose();
});

it("NATS down: requests fail with NATS_UNAVAILABLE; after a restart on the same store nothing is lost", async () => {
  const client = await NatsBridgeClient.connect({
    servers: nats.url,
    gatewayName: GW,
    clientId: "survivor",
    requestTimeoutMs: 2_000,
  });
  const trades: string[] = [];
  client.register(EVENT_TRADE, (e) => trades.push((e.data as TradeData).vtTradeid));
  const limitUp = client.getContract(VT_SYMBOL)!.limitUp!;
  const before = await client.sendOrder(fillingBuy(limitUp));
  await until(() => client.getOrder(before)?.status === Status.ALLTRADED, "the first fill");

  await nats.stop();
  await until(() => !client.isConnected, "the client noticing the outage");
  let refused: unknown;
  try {
    await client.sendOrder(fillingBuy(limitUp));
  } catch (error) {
    refused = error;
  }
  expect(refused).toBeInstanceOf(BridgeError);
  expect((refused as BridgeError).code).toBe("NATS_UNAVAILABLE");
  expect((refused as BridgeError).message).toMatch(/NATS connection is down/);

  // The gateway keeps trading on the host meanwhile (e.g. a local strategy's order fills).
  const whileDown = host.main.sendOrder(fillingBuy(limitUp), GW);
  await until(() => host.main.getOrder(whileDown)?.status === Status.ALLTRADED, "the host-side fill");
  const missed = host.main
    .getAllTrades()
    .filter((t) => t.vtOrderid === whileDown)
    .map((t) => t.vtTradeid);
  expect(missed.length).toBeGreaterThan(0);

  await nats.restart();
  await until(() => client.isConnected, "the client reconnecting", 30_000);
  await until(() => missed.every((id) => trades.includes(id)), "the missed trades", 30_000);
  await host.bridge.flushDurable();
  const after = await client.sendOrder(fillingBuy(limitUp));
  await until(() => client.getOrder(after)?.status === Status.ALLTRADED, "a fill after the outage", 30_000);
  await until(
    () => JSON.stringify(omsState(client)) === JSON.stringify(omsState(host.main)),
    "the client's OMS view to match the host's",
  );
  // Every trade exactly once.
  expect(new Set(trades).size).toBe(trades.length);
  expect(trades.filter((id) => missed.includes(id)).length).toBe(missed.length);
  await client.close();
});

it("a client closes promptly while NATS is down", async () => {
  const client = await NatsBridgeClient.connect({ servers: nats.url, gatewayName: GW, clientId: "leaver" });
  await nats.stop();
  try {
    await until(() => !client.isConnected, "the client noticing the outage");
    await client.close();
    expect(client.nc.isClosed()).toBe(true);
  } finally {
    await nats.restart();
  }
});
