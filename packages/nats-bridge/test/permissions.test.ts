import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { EVENT_TRADE, Status, type TradeData } from "@tsgate/core";
import { connect, type NatsConnection } from "nats";
import { afterAll, beforeAll, expect, it } from "vitest";
import { BridgeError, NatsBridgeClient } from "../src/index.js";
import { fillingBuy, type Host, startHost, until, VT_SYMBOL } from "./helpers/gateway-host.js";
import { startNatsServer, type TestNatsServer } from "./helpers/nats-server.js";

const HOST_PASS = "host-Secret-7731";
const ALPHA_PASS = "alpha-Secret-9902";
const BETA_PASS = "beta-Secret-4410";

/**
 * The hard-isolation example of the README, read from the README itself (one home for it): users
 * `alpha` and `beta` may publish requests to gateway A only, use JetStream only for their own
 * consumer on A's stream, and subscribe to A's events and their own inbox only.
 */
const README = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "..", "README.md"), "utf8");
const PERMISSIONS_CONFIG = /```\n(authorization \{[\s\S]*?\n\})\n```/.exec(README)?.[1];
if (PERMISSIONS_CONFIG === undefined) throw new Error("README.md has no ``` authorization { ... } ``` block");

let nats: TestNatsServer;
let hostA: Host;
let hostB: Host;

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
  nats = await startNatsServer({
    config: PERMISSIONS_CONFIG,
    env: { HOST_PASS, ALPHA_PASS, BETA_PASS },
  });
  const credentials = { user: "host", pass: HOST_PASS };
  hostA = await startHost(nats.url, "A", { credentials });
  hostB = await startHost(nats.url, "B", { credentials });
});

afterAll(async () => {
  await hostA?.close();
  await hostB?.close();
  await nats?.dispose();
});

/** A client of `user` as the README says to connect it: its own client id and inbox prefix. */
const connectAs = (user: "alpha" | "beta", gatewayName: string, pass: string, clientId: string = user) =>
  NatsBridgeClient.connect({
    servers: nats.url,
    user,
    pass,
    gatewayName,
    clientId,
    nats: { inboxPrefix: `_INBOX_${user}` },
  });
const alpha = (gatewayName: string, pass = ALPHA_PASS) => connectAs("alpha", gatewayName, pass);

it("a user allowed on gateway A trades there", async () => {
  const client = await alpha("A");
  const vtOrderid = await client.sendOrder(fillingBuy(client.getContract(VT_SYMBOL)!.limitUp!));
  await until(() => client.getOrder(vtOrderid)?.status === Status.ALLTRADED, "the fill on A");
  await client.close();
});

it("the same user is refused by NATS on gateway B's subjects, and B sees nothing", async () => {
  const refused = await rejection(alpha("B"));
  expect(refused.code).toBe("PERMISSION_DENIED");
  expect(refused.message).toMatch(/B/);
  expect(refused.message).not.toContain(ALPHA_PASS);

  // A raw request on B's order subject from alpha's connection is refused as well.
  const client = await alpha("A");
  let error: unknown;
  try {
    await client.nc.request("tsgate.B.req.sendOrder", new Uint8Array(), { timeout: 5_000 });
  } catch (e) {
    error = e;
  }
  expect(String(error)).toMatch(/permissions violation/i);
  await client.close();
  expect(hostB.main.getAllOrders()).toEqual([]);
});

it("wrong credentials fail with PERMISSION_DENIED; secrets appear in no message or log", async () => {
  const wrong = await rejection(alpha("A", "not-the-password"));
  expect(wrong.code).toBe("PERMISSION_DENIED");
  expect(wrong.message).not.toContain("not-the-password");
  const logs = [...hostA.main.getAllLogs(), ...hostB.main.getAllLogs()].map((l) => l.msg).join("\n");
  expect(logs).toContain("bridging gateway A");
  for (const secret of [HOST_PASS, ALPHA_PASS, BETA_PASS]) expect(logs).not.toContain(secret);
});

