import { Status } from "@tsgate/core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { BridgeError, NatsBridgeClient } from "../src/index.js";
import { fillingBuy, type Host, startHost, until, VT_SYMBOL } from "./harness.js";
import { startNatsServer, type TestNatsServer } from "./nats-server.js";

const HOST_PASS = "host-Secret-7731";
const ALPHA_PASS = "alpha-Secret-9902";

/**
 * The hard-isolation example of the README: user `alpha` may publish requests to gateway A only,
 * use JetStream only for its consumers on A's stream, and subscribe to A's events only.
 */
const PERMISSIONS_CONFIG = `
authorization {
  users = [
    { user: "host", password: "${HOST_PASS}" }
    {
      user: "alpha", password: "${ALPHA_PASS}"
      permissions: {
        publish: {
          allow: [
            "tsgate.A.req.>",
            "$JS.API.INFO",
            "$JS.API.CONSUMER.*.TSGATE_A.>",
            "$JS.API.CONSUMER.DURABLE.CREATE.TSGATE_A.>",
            "$JS.API.CONSUMER.MSG.NEXT.TSGATE_A.>",
            "$JS.ACK.TSGATE_A.>"
          ]
        }
        subscribe: { allow: ["tsgate.A.>", "_INBOX.>"] }
      }
    }
  ]
}
`;

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
  nats = await startNatsServer({ config: PERMISSIONS_CONFIG });
  const credentials = { user: "host", pass: HOST_PASS };
  hostA = await startHost(nats.url, "A", { credentials });
  hostB = await startHost(nats.url, "B", { credentials });
});

afterAll(async () => {
  await hostA?.close();
  await hostB?.close();
  await nats?.dispose();
});

const alpha = (gatewayName: string, pass = ALPHA_PASS) =>
  NatsBridgeClient.connect({ servers: nats.url, user: "alpha", pass, gatewayName, clientId: "alpha" });

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
  for (const secret of [HOST_PASS, ALPHA_PASS]) expect(logs).not.toContain(secret);
});