/** Resolves with the error NATS answers a request with (a permissions violation), or fails. */
async function refusedRequest(nc: NatsConnection, subject: string, body = ""): Promise<string> {
  try {
    await nc.request(subject, new TextEncoder().encode(body), { timeout: 5_000 });
  } catch (error) {
    return String(error);
  }
  throw new Error(`NATS answered a request on ${subject}`);
}

it("beta can neither pull, ack, delete, inspect nor impersonate alpha's consumer; alpha gets all it missed", async () => {
  // alpha's durable consumer exists; alpha goes away.
  let client = await alpha("A");
  const limitUp = client.getContract(VT_SYMBOL)!.limitUp!;
  await client.close();

  // Three fills while alpha is away.
  const missedOrders = [0, 1, 2].map(() => hostA.main.sendOrder(fillingBuy(limitUp), "A"));
  await until(
    () => missedOrders.every((id) => hostA.main.getOrder(id)?.status === Status.ALLTRADED),
    "the missed orders filled",
  );
  await hostA.bridge.flushDurable();
  const missed = hostA.main
    .getAllTrades()
    .filter((t) => missedOrders.includes(t.vtOrderid))
    .map((t) => t.vtTradeid);
  expect(missed).toHaveLength(3);

  // beta, with its own valid credentials, goes after alpha's consumer directly.
  const beta = await connect({
    servers: nats.url,
    user: "beta",
    pass: BETA_PASS,
    inboxPrefix: "_INBOX_beta",
  });
  const violations: string[] = [];
  (async () => {
    for await (const status of beta.status()) {
      const context = (status as { permissionContext?: { operation: string; subject: string } })
        .permissionContext;
      if (status.data === "PERMISSIONS_VIOLATION" && context !== undefined) {
        violations.push(`${context.operation} ${context.subject}`);
      }
    }
  })().catch(() => {});
  const consumer = "TSGATE_A.client_alpha";
  const pull = JSON.stringify({ batch: 10, expires: 1_000_000_000 });
  expect(await refusedRequest(beta, `$JS.API.CONSUMER.MSG.NEXT.${consumer}`, pull)).toMatch(
    /permissions violation/i,
  );
  expect(await refusedRequest(beta, `$JS.API.CONSUMER.INFO.${consumer}`)).toMatch(/permissions violation/i);
  expect(await refusedRequest(beta, `$JS.API.CONSUMER.DELETE.${consumer}`)).toMatch(/permissions violation/i);
  expect(await refusedRequest(beta, `$JS.API.CONSUMER.DURABLE.CREATE.${consumer}`, "{}")).toMatch(
    /permissions violation/i,
  );
  // An ack is a plain publish: NATS refuses it and says so on the connection's status.
  beta.publish(`$JS.ACK.${consumer}.1.1.1.0.0`);
  await beta.flush();
  await until(
    () => violations.includes(`publish $JS.ACK.${consumer}.1.1.1.0.0`),
    "NATS refusing beta's ack on alpha's consumer",
  );
  // Listening on alpha's inbox (where alpha's pulls are answered) is refused too.
  const sniffed = new Promise<string>((resolve) => {
    beta.subscribe("_INBOX_alpha.>", { callback: (error) => resolve(String(error)) });
  });
  expect(await sniffed).toMatch(/permissions violation/i);
  await beta.close();

  // beta through the bridge client, as client id "alpha": refused at connect.
  const impersonation = await rejection(connectAs("beta", "A", BETA_PASS, "alpha"));
  expect(impersonation.code).toBe("PERMISSION_DENIED");
  expect(impersonation.message).not.toContain(BETA_PASS);
  // beta's own client works.
  const own = await connectAs("beta", "A", BETA_PASS);
  await own.close();

  // alpha comes back and receives every fill it missed, once.
  const replayed: string[] = [];
  client = await alpha("A");
  client.register(EVENT_TRADE, (e) => replayed.push((e.data as TradeData).vtTradeid));
  await until(() => missed.every((id) => replayed.includes(id)), "alpha replaying its 3 missed fills");
  expect(replayed.filter((id) => missed.includes(id)).sort()).toEqual([...missed].sort());
  await client.close();
});
